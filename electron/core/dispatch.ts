import { api, isProcedureName, type ProcedureName, type ProcedureOutput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { parseInput } from '../../shared/parse-input';
import type { CoreContext } from './context';
import type { Handlers } from './handler-types';

/**
 * The single entry into the core for every host: names the procedure, parses its input with the
 * contract's schema (hosts are never trusted to have done it), then runs the handler.
 */
export async function dispatch(
  handlers: Handlers<ProcedureName>,
  ctx: CoreContext,
  name: string,
  rawInput: unknown,
): Promise<ProcedureOutput<ProcedureName>> {
  if (!isProcedureName(name)) throw new AppError('NOT_FOUND', `Unknown procedure "${name}".`);
  const input = parseInput(api[name].input, name, rawInput);
  const handler = handlers[name] as (input: unknown, ctx: CoreContext) => Promise<unknown> | unknown;
  return (await handler(input, ctx)) as ProcedureOutput<ProcedureName>;
}

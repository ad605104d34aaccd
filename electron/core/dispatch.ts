import { api, isProcedureName, type ProcedureName, type ProcedureOutput } from '../../shared/api';
import { AppError } from '../../shared/errors';
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
  const parsed = api[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new AppError('INVALID_INPUT', `Invalid input for ${name}: ${issues.map((i) => `${i.path || 'input'}: ${i.message}`).join('; ')}`, { issues });
  }
  const handler = handlers[name] as (input: unknown, ctx: CoreContext) => Promise<unknown> | unknown;
  return (await handler(parsed.data, ctx)) as ProcedureOutput<ProcedureName>;
}

import { api, isProcedureName, type ParsedInput, type ProcedureName, type ProcedureOutput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { parseInput } from '../../shared/parse-input';
import { markDamaged } from '../db/damage-marker';
import { log, safeError } from '../log/log';
import type { CoreContext } from './context';
import type { Handlers } from './handler-types';

/**
 * The single entry into the core for every host: names the procedure, parses its input with the
 * contract's schema (hosts are never trusted to have done it), then runs the handler.
 */
export async function dispatch(handlers: Handlers<ProcedureName>, ctx: CoreContext, name: string, rawInput: unknown): Promise<ProcedureOutput<ProcedureName>> {
  const started = performance.now();
  try {
    const input = parseProcedureInput(name, rawInput);
    const handler = handlers[name as ProcedureName] as (input: unknown, ctx: CoreContext) => unknown;
    const output = (await handler(input, ctx)) as ProcedureOutput<ProcedureName>;
    logCall(name, started, null);
    return output;
  } catch (caught) {
    const error = damagedDatabase(caught, ctx.database.path) ?? caught;
    logCall(name, started, error);
    throw error;
  }
}

/** Calls slower than this are logged, so a report of "Inflow was slow" can be matched to what ran. */
const SLOW_CALL_MS = 100;

/** A refusal the collector saw (bad input, a conflict) is a short line; anything else is logged with where it came from. */
function logCall(name: string, started: number, error: unknown): void {
  const ms = Math.round(performance.now() - started);
  const procedure = isProcedureName(name) ? name : 'unknown';
  if (error === null) {
    if (ms > SLOW_CALL_MS) log.info('core.call.slow', { procedure, ms });
  } else if (error instanceof AppError && error.code !== 'INTERNAL') {
    log.info('core.call.refused', { procedure, ms, code: error.code });
  } else {
    log.error('core.call.failed', { procedure, ms, ...safeError(error) });
  }
}

/** Names the procedure and parses its input with the contract's schema. */
export function parseProcedureInput<P extends ProcedureName>(name: P | string, rawInput: unknown): ParsedInput<P> {
  if (!isProcedureName(name)) throw new AppError('NOT_FOUND', `Unknown procedure "${name}".`);
  return parseInput(api[name].input, name, rawInput) as ParsedInput<P>;
}

/** Damage deep in the file shows only when a page is read: say so plainly, not as an internal error. */
function damagedDatabase(error: unknown, path: string): AppError | null {
  const code = (error as { code?: unknown }).code;
  if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB') return null;
  markDamaged(path);
  return new AppError(
    'DB_CORRUPT',
    `${path} is damaged (${(error as Error).message}). Restore the latest backup (Settings → Data and backups, or restart Inflow).`,
    { reason: 'damaged' },
  );
}

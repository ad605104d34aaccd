import { log, safeError } from '../log/log';
import type { z } from 'zod';
import { isShellProcedureName, shellApi, type FileProcedureName, type ShellApi, type ShellProcedureName } from '../../shared/shell-api';
import { AppError } from '../../shared/errors';
import { parseInput } from '../../shared/parse-input';
import { busyReason } from '../../shared/shell-settings';
import type { CoreClient } from './core-client';

type Handler<K extends ShellProcedureName> = (input: z.output<ShellApi[K]['input']>) => Promise<ShellApi[K]['output']>;

/** A host's implementation of the shell procedures (the desktop shell's, the web host's). */
export type ShellHandlers = { [K in Exclude<ShellProcedureName, FileProcedureName>]: Handler<K> };
/** Picking and dropping files: the IPC host's own (a dialog, bytes over IPC); a browser uploads them itself. */
export type FileHandlers = { [K in FileProcedureName]: Handler<K> };

/** Names the shell procedure and parses its input (the window is never trusted to have), then runs it. */
export async function dispatchShell(handlers: Partial<ShellHandlers & FileHandlers>, name: string, raw: unknown): Promise<unknown> {
  const handler = isShellProcedureName(name) ? (handlers[name] as ((input: unknown) => Promise<unknown>) | undefined) : undefined;
  if (!isShellProcedureName(name) || !handler) throw new AppError('NOT_FOUND', `This host has no shell procedure "${name}".`);
  return handler(parseInput(shellApi[name].input, name, raw));
}

/** Refuses (CONFLICT, with the reason) while the core sends mail or runs a job: the same decision the updater waits on. */
export async function refuseWhileBusy(core: Pick<CoreClient, 'call'>, what: string): Promise<void> {
  // A core that cannot say (it is in recovery) is not busy.
  const busy = await core.call('app.busy', {}).catch((error: unknown) => {
    log.info('core.busy.unknown', safeError(error));
    return null;
  });
  const reason = busyReason(busy);
  if (reason) throw new AppError('CONFLICT', `Inflow cannot ${what} now. ${reason}`, { reason: 'busy' });
}

import { writeFileSync } from 'node:fs';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { droppedFileSchema, updateActionSchema, type UpdateAction } from '../../shared/api';
import { toErrorShape } from '../../shared/errors';
import { IPC_CHANNELS } from '../../shared/ipc';
import type { UpdateStatus } from '../../shared/shell-settings';
import type { CoreClient } from './core-client';
import { dispatchShell, type ShellHandlers } from './shell-dispatch';
import { isTrustedSender } from './trusted-sender';
import { openUploadStaging, STAGED_FILE_MODE } from './upload-staging';

const { rpc: RPC_CHANNEL, event: EVENT_CHANNEL, pickFile: PICK_FILE_CHANNEL, update: UPDATE_CHANNEL, stageDropped: STAGE_DROPPED_CHANNEL, shell: SHELL_CHANNEL } = IPC_CHANNELS;

/**
 * The Electron host: relays the contract over IPC. Only the top frame showing our own renderer may call (checked before any input is read),
 * inputs are validated by the core's dispatch, and errors come back as data (not thrown) so their
 * code and details survive Electron's error serialisation.
 */
export function registerIpcHost(
  core: CoreClient,
  isAppUrl: (url: string) => boolean,
  update?: (action: UpdateAction) => Promise<UpdateStatus>,
  shell?: ShellHandlers,
): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => isTrustedSender(event.senderFrame, isAppUrl);

  ipcMain.handle(RPC_CHANNEL, async (event, name: unknown, input: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Untrusted sender.' } };
    try {
      return { ok: true, result: await core.dispatch(String(name), input) };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  });

  ipcMain.handle(PICK_FILE_CHANNEL, async (event, accept: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Untrusted sender.' } };
    const extensions = Array.isArray(accept) ? accept.filter((e): e is string => typeof e === 'string' && /^\.?\w{1,8}$/.test(e)).map((e) => e.replace(/^\./, '')) : [];
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = { properties: ['openFile' as const], filters: extensions.length ? [{ name: 'Exports', extensions }] : [] };
    const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    if (picked.canceled || !picked.filePaths[0]) return { ok: true, result: null };
    return { ok: true, result: await core.stageFile(picked.filePaths[0]) };
  });

  // A dropped file arrives as bytes, written under a name of our own: the renderer never names a path to read.
  const drops = openUploadStaging();
  ipcMain.handle(STAGE_DROPPED_CHANNEL, async (event, name: unknown, bytes: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Untrusted sender.' } };
    const parsed = droppedFileSchema.safeParse({ name, bytes });
    if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: `Dropped file refused: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.` } };
    const path = drops.nextPath();
    writeFileSync(path, new Uint8Array(parsed.data.bytes), { flag: 'wx', mode: STAGED_FILE_MODE });
    return { ok: true, result: await core.stageFile(path, parsed.data.name, { temporary: true }) };
  });

  ipcMain.handle(UPDATE_CHANNEL, async (event, action: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Untrusted sender.' } };
    const parsed = updateActionSchema.safeParse(action);
    if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown update action.' } };
    if (!update) return { ok: true, result: { state: 'off', version: null, message: 'Updates are not available here.', checkedAt: null } satisfies UpdateStatus };
    try {
      return { ok: true, result: await update(parsed.data) };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  });

  ipcMain.handle(SHELL_CHANNEL, async (event, name: unknown, input: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Untrusted sender.' } };
    if (!shell) return { ok: false, error: { code: 'NOT_FOUND', message: 'This host has no shell procedures.' } };
    try {
      return { ok: true, result: await dispatchShell(shell, String(name), input) };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  });

  const unsubscribe = core.onEvent((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, event);
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(RPC_CHANNEL);
    ipcMain.removeHandler(PICK_FILE_CHANNEL);
    ipcMain.removeHandler(UPDATE_CHANNEL);
    ipcMain.removeHandler(STAGE_DROPPED_CHANNEL);
    drops.close();
    ipcMain.removeHandler(SHELL_CHANNEL);
  };
}

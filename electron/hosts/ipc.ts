import { writeFileSync } from 'node:fs';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { toErrorShape } from '../../shared/errors';
import { IPC_CHANNELS } from '../../shared/ipc';
import type { CoreClient } from './core-client';
import { dispatchShell, type FileHandlers, type ShellHandlers } from './shell-dispatch';
import { isTrustedSender } from './trusted-sender';
import { openUploadStaging, STAGED_FILE_MODE } from './upload-staging';

const { rpc: RPC_CHANNEL, event: EVENT_CHANNEL, shell: SHELL_CHANNEL } = IPC_CHANNELS;

/**
 * The Electron host: relays the contract over IPC. Only the top frame showing our own renderer may call (checked before any input is read),
 * inputs are validated by the core's dispatch, and errors come back as data (not thrown) so their
 * code and details survive Electron's error serialisation.
 */
export function registerIpcHost(core: CoreClient, isAppUrl: (url: string) => boolean, shell?: ShellHandlers): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => isTrustedSender(event.senderFrame, isAppUrl);

  ipcMain.handle(RPC_CHANNEL, async (event, name: unknown, input: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Untrusted sender.' } };
    try {
      return { ok: true, result: await core.dispatch(String(name), input) };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  });

  // A dropped file arrives as bytes, written under a name of our own: the renderer never names a path to read.
  const drops = openUploadStaging();
  /** The file procedures, for the window that asked (its dialog opens over it). */
  const files = (event: IpcMainInvokeEvent): FileHandlers => ({
    'file.pick': async ({ accept }) => {
      const window = BrowserWindow.fromWebContents(event.sender);
      const extensions = accept.map((extension) => extension.slice(1));
      const options = { properties: ['openFile' as const], filters: extensions.length ? [{ name: 'Exports', extensions }] : [] };
      const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      if (picked.canceled || !picked.filePaths[0]) return null;
      return core.stageFile(picked.filePaths[0]);
    },
    'file.stageDropped': async ({ name, bytes }) => {
      const path = drops.nextPath();
      writeFileSync(path, new Uint8Array(bytes), { flag: 'wx', mode: STAGED_FILE_MODE });
      return core.stageFile(path, name, { temporary: true });
    },
  });

  ipcMain.handle(SHELL_CHANNEL, async (event, name: unknown, input: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Untrusted sender.' } };
    try {
      return { ok: true, result: await dispatchShell({ ...shell, ...files(event) }, String(name), input) };
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
    ipcMain.removeHandler(SHELL_CHANNEL);
    drops.close();
  };
}

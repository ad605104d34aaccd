import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS } from '../../shared/ipc';

/** The passphrase page's preload: one named function, nothing else of Electron. */
const PASSPHRASE_CHANNEL = IPC_CHANNELS.passphrase;

contextBridge.exposeInMainWorld('inflowPassphrase', {
  submit: (passphrase: string): Promise<unknown> => ipcRenderer.invoke(PASSPHRASE_CHANNEL, passphrase),
});

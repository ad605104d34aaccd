import { contextBridge, ipcRenderer } from 'electron';

/** The passphrase page's preload: one named function, nothing else of Electron. */
const PASSPHRASE_CHANNEL = 'inflow:passphrase';

contextBridge.exposeInMainWorld('inflowPassphrase', {
  submit: (passphrase: string): Promise<unknown> => ipcRenderer.invoke(PASSPHRASE_CHANNEL, passphrase),
});

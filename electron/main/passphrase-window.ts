import { BrowserWindow, ipcMain } from 'electron';
import { IPC_CHANNELS } from '../../shared/ipc';
import { passphraseSubmissionSchema } from '../../shared/passphrase';
import { isTrustedSender } from '../hosts/trusted-sender';
import { keepOnPage, lockedWebPreferences } from './create-window';
import { appUrlMatcher } from './security/app-url';

const PASSPHRASE_CHANNEL = IPC_CHANNELS.passphrase;

export interface PassphrasePrompt<T> {
  pageUrl: string;
  preload: string;
  /** First run (choose a passphrase) or unlock. */
  create: boolean;
  /** Tries the passphrase; throws with a message to show (wrong passphrase, too short). */
  attempt: (passphrase: string) => T;
}

/**
 * A small window of its own asks for the passphrase before the app exists; it resolves with the
 * unlocked key. Only that page may send, its input is parsed before use, and it cannot navigate.
 */
export function askForPassphrase<T>(prompt: PassphrasePrompt<T>): Promise<T> {
  const isPage = appUrlMatcher(prompt.pageUrl);
  return new Promise((resolve, reject) => {
    const window = new BrowserWindow({
      width: 460,
      height: prompt.create ? 420 : 320,
      resizable: false,
      show: false,
      title: 'Inflow',
      webPreferences: lockedWebPreferences({ preload: prompt.preload }),
    });
    let done = false;
    ipcMain.handle(PASSPHRASE_CHANNEL, (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, isPage)) return { ok: false, message: 'Untrusted sender.' };
      const parsed = passphraseSubmissionSchema.safeParse(input);
      if (!parsed.success) return { ok: false, message: 'Enter a passphrase.' };
      try {
        const unlocked = prompt.attempt(parsed.data);
        done = true;
        ipcMain.removeHandler(PASSPHRASE_CHANNEL);
        window.close();
        resolve(unlocked);
        return { ok: true };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    });
    // No link on this page leads anywhere: the passphrase page is all there is.
    keepOnPage(window.webContents, isPage, () => undefined);
    window.on('closed', () => {
      if (done) return;
      ipcMain.removeHandler(PASSPHRASE_CHANNEL);
      reject(new Error('Inflow needs its passphrase to open your data.'));
    });
    window.once('ready-to-show', () => window.show());
    void window.loadURL(`${prompt.pageUrl}#${prompt.create ? 'create' : 'unlock'}`);
  });
}

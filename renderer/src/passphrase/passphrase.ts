import '../styles/tokens.css';
import '../styles/base.css';
import '../styles/controls.css';
import './passphrase.css';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/passphrase';
import { startThemeSync } from '../lib/theme';

/**
 * The passphrase page, shown before the app when the OS offers no keychain to hold the database key
 * (Linux with only "basic_text"). Plain DOM: no app, no core, only the one preload function.
 */
interface PassphraseBridge {
  submit(passphrase: string): Promise<{ ok: true } | { ok: false; message: string }>;
}

startThemeSync();

const bridge = (window as unknown as { inflowPassphrase?: PassphraseBridge }).inflowPassphrase;
const creating = location.hash === '#create';
const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const passphrase = byId<HTMLInputElement>('passphrase');
const confirm = byId<HTMLInputElement>('confirm');
const error = byId<HTMLParagraphElement>('error');
const submit = byId<HTMLButtonElement>('submit');

if (creating) {
  byId('title').textContent = 'Choose a passphrase';
  byId('explain').textContent =
    `This computer has no keychain Inflow can use to protect your data, so a passphrase will. Choose at least ${MIN_PASSPHRASE_LENGTH} characters; without it, the data cannot be opened.`;
  byId('confirm-row').hidden = false;
  confirm.required = true;
  passphrase.autocomplete = 'new-password';
  submit.textContent = 'Protect and open';
}

byId<HTMLFormElement>('form').addEventListener('submit', (event) => {
  event.preventDefault();
  if (creating && passphrase.value !== confirm.value) {
    error.textContent = 'The two passphrases differ.';
    return;
  }
  if (!bridge) {
    error.textContent = 'This page works only inside the Inflow app.';
    return;
  }
  submit.disabled = true;
  error.textContent = '';
  void bridge.submit(passphrase.value).then((reply) => {
    submit.disabled = false;
    if (!reply.ok) {
      error.textContent = reply.message;
      passphrase.select();
    }
  });
});

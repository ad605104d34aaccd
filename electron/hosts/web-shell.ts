import { AppError } from '../../shared/errors';
import { MIN_PASSPHRASE_LENGTH } from '../../shared/passphrase';
import type { RestartableCore } from './restartable-core';
import { refuseWhileBusy, type ShellHandlers } from './shell-dispatch';

const NO_VAULT =
  'The browser host has no keychain and no passphrase: its database key comes from INFLOW_DB_KEY (or is a throwaway one). Change the passphrase or rotate the key in the desktop app.';

/**
 * The web host's shell: no key vault (the key is the environment's), and a restart that reopens the
 * database in this process, so a staged restore takes effect and the page only has to reload.
 */
export function webShellHandlers(core: RestartableCore): ShellHandlers {
  const refuse = async (): Promise<never> => {
    throw new AppError('CONFLICT', NO_VAULT, { reason: 'no-vault' });
  };
  return {
    'vault.status': async () => ({ protection: 'environment', unavailable: NO_VAULT, minPassphraseLength: MIN_PASSPHRASE_LENGTH }),
    'vault.changePassphrase': refuse,
    'vault.rotateKey': refuse,
    'app.restart': async () => {
      await refuseWhileBusy(core, 'restart');
      await core.restart();
      return { reload: true };
    },
    'app.update': async () => ({ state: 'off', version: null, message: 'Updates are checked by the desktop app.', checkedAt: null }),
  };
}

import { AppError } from '../../shared/errors';
import type { UpdateAction } from '../../shared/shell-api';
import type { UpdateStatus } from '../../shared/shell-settings';
import { MIN_PASSPHRASE_LENGTH } from '../../shared/passphrase';
import { databaseOpensWith, generateKey } from '../core';
import type { CoreClient } from '../hosts/core-client';
import type { RestartableCore } from '../hosts/restartable-core';
import { refuseWhileBusy, type ShellHandlers } from '../hosts/shell-dispatch';
import { changePassphrase, commitRotation, settleRotation, stageRotation, vaultProtection, type VaultEnv } from './key-vault';

export interface DesktopShellDeps {
  env: VaultEnv;
  dbPath: string;
  core: RestartableCore;
  /** The key the database is under now; a rotation moves it. */
  key: { current: Buffer };
  /** Starts the core worker under `key`, first re-encrypting everything to `rotateTo` when given (off the main thread). */
  startCore(key: Buffer, rotateTo?: Buffer): Promise<CoreClient>;
  /** Starts a new instance and ends this one: app.relaunch + app.exit in Electron, a spy in tests. */
  relaunch(): void;
  /** The Settings screen's update buttons, answered by the updater. */
  update(action: UpdateAction): Promise<UpdateStatus>;
}

/**
 * The desktop shell's own procedures. The key vault lives here, in the main process, never in the
 * core or the window; each change is refused while mail is sending or a job runs (busyReason).
 */
export function desktopShellHandlers(deps: DesktopShellDeps): ShellHandlers {
  const { env, core } = deps;
  return {
    'vault.status': async () => ({ protection: vaultProtection(env) ?? 'keychain', unavailable: null, minPassphraseLength: MIN_PASSPHRASE_LENGTH }),

    'vault.changePassphrase': async ({ current, next }) => {
      await refuseWhileBusy(core, 'change the passphrase');
      if (vaultProtection(env) !== 'passphrase') {
        throw new AppError('CONFLICT', "The database key is held by this computer's keychain: there is no passphrase to change.");
      }
      changePassphrase(env, current, next);
      return { changed: true };
    },

    /**
     * Vault first (the new key staged as pending), then the rekey in a fresh worker, then the vault
     * commit: a crash anywhere leaves a key that opens the database (settleRotation at the next start).
     */
    'vault.rotateKey': async ({ passphrase }) => {
      await refuseWhileBusy(core, 'rotate the database key');
      const newKey = generateKey();
      stageRotation(env, newKey, passphrase);
      // What the restart caught, rethrown as it came once the previous key's core is back.
      const failures: unknown[] = [];
      await core.restart(async () => {
        try {
          const client = await deps.startCore(deps.key.current, newKey);
          commitRotation(env);
          deps.key.current = newKey;
          return client;
        } catch (error) {
          failures.push(error);
          deps.key.current = settleRotation(env, { key: deps.key.current, pendingKey: newKey }, (candidate) => databaseOpensWith(deps.dbPath, candidate));
          return deps.startCore(deps.key.current);
        }
      });
      if (failures.length > 0) throw failures[0];
      return core.rotated ?? { backups: 0, skipped: 0 };
    },

    /** Answers first, then closes the core cleanly (a staged restore is applied by the next start) and relaunches. */
    'app.restart': async () => {
      await refuseWhileBusy(core, 'restart');
      setImmediate(() => void core.close().finally(deps.relaunch));
      return { reload: false };
    },

    'app.update': ({ action }) => deps.update(action),
  };
}

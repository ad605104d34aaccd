import { useEffect, useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../../shared/shell-settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { api } from '../../lib/api';
import { useOutcome } from '../../lib/use-outcome';
import { plural } from '../../lib/format';

/** The browser host's `unavailable` reason says all there is to say about its key. */
const PROTECTION: Record<VaultStatus['protection'], string | null> = {
  keychain: "The database key is held by this computer's keychain.",
  passphrase: 'The database key is protected by your passphrase; Inflow asks for it at every start.',
  environment: null,
};

/**
 * The database key: change the passphrase that protects it (current once, new twice), or rotate the
 * key itself (the database and its backups re-encrypted, the key wrapped again). The host does both;
 * the browser host cannot, and says why.
 */
export function DatabaseKeySetting() {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [change, setChange] = useState({ current: '', next: '', confirm: '' });
  const [rotatePassphrase, setRotatePassphrase] = useState('');
  const [working, setWorking] = useState<'passphrase' | 'rotate' | null>(null);
  const outcome = useOutcome();
  const { message: result, error, fail } = outcome;

  useEffect(() => {
    let live = true;
    api.shell('vault.status', {}).then(
      (next) => live && setStatus(next),
      (failure: unknown) => live && fail(failure),
    );
    return () => {
      live = false;
    };
  }, [fail]);

  if (!status) return error ? <ErrorNotice error={error} /> : null;
  const min = status.minPassphraseLength;
  const disabled = status.unavailable !== null || working !== null;
  const passphraseProblem =
    change.next.length > 0 && change.next.length < min
      ? `The new passphrase needs at least ${min} characters.`
      : change.confirm.length > 0 && change.confirm !== change.next
        ? 'The two new passphrases differ.'
        : null;
  const canChange = change.current.length > 0 && change.next.length >= min && change.confirm === change.next;

  const run = async (what: 'passphrase' | 'rotate', work: () => Promise<string>): Promise<void> => {
    setWorking(what);
    await outcome.run(work);
    setWorking(null);
  };
  const changePassphrase = (event: FormEvent): void => {
    event.preventDefault();
    if (!canChange) return;
    void run('passphrase', async () => {
      await api.shell('vault.changePassphrase', { current: change.current, next: change.next });
      setChange({ current: '', next: '', confirm: '' });
      return 'Passphrase changed. Use the new one from the next start.';
    });
  };
  const rotate = (event: FormEvent): void => {
    event.preventDefault();
    void run('rotate', async () => {
      const rotated = await api.shell('vault.rotateKey', status.protection === 'passphrase' ? { passphrase: rotatePassphrase } : {});
      setRotatePassphrase('');
      const skipped =
        rotated.skipped > 0
          ? ` ${plural(rotated.skipped, 'older backup')} the old key did not open ${rotated.skipped === 1 ? 'was' : 'were'} left as ${rotated.skipped === 1 ? 'it was' : 'they were'}.`
          : '';
      return `Re-encrypted the database and ${plural(rotated.backups, 'backup')} under a new key.${skipped}`;
    });
  };

  return (
    <div className="database-key" data-testid="database-key">
      <h3>Database key</h3>
      <p className="muted">{[PROTECTION[status.protection], status.unavailable].filter(Boolean).join(' ')}</p>
      {status.protection !== 'keychain' && (
        <form onSubmit={changePassphrase} noValidate aria-label="Change passphrase">
          <div className="setting-grid">
            <label className="field">
              <span>Current passphrase</span>
              <input
                className="input"
                type="password"
                autoComplete="current-password"
                disabled={disabled}
                value={change.current}
                onChange={(event) => setChange({ ...change, current: event.target.value })}
              />
            </label>
            <label className="field">
              <span>New passphrase</span>
              <input
                className="input"
                type="password"
                autoComplete="new-password"
                disabled={disabled}
                placeholder={`At least ${min} characters`}
                value={change.next}
                aria-invalid={change.next.length > 0 && change.next.length < min}
                onChange={(event) => setChange({ ...change, next: event.target.value })}
              />
            </label>
            <label className="field">
              <span>New passphrase again</span>
              <input
                className="input"
                type="password"
                autoComplete="new-password"
                disabled={disabled}
                value={change.confirm}
                aria-invalid={change.confirm.length > 0 && change.confirm !== change.next}
                onChange={(event) => setChange({ ...change, confirm: event.target.value })}
              />
            </label>
          </div>
          {passphraseProblem && <p className="field-error">{passphraseProblem}</p>}
          <div className="setting-actions">
            <button type="submit" className="button" disabled={disabled || !canChange}>
              {working === 'passphrase' ? 'Changing…' : 'Change passphrase'}
            </button>
          </div>
        </form>
      )}
      <p className="muted rotate-note">Rotating re-encrypts the database and every backup under a new random key; Inflow pauses for a moment while it does.</p>
      <form className="export" onSubmit={rotate} noValidate aria-label="Rotate database key">
        {status.protection === 'passphrase' && (
          <label className="field">
            <span>Passphrase, to protect the new key</span>
            <input
              className="input"
              type="password"
              autoComplete="current-password"
              disabled={disabled}
              value={rotatePassphrase}
              onChange={(event) => setRotatePassphrase(event.target.value)}
            />
          </label>
        )}
        <button type="submit" className="button" disabled={disabled || (status.protection === 'passphrase' && rotatePassphrase === '')}>
          {working === 'rotate' ? 'Rotating…' : 'Rotate database key'}
        </button>
      </form>
      {working === 'rotate' && <ProgressBar progress={null} label="Re-encrypting the database and its backups…" testId="rotate-progress" />}
      {result && (
        <p className="muted" role="status">
          {result}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}

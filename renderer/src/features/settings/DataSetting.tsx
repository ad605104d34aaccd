import { useState, type FormEvent } from 'react';
import type { BackupPreview, ExportResult } from '../../../../shared/backups';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/passphrase';
import { BackupSummary } from '../../components/BackupSummary';
import { ErrorNotice } from '../../components/ErrorNotice';
import { api, call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';
import { DatabaseKeySetting } from './DatabaseKeySetting';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;

/**
 * Where the data lives, the rolling backups (preview one, then restore it at the next start), and an
 * export of everything under a passphrase of the user's choosing.
 */
export function DataSetting({ dataFolder }: { dataFolder: string }) {
  const backups = useCoreQuery('backups.list', {});
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const [restarting, setRestarting] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [exported, setExported] = useState<ExportResult | null>(null);
  const { error, run } = useOutcome();

  /** Refused (with the reason) while mail sends or a job runs; a browser page then loads itself again. */
  const restartNow = (): void => {
    setRestarting(true);
    void run(async () => {
      if ((await api.shell('app.restart', {})).reload) location.reload();
    }).finally(() => setRestarting(false));
  };
  const exportAll = (event: FormEvent): void => {
    event.preventDefault();
    void run(async () => {
      setExported(await call('data.export', { passphrase }));
      setPassphrase('');
    });
  };

  return (
    <section className="setting" data-testid="data-setting">
      <fieldset>
        <legend>Data and backups</legend>
        <p className="muted">
          Everything is kept encrypted on this computer, in <code className="path">{dataFolder}</code>. A backup is taken daily and before every upgrade.
        </p>
        {backups.data && backups.data.length === 0 && <p className="muted">No backups yet: the first is taken tomorrow, or now with Back up now.</p>}
        {backups.data && backups.data.length > 0 && (
          <table className="backups">
            <thead>
              <tr>
                <th>Taken</th>
                <th>Why</th>
                <th className="number">Size</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {backups.data.map((backup) => (
                <tr key={backup.name} aria-selected={preview?.name === backup.name}>
                  <td>{dateTime.format(new Date(backup.takenAt))}</td>
                  <td>{backup.reason}</td>
                  <td className="number">{megabytes(backup.sizeBytes)}</td>
                  <td>
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void run(async () => setPreview(await call('backups.preview', { name: backup.name })))}
                    >
                      Preview
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {preview && (
          <div className="backup-preview" data-testid="backup-preview">
            <BackupSummary preview={preview} />
            <p className="muted">
              Restoring replaces today's data with this backup when Inflow next starts. The current data is kept beside it, so this can be undone.
            </p>
            <div className="setting-actions">
              <button
                type="button"
                className="button danger"
                onClick={() =>
                  void run(async () => {
                    await call('backups.restore', { name: preview.name });
                    setRestored(preview.takenAt);
                  })
                }
              >
                Restore this backup
              </button>
              <button type="button" className="button" onClick={() => setPreview(null)}>
                Cancel
              </button>
            </div>
          </div>
        )}
        <div className="setting-actions">
          <button
            type="button"
            className="button"
            onClick={() =>
              void run(async () => {
                await call('backups.create', {});
                backups.reload();
              })
            }
          >
            Back up now
          </button>
        </div>
        {restored && (
          <div className="setting-actions" role="status">
            <span>Restart Inflow to finish restoring the backup of {dateTime.format(new Date(restored))}.</span>
            <button type="button" className="button primary" disabled={restarting} onClick={restartNow}>
              {restarting ? 'Restarting…' : 'Restart now'}
            </button>
          </div>
        )}
        <form className="export" onSubmit={exportAll} noValidate>
          <label className="field">
            <span>Export everything, protected by a passphrase</span>
            <input
              className="input"
              type="password"
              autoComplete="new-password"
              value={passphrase}
              placeholder={`At least ${MIN_PASSPHRASE_LENGTH} characters`}
              onChange={(event) => setPassphrase(event.target.value)}
            />
          </label>
          <button type="submit" className="button" disabled={passphrase.length < MIN_PASSPHRASE_LENGTH}>
            Export
          </button>
        </form>
        {exported && (
          <p className="muted" role="status">
            Exported to <code className="path">{exported.folder}</code>. Keep the passphrase: without it the export cannot be opened.
          </p>
        )}
        {error && <ErrorNotice error={error} />}
        <DatabaseKeySetting />
      </fieldset>
    </section>
  );
}

import { useState } from 'react';
import type { RecoveryStatus, RestoreResult } from '../../../shared/backups';
import type { ErrorCode } from '../../../shared/errors';
import { BackupSummary } from '../components/BackupSummary';
import { ErrorNotice } from '../components/ErrorNotice';
import { call } from '../lib/api';
import { useOutcome } from '../lib/use-outcome';
import './recovery.css';

const TITLE: Partial<Record<ErrorCode, string>> = {
  DB_CORRUPT: 'The database file is damaged',
  DB_WRONG_KEY: 'This key does not open the database',
  DB_TOO_NEW: 'The database was written by a newer Inflow',
};
const ADVICE: Partial<Record<ErrorCode, string>> = {
  DB_WRONG_KEY: 'Nothing was changed. Start Inflow with the key this database was created with; a backup would not open with this key either.',
  DB_TOO_NEW: 'Nothing was changed. Update Inflow to the version that wrote it; restoring an older backup would lose the newer work.',
};
/** Only damage is repaired from a backup; a wrong key or a newer schema is not the file's fault. */
const RESTORABLE = new Set<ErrorCode>(['DB_CORRUPT', 'DB_CANNOT_OPEN']);

/**
 * Shown instead of the app when the database does not open: what is wrong, and for damage the newest
 * whole backup (its date and what it holds) with one button to put it back.
 */
export function RecoveryScreen({ status }: { status: RecoveryStatus & { problem: NonNullable<RecoveryStatus['problem']> } }) {
  const [restoring, setRestoring] = useState(false);
  const [restored, setRestored] = useState<RestoreResult | null>(null);
  const { error, run } = useOutcome();
  const { problem, latest, skipped } = status;
  const restorable = RESTORABLE.has(problem.code);

  const restore = async (name: string): Promise<void> => {
    setRestoring(true);
    await run(async () => setRestored(await call('recovery.restore', { name })));
    setRestoring(false);
  };

  return (
    <main className="recovery" data-testid="recovery-screen">
      <section className="recovery-card" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{TITLE[problem.code] ?? 'Inflow cannot open its database'}</h1>
        <p className="recovery-problem">{problem.message}</p>
        {ADVICE[problem.code] && <p className="muted">{ADVICE[problem.code]}</p>}
        {restored ? (
          <div className="recovery-done" role="status">
            <BackupSummary preview={restored.restored} />
            <p className="muted">
              Restored. The damaged file is kept at <code>{restored.keptAs}</code>.
            </p>
            <button type="button" className="button primary" onClick={() => window.location.reload()}>
              Open Inflow
            </button>
          </div>
        ) : restorable && latest ? (
          <div className="recovery-backup">
            <h2>Latest whole backup</h2>
            <BackupSummary preview={latest} />
            <p className="muted">Work done after this backup is not in it. The damaged file is kept beside it, never deleted.</p>
            <button type="button" className="button primary" disabled={restoring} onClick={() => void restore(latest.name)}>
              {restoring ? 'Restoring…' : 'Restore from the latest backup'}
            </button>
          </div>
        ) : restorable ? (
          <p className="notice error">There is no whole backup to restore from. Keep the damaged file; it may still be recovered with SQLCipher tools.</p>
        ) : null}
        {skipped.length > 0 && !restored && (
          <details className="recovery-skipped">
            <summary>{skipped.length === 1 ? '1 newer backup was skipped' : `${skipped.length} newer backups were skipped`}</summary>
            <ul>
              {skipped.map((backup) => (
                <li key={backup.name}>
                  <code>{backup.name}</code>: {backup.reason}
                </li>
              ))}
            </ul>
          </details>
        )}
        {error && <ErrorNotice error={error} title="Restoring did not work." />}
      </section>
    </main>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ShellSettings, UpdateStatus } from '../../../../shared/shell-settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { api, call } from '../../lib/api';
import { useOutcome } from '../../lib/use-outcome';

type Saved = ShellSettings & { dataFolder: string };

const STATE_LABELS: Record<UpdateStatus['state'], string> = {
  off: 'Updates are off',
  idle: 'Not checked yet',
  checking: 'Checking…',
  'up-to-date': 'Inflow is up to date',
  downloading: 'Downloading an update',
  ready: 'An update is ready',
  waiting: 'Waiting to restart',
  error: 'The last check failed',
};

/**
 * Updates and reminders: how many backups to keep, whether the OS may notify. "Check now" and
 * "Restart to update" reach the desktop updater; a browser has none. Where updates come from is
 * fixed when the app is built, so it is not a setting here.
 */
export function ShellSettingsForm({ settings }: { settings: Saved }) {
  const [draft, setDraft] = useState({ keepBackups: String(settings.keepBackups), notifications: settings.notifications });
  const { error, runInPlace } = useOutcome();
  const [saved, setSaved] = useState(false);
  const [update, setUpdate] = useState<UpdateStatus | null>(null);
  // Whether this host has an updater at all: a browser, or a development run, says why not.
  const { data: initial } = useQuery({ queryKey: ['shell', 'app.update', 'status'], queryFn: () => api.shell('app.update', { action: 'status' }) });
  const keep = Number(draft.keepBackups);
  const keepValid = Number.isInteger(keep) && keep >= 1 && keep <= 60;

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!keepValid) return;
    await runInPlace(async () => {
      await call('settings.shell.save', { keepBackups: keep, notifications: draft.notifications });
      setSaved(true);
    });
  }

  async function ask(action: 'check' | 'restart'): Promise<void> {
    // A check that answers takes down the error an earlier one left.
    await runInPlace(async () => setUpdate(await api.shell('app.update', { action })));
  }

  return (
    <form className="setting" onSubmit={(event) => void save(event)} noValidate data-testid="updates-setting">
      <fieldset>
        <legend>Updates and reminders</legend>
        <p className="muted">
          Inflow checks for updates when it starts and once a day, only from its own signed release server, downloads them in the background, and never restarts
          while emails are sending or an import runs.
        </p>
        <div className="setting-grid">
          <label className="field">
            <span>Backups to keep</span>
            <input
              className="input"
              inputMode="numeric"
              value={draft.keepBackups}
              aria-invalid={!keepValid}
              onChange={(event) => {
                setDraft({ ...draft, keepBackups: event.target.value });
                setSaved(false);
              }}
            />
          </label>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.notifications}
            onChange={(event) => {
              setDraft({ ...draft, notifications: event.target.checked });
              setSaved(false);
            }}
          />
          <span>Notify me of promises due or broken, follow-ups, finished sends and stale ERP data</span>
        </label>
        {!keepValid && <p className="field-error">Keep between 1 and 60 backups.</p>}
        <div className="setting-actions">
          <button type="submit" className="button primary" disabled={!keepValid}>
            Save
          </button>
          {initial?.state === 'off' && <span className="muted">{initial.message}</span>}
          {initial && initial.state !== 'off' && (
            <>
              <button type="button" className="button" onClick={() => void ask('check')}>
                Check now
              </button>
              {(update?.state === 'ready' || update?.state === 'waiting') && (
                <button type="button" className="button" onClick={() => void ask('restart')}>
                  Restart to update
                </button>
              )}
            </>
          )}
          {saved && (
            <span className="muted" role="status">
              Saved
            </span>
          )}
        </div>
        {update && (
          <p className="muted" role="status" data-testid="update-status">
            {STATE_LABELS[update.state]}
            {update.version ? ` (${update.version})` : ''}
            {update.message ? `: ${update.message}` : ''}
          </p>
        )}
        {error && <ErrorNotice error={error} />}
      </fieldset>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import type { ConnectorCapabilities, ConnectorId, ErpConnectionView, SyncLogEntry, SyncStatus } from '../../../../shared/sync';
import { refreshStatus } from '../../app/use-app-status';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { call, newJobId } from '../../lib/api';
import { useOutcome } from '../../lib/use-outcome';
import { formatCount } from '../../lib/format';
import { useJobProgress } from '../../lib/job-progress';
import { useCoreQuery } from '../../lib/core-query';
import { QboSignIn } from './QboSignIn';
import './erp-connection.css';

const CONNECTORS: Record<ConnectorId, string> = { odoo: 'Odoo', qbo: 'QuickBooks Online', folder: 'Watched export folder' };
const INTERVALS = [
  [0, 'Only on “Sync now”'],
  [15, 'Every 15 minutes'],
  [60, 'Every hour'],
  [240, 'Every 4 hours'],
  [1440, 'Daily'],
] as const;
const STATUS_CHIPS: Record<SyncLogEntry['status'], [string, string]> = { ok: ['good', 'Synced'], failed: ['warn', 'Failed'], offline: ['warn', 'Offline'] };
const timeFormat = new Intl.DateTimeFormat(typeof navigator === 'undefined' ? 'en-US' : navigator.language, { dateStyle: 'medium', timeStyle: 'short' });

type Draft = Omit<ErpConnectionView, 'hasApiKey'> & { apiKey: string };

const emptyDraft = (connection: ErpConnectionView | null): Draft => ({
  connector: connection?.connector ?? 'odoo',
  baseUrl: connection?.baseUrl ?? '',
  protocol: connection?.protocol ?? 'jsonrpc',
  database: connection?.database ?? '',
  login: connection?.login ?? '',
  apiKey: '',
  folder: connection?.folder ?? '',
  mapping: connection?.mapping ?? '',
  intervalMinutes: connection?.intervalMinutes ?? 60,
  clientId: connection?.clientId ?? '',
  authUrl: connection?.authUrl ?? '',
  tokenUrl: connection?.tokenUrl ?? '',
  pushNotes: connection?.pushNotes ?? false,
});

/** What the chosen connector takes in and gives back, in words; the push line says plainly when nothing goes back. */
function capabilityText(capabilities: ConnectorCapabilities): string {
  const pulled = (['customers', 'contacts', 'invoices', 'payments', 'creditNotes', 'paymentLinks'] as const)
    .filter((key) => capabilities[key])
    .map((key) => (({ creditNotes: 'credit notes', paymentLinks: 'payment links' }) as Record<string, string>)[key] ?? key);
  return `Pulls ${pulled.join(', ')}. ${capabilities.push ? 'Pushes notes, calls, promises and disputes to the customer’s record as notes.' : 'Pushes nothing back to the ERP.'}`;
}

/** The ERP connection: connect, test, sync now with progress, disconnect, and the sync log. */
export function ErpConnectionSetting() {
  const status = useCoreQuery('sync.status', {});
  return status.data ? <ErpConnectionForm status={status.data} reload={status.reload} /> : null;
}

function ErpConnectionForm({ status, reload }: { status: SyncStatus; reload: () => void }) {
  const [draft, setDraft] = useState<Draft>(emptyDraft(status.connection));
  const outcome = useOutcome();
  const { message, error } = outcome;
  const [jobId, setJobId] = useState<string | null>(null);
  const progress = useJobProgress(jobId);
  const presets = useCoreQuery('import.presets', {});
  const mappings = useCoreQuery('import.mappings.list', {});
  const edit = (patch: Partial<Draft>): void => setDraft({ ...draft, ...patch });
  const connected = status.connection !== null;
  const text = (
    key: 'baseUrl' | 'database' | 'login' | 'apiKey' | 'folder' | 'clientId' | 'authUrl' | 'tokenUrl',
    label: string,
    type = 'text',
    placeholder?: string,
  ) => (
    <label className="field">
      <span>{label}</span>
      <input className="input" type={type} value={draft[key]} placeholder={placeholder} onChange={(event) => edit({ [key]: event.target.value })} />
    </label>
  );

  // Whatever the answer, the status (connection, last sync) may have changed.
  const run = (work: () => Promise<string>): Promise<void> => outcome.run(work).then(reload);
  /** Saves the draft; true when the stored secret was forgotten because the server or login changed. */
  const save = async (): Promise<boolean> => {
    const { apiKey, ...rest } = draft;
    const saved = await call('sync.connection.save', { ...rest, ...(apiKey ? { apiKey } : {}) });
    // The secret is in the core now; the window keeps no copy.
    setDraft({ ...draft, apiKey: '' });
    return Boolean(status.connection?.hasApiKey) && !saved.hasApiKey;
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void run(async () =>
      (await save())
        ? `Saved. The stored ${draft.connector === 'qbo' ? 'client secret and sign-in were' : 'key was'} for the previous server or login: enter ${draft.connector === 'qbo' ? 'the secret and connect' : 'it'} again.`
        : 'Saved',
    );
  };
  const syncNow = (): void => {
    const id = newJobId();
    setJobId(id);
    void run(async () => {
      try {
        const result = await call('sync.run', { jobId: id });
        void refreshStatus();
        return (
          `Synced: ${formatCount(result.created)} created, ${formatCount(result.updated)} updated, ${formatCount(result.unchanged)} unchanged` +
          (result.pushed ? `, ${formatCount(result.pushed)} activities pushed` : '')
        );
      } finally {
        setJobId(null);
      }
    });
  };

  return (
    <form className="setting erp-connection" onSubmit={onSubmit} noValidate data-testid="erp-setting">
      <fieldset>
        <legend>ERP connection</legend>
        {/* A sample load or an import is no sync: "last sync" speaks only of a connected ERP. */}
        <p className="muted" data-testid="erp-last-sync">
          {connected
            ? `${status.lastSyncAt ? `Last sync ${timeFormat.format(new Date(status.lastSyncAt))}` : 'Not synced yet'}${status.nextRunAt ? ` · next ${timeFormat.format(new Date(status.nextRunAt))}` : ''}`
            : 'Not connected. The ERP is the source of truth for invoices and payments: connect it to keep them fresh.'}
        </p>
        <div className="setting-grid">
          <label className="field">
            <span>Connect to</span>
            <select className="input" value={draft.connector} onChange={(event) => edit({ connector: event.target.value as ConnectorId })}>
              {Object.entries(CONNECTORS).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {draft.connector === 'qbo' ? (
            <>
              {text('clientId', 'Client id (Intuit app)')}
              {text('apiKey', 'Client secret', 'password', status.connection?.hasApiKey ? 'Stored — leave blank to keep' : undefined)}
              {text('baseUrl', 'API address', 'url', 'https://quickbooks.api.intuit.com')}
              {text('authUrl', 'Sign-in address', 'url', 'https://appcenter.intuit.com/connect/oauth2')}
              {text('tokenUrl', 'Token address', 'url', 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer')}
              <label className="field check">
                <input type="checkbox" checked={draft.pushNotes} onChange={(event) => edit({ pushNotes: event.target.checked })} />
                <span>Add collectors’ notes to the customer in QuickBooks</span>
              </label>
            </>
          ) : draft.connector === 'odoo' ? (
            <>
              {text('baseUrl', 'Server address', 'url', 'https://mycompany.odoo.com')}
              <label className="field">
                <span>API</span>
                <select className="input" value={draft.protocol} onChange={(event) => edit({ protocol: event.target.value as Draft['protocol'] })}>
                  <option value="jsonrpc">Odoo 16–18 (JSON-RPC)</option>
                  <option value="json2">Odoo 19 (JSON-2, API key)</option>
                </select>
              </label>
              {text('database', 'Database')}
              {text('login', 'Login')}
              {text('apiKey', 'API key or password', 'password', status.connection?.hasApiKey ? 'Stored — leave blank to keep' : undefined)}
            </>
          ) : (
            <>
              {text('folder', 'Folder the ERP exports to', 'text', '/srv/exports')}
              <label className="field">
                <span>Read files with</span>
                <select className="input" value={draft.mapping} onChange={(event) => edit({ mapping: event.target.value })}>
                  <option value="">Detect from the headers</option>
                  {presets.data?.map((preset) => (
                    <option key={preset.id} value={preset.id}>
                      {preset.label}
                    </option>
                  ))}
                  {mappings.data?.map((mapping) => (
                    <option key={mapping.name} value={mapping.name}>
                      {mapping.name} (saved mapping)
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          <label className="field">
            <span>Schedule</span>
            <select className="input" value={draft.intervalMinutes} onChange={(event) => edit({ intervalMinutes: Number(event.target.value) })}>
              {INTERVALS.map(([minutes, label]) => (
                <option key={minutes} value={minutes}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        {status.capabilities && <p className="muted erp-capabilities">{capabilityText(status.capabilities)}</p>}
        {draft.connector === 'qbo' && !draft.pushNotes && (
          <p className="muted" data-testid="qbo-push-note">
            QuickBooks does not receive notes unless you turn this on.
          </p>
        )}
        {draft.connector === 'qbo' && <QboSignIn oauth={status.oauth} save={save} run={run} />}
        <div className="setting-actions">
          <button type="submit" className={draft.connector === 'qbo' ? 'button' : 'button primary'}>
            {connected || draft.connector === 'qbo' ? 'Save connection' : 'Connect'}
          </button>
          <button type="button" className="button" disabled={!connected} onClick={() => void run(async () => (await call('sync.test', {})).message)}>
            Test connection
          </button>
          <button type="button" className="button" disabled={!connected || jobId !== null} onClick={syncNow}>
            Sync now
          </button>
          <button
            type="button"
            className="button"
            disabled={!connected}
            onClick={() =>
              void run(async () => {
                const { revoked } = await call('sync.disconnect', {});
                const gone = 'Disconnected: the credentials and sign-in tokens are gone; what was synced stays.';
                if (revoked === false) return `${gone} Intuit could not be reached to revoke Inflow’s access: remove Inflow under Apps in QuickBooks.`;
                return revoked ? `${gone} Intuit has revoked Inflow’s access.` : gone;
              })
            }
          >
            Disconnect
          </button>
        </div>
        {jobId && (
          <ProgressBar
            testId="sync-progress"
            progress={{ type: 'job.progress', jobId, phase: 'reading', done: 0, total: 1 }}
            label={progress ? `Syncing · ${formatCount(progress.done)} records` : 'Connecting…'}
          />
        )}
        {message && (
          <p className="saved" role="status" data-testid="erp-message">
            {message}
          </p>
        )}
        {error && <ErrorNotice error={error} title="The ERP did not answer as expected." />}
        {status.log.length > 0 && (
          <table className="erp-log" data-testid="sync-log">
            <caption className="muted">Sync log</caption>
            <tbody>
              {status.log.map((entry) => (
                <tr key={entry.id}>
                  <td className="num">{timeFormat.format(new Date(entry.finishedAt))}</td>
                  <td>
                    <span className={`chip ${STATUS_CHIPS[entry.status][0]}`}>{STATUS_CHIPS[entry.status][1]}</span>
                  </td>
                  <td>
                    {entry.message}
                    {entry.attempts > 1 ? ` (${formatCount(entry.attempts)} tries in a row)` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </fieldset>
    </form>
  );
}

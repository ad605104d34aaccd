import { useState, type FormEvent } from 'react';
import { IMAP_SECURITY, type ImapSettingsView } from '../../../../shared/inbox';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { useOutcome } from '../../lib/use-outcome';

const SECURITY_LABELS: Record<(typeof IMAP_SECURITY)[number], string> = { tls: 'TLS (port 993)', starttls: 'STARTTLS (port 143)', none: 'None (this machine only)' };

type Draft = Omit<ImapSettingsView, 'hasPassword' | 'port' | 'outOfOfficeDays' | 'pollMinutes'> & { port: string; password: string; outOfOfficeDays: string; pollMinutes: string };

/**
 * The mailbox replies come back to, read over IMAP. Like the SMTP password, the password goes to the
 * encrypted database and never comes back to the window; a new server or login forgets it.
 */
export function InboxSetting({ imap }: { imap: ImapSettingsView | null }) {
  const [draft, setDraft] = useState<Draft>({
    host: imap?.host ?? '', port: String(imap?.port ?? 993), security: imap?.security ?? 'tls', user: imap?.user ?? '', password: '',
    folder: imap?.folder ?? 'INBOX', sentFolder: imap?.sentFolder ?? '', appendSent: imap?.appendSent ?? true,
    outOfOfficeDays: String(imap?.outOfOfficeDays ?? 7), pollMinutes: String(imap?.pollMinutes ?? 5),
  });
  const [hasPassword, setHasPassword] = useState(imap?.hasPassword ?? false);
  const { message, error, run } = useOutcome();
  const edit = (patch: Partial<Draft>): void => setDraft({ ...draft, ...patch });
  const text = (key: 'host' | 'port' | 'user' | 'password' | 'folder' | 'sentFolder' | 'outOfOfficeDays' | 'pollMinutes', label: string, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input className="input" type={type} value={draft[key]} onChange={(event) => edit({ [key]: event.target.value })}
        placeholder={key === 'password' && hasPassword ? 'Stored — leave blank to keep' : key === 'sentFolder' ? 'The one marked Sent' : undefined} />
    </label>
  );
  const save = (event: FormEvent): void => {
    event.preventDefault();
    void run(async () => {
      const { password, port, outOfOfficeDays, pollMinutes, ...rest } = draft;
      const saved = await call('inbox.settings.save', { ...rest, port: Number(port), outOfOfficeDays: Number(outOfOfficeDays), pollMinutes: Number(pollMinutes), ...(password ? { password } : {}) });
      // The password is in the core now; the window keeps no copy. It stays with the server and login it was entered for.
      setDraft({ ...draft, password: '' });
      setHasPassword(saved.hasPassword);
      return hasPassword && !saved.hasPassword ? 'Saved. The stored password was for the previous server or login: enter the password for this one.' : 'Saved';
    });
  };
  return (
    <form className="setting" onSubmit={save} noValidate data-testid="inbox-setting">
      <fieldset>
        <legend>Inbox</legend>
        <p className="muted">Inflow reads this mailbox for replies, bounces and out-of-office answers to your reminders, and files a copy of each reminder in its Sent folder.</p>
        <div className="setting-grid">
          {text('host', 'IMAP server')}
          {text('port', 'Port')}
          <label className="field">
            <span>Security</span>
            <select className="input" value={draft.security} onChange={(event) => edit({ security: event.target.value as Draft['security'] })}>
              {IMAP_SECURITY.map((value) => <option key={value} value={value}>{SECURITY_LABELS[value]}</option>)}
            </select>
          </label>
          {text('user', 'Login')}
          {text('password', 'Password or app password', 'password')}
          {text('folder', 'Folder to read')}
          {text('sentFolder', 'Sent folder')}
          {text('outOfOfficeDays', 'Days to wait when an absence names no date')}
          {text('pollMinutes', 'Check every (minutes)')}
        </div>
        <label className="check">
          <input type="checkbox" checked={draft.appendSent} onChange={(event) => edit({ appendSent: event.target.checked })} />
          <span>Copy sent reminders to the Sent folder</span>
        </label>
        <div className="setting-actions">
          <button type="submit" className="button primary">Save inbox settings</button>
          <button type="button" className="button" onClick={() => void run(async () => {
            const result = await call('inbox.fetch', {});
            return `Connected: ${result.fetched} new message${result.fetched === 1 ? '' : 's'}`;
          })}>Check mail now</button>
          {message && <span className="saved">{message}</span>}
        </div>
      </fieldset>
      {error && <ErrorNotice error={error} title="That did not work." />}
    </form>
  );
}

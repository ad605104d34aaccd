import { useState, type FormEvent } from 'react';
import { IMAP_SECURITY, MAILBOX_SIGN_IN, type ImapSettingsView, type MailboxSignIn } from '../../../../shared/inbox';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { call } from '../../lib/api';
import { useOutcome } from '../../lib/use-outcome';
import { BrowserSignIn } from './BrowserSignIn';

const SECURITY_LABELS: Record<(typeof IMAP_SECURITY)[number], string> = {
  tls: 'TLS (port 993)',
  starttls: 'STARTTLS (port 143)',
  none: 'None (this machine only)',
};
const SIGN_IN_LABELS: Record<MailboxSignIn, string> = { password: 'Password', google: 'Google (Gmail, Workspace)', microsoft: 'Microsoft 365 (Outlook)' };
const PROVIDERS = { google: 'Google', microsoft: 'Microsoft 365' } as const;
/** The IMAP server each provider documents, filled in when its sign-in is chosen. */
const SERVERS = { google: 'imap.gmail.com', microsoft: 'outlook.office365.com' } as const;

type Draft = Omit<ImapSettingsView, 'hasPassword' | 'hasClientSecret' | 'oauth' | 'port' | 'outOfOfficeDays' | 'pollMinutes'> & {
  port: string;
  password: string;
  clientSecret: string;
  outOfOfficeDays: string;
  pollMinutes: string;
};

/**
 * The mailbox replies come back to, read over IMAP, signed in with a password or with Google's or
 * Microsoft's OAuth (which refuse passwords over IMAP). Like the SMTP password, secrets go to the
 * encrypted database and never come back to the window; a new server, login or sign-in forgets them.
 */
export function InboxSetting({ imap }: { imap: ImapSettingsView | null }) {
  const [draft, setDraft] = useState<Draft>({
    host: imap?.host ?? '',
    port: String(imap?.port ?? 993),
    security: imap?.security ?? 'tls',
    user: imap?.user ?? '',
    password: '',
    signIn: imap?.signIn ?? 'password',
    clientId: imap?.clientId ?? '',
    clientSecret: '',
    tenant: imap?.tenant ?? 'organizations',
    authUrl: imap?.authUrl ?? '',
    tokenUrl: imap?.tokenUrl ?? '',
    folder: imap?.folder ?? 'INBOX',
    sentFolder: imap?.sentFolder ?? '',
    appendSent: imap?.appendSent ?? true,
    outOfOfficeDays: String(imap?.outOfOfficeDays ?? 7),
    pollMinutes: String(imap?.pollMinutes ?? 5),
  });
  const [stored, setStored] = useState({
    password: imap?.hasPassword ?? false,
    clientSecret: imap?.hasClientSecret ?? false,
    oauth: imap?.oauth ?? { signedInAs: null, reconnect: false },
  });
  const { message, error, run } = useOutcome();
  const edit = (patch: Partial<Draft>): void => setDraft({ ...draft, ...patch });
  const chooseSignIn = (signIn: MailboxSignIn): void =>
    edit(signIn === 'password' ? { signIn } : { signIn, host: SERVERS[signIn], port: '993', security: 'tls' });
  const persist = async (): Promise<string> => {
    const { password, clientSecret, port, outOfOfficeDays, pollMinutes, ...rest } = draft;
    const saved = await call('inbox.settings.save', {
      ...rest,
      port: Number(port),
      outOfOfficeDays: Number(outOfOfficeDays),
      pollMinutes: Number(pollMinutes),
      ...(password ? { password } : {}),
      ...(clientSecret ? { clientSecret } : {}),
    });
    // Secrets are in the core now; the window keeps no copy. They stay with the server and login they were entered for.
    setDraft({ ...draft, password: '', clientSecret: '' });
    setStored({ password: saved.hasPassword, clientSecret: saved.hasClientSecret, oauth: saved.oauth });
    if (stored.password && !saved.hasPassword) return 'Saved. The stored password was for the previous server or login: enter the password for this one.';
    const forgot = (stored.clientSecret && !saved.hasClientSecret) || (stored.oauth.signedInAs !== null && saved.oauth.signedInAs === null);
    return forgot ? 'Saved. The sign-in was for the previous server, login or app: sign in again for this one.' : 'Saved';
  };
  const save = (event: FormEvent): void => {
    event.preventDefault();
    void run(persist);
  };
  const oauth = draft.signIn === 'password' ? null : draft.signIn;
  return (
    <form className="setting" onSubmit={save} noValidate data-testid="inbox-setting">
      <fieldset>
        <legend>Inbox</legend>
        <p className="muted">
          Inflow reads this mailbox for replies, bounces and out-of-office answers to your reminders, and files a copy of each reminder in its Sent folder.
        </p>
        <div className="setting-grid">
          <TextField label="IMAP server" value={draft.host} onChange={(host) => edit({ host })} />
          <TextField label="Port" value={draft.port} onChange={(port) => edit({ port })} />
          <label className="field">
            <span>Security</span>
            <select className="input" value={draft.security} onChange={(event) => edit({ security: event.target.value as Draft['security'] })}>
              {IMAP_SECURITY.map((value) => (
                <option key={value} value={value}>
                  {SECURITY_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Sign in with</span>
            <select className="input" value={draft.signIn} onChange={(event) => chooseSignIn(event.target.value as MailboxSignIn)}>
              {MAILBOX_SIGN_IN.map((value) => (
                <option key={value} value={value}>
                  {SIGN_IN_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
          <TextField label={oauth ? 'Email address' : 'Login'} value={draft.user} onChange={(user) => edit({ user })} />
          {!oauth && (
            <TextField
              label="Password or app password"
              value={draft.password}
              onChange={(password) => edit({ password })}
              type="password"
              placeholder={stored.password ? 'Stored — leave blank to keep' : undefined}
            />
          )}
          {oauth && <TextField label="OAuth client id" value={draft.clientId} onChange={(clientId) => edit({ clientId })} />}
          {oauth === 'google' && (
            <TextField
              label="OAuth client secret"
              value={draft.clientSecret}
              onChange={(clientSecret) => edit({ clientSecret })}
              type="password"
              placeholder={stored.clientSecret ? 'Stored — leave blank to keep' : undefined}
            />
          )}
          {oauth === 'microsoft' && <TextField label="Directory (tenant)" value={draft.tenant} onChange={(tenant) => edit({ tenant })} />}
          <TextField label="Folder to read" value={draft.folder} onChange={(folder) => edit({ folder })} />
          <TextField label="Sent folder" value={draft.sentFolder} onChange={(sentFolder) => edit({ sentFolder })} placeholder="The one marked Sent" />
          <TextField
            label="Days to wait when an absence names no date"
            value={draft.outOfOfficeDays}
            onChange={(outOfOfficeDays) => edit({ outOfOfficeDays })}
          />
          <TextField label="Check every (minutes)" value={draft.pollMinutes} onChange={(pollMinutes) => edit({ pollMinutes })} />
        </div>
        <label className="check">
          <input type="checkbox" checked={draft.appendSent} onChange={(event) => edit({ appendSent: event.target.checked })} />
          <span>Copy sent reminders to the Sent folder</span>
        </label>
        {oauth && (
          <BrowserSignIn
            provider={PROVIDERS[oauth]}
            connectLabel={`Sign in with ${PROVIDERS[oauth]}`}
            connectedAs={stored.oauth.signedInAs}
            reconnect={stored.oauth.reconnect}
            run={run}
            testId="mailbox-sign-in"
            signIn={async () => {
              await persist();
              const { signedInAs } = await call('inbox.oauth.signIn', {});
              setStored((now) => ({ ...now, oauth: { signedInAs, reconnect: false } }));
              return signedInAs;
            }}
          />
        )}
        <div className="setting-actions">
          <button type="submit" className="button primary">
            Save inbox settings
          </button>
          <button
            type="button"
            className="button"
            onClick={() =>
              void run(async () => {
                const result = await call('inbox.fetch', {});
                return `Connected: ${result.fetched} new message${result.fetched === 1 ? '' : 's'}`;
              })
            }
          >
            Check mail now
          </button>
          {message && <span className="saved">{message}</span>}
        </div>
      </fieldset>
      {error && <ErrorNotice error={error} title="That did not work." />}
    </form>
  );
}

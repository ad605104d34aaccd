import { useState, type FormEvent } from 'react';
import { SMTP_SECURITY, type OutreachSettings, type SmtpSettingsView } from '../../../../shared/outreach/outreach-settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { call } from '../../lib/api';
import { useOutcome } from '../../lib/use-outcome';
import { PaymentLinkField } from './PaymentLinkField';
import { SignerFields } from './SignerFields';

const SECURITY_LABELS: Record<(typeof SMTP_SECURITY)[number], string> = {
  starttls: 'STARTTLS (port 587)',
  tls: 'TLS (port 465)',
  none: 'None (local relay only)',
};

type Draft = Omit<SmtpSettingsView, 'hasPassword' | 'port'> & { port: string; password: string };

/**
 * The collector's own mailbox and how messages are signed. The password goes to the encrypted
 * database and never comes back to the window: leave it blank to keep the stored one.
 */
export function EmailSetting({ smtp, outreach }: { smtp: SmtpSettingsView | null; outreach: OutreachSettings }) {
  const [draft, setDraft] = useState<Draft>({
    host: smtp?.host ?? '',
    port: String(smtp?.port ?? 587),
    security: smtp?.security ?? 'starttls',
    user: smtp?.user ?? '',
    password: '',
    fromName: smtp?.fromName ?? '',
    fromAddress: smtp?.fromAddress ?? '',
    replyTo: smtp?.replyTo ?? '',
    bcc: smtp?.bcc ?? '',
    connections: smtp?.connections ?? 2,
  });
  const [sender, setSender] = useState(outreach);
  const [hasPassword, setHasPassword] = useState(smtp?.hasPassword ?? false);
  const [testTo, setTestTo] = useState('');
  const { message: status, error, run } = useOutcome();
  const edit = (patch: Partial<Draft>): void => setDraft({ ...draft, ...patch });

  const save = (event: FormEvent): void => {
    event.preventDefault();
    void run(async () => {
      const { password, port, ...rest } = draft;
      const saved = await call('settings.smtp.save', { ...rest, port: Number(port), ...(password ? { password } : {}) });
      await call('settings.outreach.save', sender);
      setDraft({ ...draft, password: '' });
      setHasPassword(saved.hasPassword);
      // A password stays with the server and user it was entered for.
      return hasPassword && !saved.hasPassword ? 'Saved. The stored password was for the previous server or user: enter the password for this one.' : 'Saved';
    });
  };

  return (
    <form className="setting" onSubmit={save} noValidate data-testid="email-setting">
      <fieldset>
        <legend>Email</legend>
        <p className="muted">Reminders go from your own mailbox, so replies come back to you, under the name of the person who signs each one.</p>
        <div className="setting-grid">
          <TextField label="Mail server" value={draft.host} onChange={(host) => edit({ host })} />
          <TextField label="Port" value={draft.port} onChange={(port) => edit({ port })} />
          <label className="field">
            <span>Security</span>
            <select className="input" value={draft.security} onChange={(event) => edit({ security: event.target.value as Draft['security'] })}>
              {SMTP_SECURITY.map((value) => (
                <option key={value} value={value}>
                  {SECURITY_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
          <TextField label="User name" value={draft.user} onChange={(user) => edit({ user })} />
          <TextField
            label="Password"
            value={draft.password}
            onChange={(password) => edit({ password })}
            type="password"
            placeholder={hasPassword ? 'Stored — leave blank to keep' : undefined}
          />
          <TextField label="From address" value={draft.fromAddress} onChange={(fromAddress) => edit({ fromAddress })} type="email" />
          <TextField label="Reply-To (optional)" value={draft.replyTo} onChange={(replyTo) => edit({ replyTo })} type="email" />
          <TextField label="BCC to the ERP (optional)" value={draft.bcc} onChange={(bcc) => edit({ bcc })} type="email" />
          <label className="field">
            <span>Connections at once</span>
            <select className="input" value={draft.connections} onChange={(event) => edit({ connections: Number(event.target.value) })}>
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Messages per minute</span>
            <input
              className="input"
              inputMode="numeric"
              value={sender.messagesPerMinute}
              onChange={(event) => setSender({ ...sender, messagesPerMinute: Number(event.target.value) || 1 })}
            />
          </label>
          <label className="field" title="Whatever sends it (the ladder, a bulk send, one email); 0: no limit. A send may go anyway with a reason.">
            <span>One message per customer every … days</span>
            <input
              className="input"
              inputMode="numeric"
              value={sender.contactRhythmDays}
              onChange={(event) => setSender({ ...sender, contactRhythmDays: Math.max(0, Number(event.target.value) || 0) })}
            />
          </label>
          <label className="field" title="A send of more messages than this asks for their number to be typed before anything goes.">
            <span>Type the count above … messages</span>
            <input
              className="input"
              inputMode="numeric"
              value={sender.typedConfirmAbove}
              onChange={(event) => setSender({ ...sender, typedConfirmAbove: Number(event.target.value) || 1 })}
            />
          </label>
        </div>
        <SignerFields value={sender} onChange={setSender} />
        <PaymentLinkField value={sender.paymentUrlPattern} onChange={(paymentUrlPattern) => setSender({ ...sender, paymentUrlPattern })} />
        <div className="setting-actions">
          <button type="submit" className="button primary">
            Save email settings
          </button>
          <input
            className="input"
            type="email"
            placeholder="you@company.com"
            aria-label="Send a test message to"
            value={testTo}
            onChange={(event) => setTestTo(event.target.value)}
          />
          <button
            type="button"
            className="button"
            onClick={() => void run(async () => `Test message sent (${(await call('settings.smtp.test', { to: testTo })).messageId})`)}
          >
            Send test message
          </button>
          {status && <span className="saved">{status}</span>}
        </div>
      </fieldset>
      {error && <ErrorNotice error={error} title="That did not work." />}
    </form>
  );
}

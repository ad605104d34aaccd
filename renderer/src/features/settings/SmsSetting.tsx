import { useState, type FormEvent } from 'react';
import type { SmsRules, SmsSettingsView } from '../../../../shared/sms/sms-settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Settings → SMS: the provider (Twilio or a compatible API; the token is never shown back) and the rules every text follows. */
export function SmsSetting() {
  const settings = useCoreQuery('settings.sms.get', {});
  return settings.data ? <SmsForm provider={settings.data.provider} rules={settings.data.rules} reload={settings.reload} /> : null;
}

function SmsForm({ provider, rules: stored, reload }: { provider: SmsSettingsView | null; rules: SmsRules; reload: () => void }) {
  const [draft, setDraft] = useState({
    baseUrl: provider?.baseUrl ?? 'https://api.twilio.com',
    accountSid: provider?.accountSid ?? '',
    authToken: '',
    sender: provider?.sender ?? '',
  });
  const [shortenLinks, setShortenLinks] = useState(provider?.shortenLinks ?? false);
  const [rules, setRules] = useState(stored);
  const outcome = useOutcome();

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    await outcome.runInPlace(async () => {
      const { authToken, ...rest } = draft;
      const withProvider = draft.accountSid.trim() !== '';
      await call('settings.sms.save', {
        ...(withProvider ? { provider: { provider: 'twilio', ...rest, shortenLinks, ...(authToken ? { authToken } : {}) } } : {}),
        rules,
      });
      setDraft({ ...draft, authToken: '' });
      reload();
      return 'Saved';
    });
  }

  return (
    <form className="setting" onSubmit={(event) => void save(event)} noValidate aria-label="SMS">
      <fieldset>
        <legend>SMS</legend>
        <p className="muted">
          Texts go through a Twilio account (or a provider with the same API). Replies and delivery reports are fetched every {rules.pollSeconds} seconds.
        </p>
        <div className="sms-grid">
          <TextField label="Account SID" value={draft.accountSid} onChange={(accountSid) => setDraft({ ...draft, accountSid })} placeholder="AC…" />
          <TextField
            label={provider?.hasToken ? 'Auth token (stored; type to replace)' : 'Auth token'}
            value={draft.authToken}
            onChange={(authToken) => setDraft({ ...draft, authToken })}
            type="password"
          />
          <TextField label="Send from" value={draft.sender} onChange={(sender) => setDraft({ ...draft, sender })} placeholder="+14155550100 or MG…" />
          <TextField label="API address" value={draft.baseUrl} onChange={(baseUrl) => setDraft({ ...draft, baseUrl })} />
        </div>
        <label className="check">
          <input type="checkbox" checked={shortenLinks} onChange={(event) => setShortenLinks(event.target.checked)} />
          Short payment links (the Messaging Service’s link shortening shortens every link in a text)
        </label>
        <p className="muted">Texts go only in each customer’s own daytime: its time zone, else its country’s, else the default below.</p>
        <div className="sms-grid">
          <TextField
            label="Sending hours from"
            type="time"
            value={rules.sendingHours.start}
            onChange={(start) => setRules({ ...rules, sendingHours: { ...rules.sendingHours, start } })}
          />
          <TextField
            label="until"
            type="time"
            value={rules.sendingHours.end}
            onChange={(end) => setRules({ ...rules, sendingHours: { ...rules.sendingHours, end } })}
          />
          <label className="field">
            <span>Default time zone</span>
            <input
              className="input"
              value={rules.defaultTimeZone}
              placeholder="this computer’s"
              onChange={(event) => setRules({ ...rules, defaultTimeZone: event.target.value })}
            />
          </label>
          <label className="field">
            <span>Texts per minute</span>
            <input
              className="input num"
              inputMode="numeric"
              value={rules.messagesPerMinute}
              onChange={(event) => setRules({ ...rules, messagesPerMinute: Number(event.target.value) || 1 })}
            />
          </label>
        </div>
        <div className="day-picks" role="group" aria-label="Sending days">
          {DAYS.map((name, index) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={rules.sendingHours.days.includes(index + 1)}
                onChange={(event) =>
                  setRules({
                    ...rules,
                    sendingHours: {
                      ...rules.sendingHours,
                      days: event.target.checked ? [...rules.sendingHours.days, index + 1].sort() : rules.sendingHours.days.filter((d) => d !== index + 1),
                    },
                  })
                }
              />
              {name}
            </label>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={rules.requireConsent} onChange={(event) => setRules({ ...rules, requireConsent: event.target.checked })} />
          Text only contacts whose consent is on file
        </label>
        <div className="setting-actions">
          <button type="submit" className="button primary">
            Save SMS settings
          </button>
          {outcome.message && <span className="saved">{outcome.message}</span>}
        </div>
        {outcome.error && <ErrorNotice error={outcome.error} />}
      </fieldset>
    </form>
  );
}

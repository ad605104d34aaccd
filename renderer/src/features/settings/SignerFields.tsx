import type { OutreachSettings } from '../../../../shared/outreach/outreach-settings';
import { senderPerson, type SenderPerson } from '../../../../shared/outreach/sender-person';

type TextKey = 'companyName' | 'senderName' | 'senderRole' | 'senderPhone' | 'managerName' | 'managerRole' | 'managerPhone' | 'locale';

const describe = (person: SenderPerson): string => [person.name || '(no name yet)', person.title, person.phone].filter(Boolean).join(' · ');

/**
 * Who signs the messages: the company, and the one person each sender role resolves to. Each role's
 * line shows exactly whose name, title and phone its messages carry (From, body and signature alike).
 */
export function SignerFields({ value, onChange }: { value: OutreachSettings; onChange(next: OutreachSettings): void }) {
  const input = (key: TextKey, label: string, required = false) => (
    <label className="field">
      <span>
        {label}
        {required && <abbr title="required before the first send"> *</abbr>}
      </span>
      <input
        className="input"
        value={value[key]}
        aria-required={required || undefined}
        aria-invalid={(required && value[key].trim() === '') || undefined}
        onChange={(event) => onChange({ ...value, [key]: event.target.value })}
      />
    </label>
  );
  const collector = senderPerson(value, 'collector');
  const manager = senderPerson(value, 'manager');
  const unsigned = [...(value.companyName.trim() ? [] : ['your company']), ...(value.senderName.trim() ? [] : ['your name'])];
  return (
    <section className="signers" aria-label="Who signs the messages" data-testid="signer-fields">
      <h3>Signed by</h3>
      {unsigned.length > 0 && (
        <p className="notice" role="status" data-testid="signer-missing">
          Before the first send, add {unsigned.join(' and ')}: every message is signed with them, and nothing is sent with a gap.
        </p>
      )}
      <div className="setting-grid">
        {input('companyName', 'Company', true)}
        <span />
        {input('locale', 'Locale for customers without one')}
        {input('senderName', 'Your name (collector steps)', true)}
        {input('senderRole', 'Your title')}
        {input('senderPhone', 'Your phone')}
        {input('managerName', 'Manager (escalation steps)')}
        {input('managerRole', 'Manager title')}
        {input('managerPhone', 'Manager phone')}
      </div>
      <dl className="signer-people" data-testid="signer-people">
        <dt>Collector steps</dt>
        <dd>{describe(collector)}</dd>
        <dt>Manager steps</dt>
        <dd>{manager.standIn ? `No manager named: you send them, as ${describe(collector)}` : describe(manager)}</dd>
      </dl>
    </section>
  );
}

import { useApi } from '../../lib/use-api';

const ROLES = { billing: 'Billing', ap: 'Accounts payable', primary: 'Primary', escalation: 'Escalation' } as const;

/** Who to talk to, with their role and whether their address still works. */
export function ContactList({ customerId }: { customerId: number }) {
  const contacts = useApi('contacts.list', { customerId });
  return (
    <ul className="contact-list" aria-label="Contacts" data-testid="contacts">
      {(contacts.data ?? []).map((contact) => (
        <li key={contact.id} className={contact.status === 'valid' ? undefined : 'contact-inactive'}>
          <strong>{contact.name}</strong>
          {contact.isPrimary && <span className="chip info">Primary</span>}
          <span className="muted">{ROLES[contact.role]}</span>
          {contact.email && <span>{contact.email}</span>}
          {contact.phone && <span className="muted">{contact.phone}</span>}
          {contact.status !== 'valid' && <span className="chip warn">{contact.status === 'bounced' ? 'Bounced' : 'Left'}</span>}
        </li>
      ))}
      {contacts.data?.length === 0 && <li className="muted">No contacts yet.</li>}
    </ul>
  );
}

import { useState } from 'react';
import { CONTACT_ROLES, CONTACT_STATUSES, type Contact } from '../../../../shared/activity';
import { call } from '../../lib/api';
import { ActionForm } from '../activity/ActionForm';
import { CONTACT_ROLE_LABELS, CONTACT_STATUS_LABELS } from './contact-labels';

interface Props {
  customerId: number;
  /** The contact being edited; absent for a new one. */
  contact?: Contact;
  /** A new contact's name and address as suggested (an out-of-office answer's stand-in). */
  suggested?: { name: string | null; email: string | null };
  onSaved(): void;
  onCancel(): void;
}

/** Add or edit a contact: name, how to reach them, their role, and whether the address still works. */
export function ContactForm({ customerId, contact, suggested, onSaved, onCancel }: Props) {
  const [name, setName] = useState(contact?.name ?? suggested?.name ?? '');
  const [email, setEmail] = useState(contact?.email ?? suggested?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [role, setRole] = useState<Contact['role']>(contact?.role ?? 'billing');
  const [status, setStatus] = useState<Contact['status']>(contact?.status ?? 'valid');
  const [isPrimary, setPrimary] = useState(contact?.isPrimary ?? false);
  return (
    <ActionForm
      title={contact ? `Edit ${contact.name}` : 'Add a contact'}
      testId="contact-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        await call('contacts.save', { customerId, ...(contact ? { contactId: contact.id } : {}), name, email, phone, role, status, isPrimary });
      }}
    >
      <label className="field">
        <span>Name</span>
        <input className="input" autoFocus value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Email</span>
          <input className="input" type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <label className="field">
          <span>Phone</span>
          <input className="input" type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span>Role</span>
          <select className="input" value={role} onChange={(event) => setRole(event.target.value as Contact['role'])}>
            {CONTACT_ROLES.map((value) => (
              <option key={value} value={value}>
                {CONTACT_ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Status</span>
          <select className="input" value={status} onChange={(event) => setStatus(event.target.value as Contact['status'])}>
            {CONTACT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {CONTACT_STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={isPrimary} onChange={(event) => setPrimary(event.target.checked)} /> Primary contact
      </label>
    </ActionForm>
  );
}

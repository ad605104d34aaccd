import { useState } from 'react';
import type { Contact } from '../../../../shared/activity';
import { invalidate, useCoreQuery } from '../../lib/core-query';
import { ContactForm } from './ContactForm';
import { PhoneLink } from '../../components/PhoneLink';
import { noteOf, OverwriteNote, useOverwrites } from '../../components/OverwriteNote';
import { CONTACT_ROLE_LABELS, CONTACT_STATUS_LABELS } from './contact-labels';

/** Who to talk to, with their role and whether their address still works; add and edit in place. */
export function ContactList({ customerId, country, onChanged }: { customerId: number; country?: string | null; onChanged?: () => void }) {
  const contacts = useCoreQuery('contacts.list', { customerId });
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const notes = useOverwrites({ customerId });
  const saved = (): void => {
    setEditing(null);
    contacts.reload();
    void invalidate('team.overwrites');
    onChanged?.();
  };
  return (
    <div className="contacts">
      <div className="section-head">
        <h3>Contacts</h3>
        <button type="button" className="button ghost small" onClick={() => setEditing('new')}>
          Add contact
        </button>
      </div>
      {editing && (
        <ContactForm
          key={editing === 'new' ? 'new' : editing.id}
          customerId={customerId}
          contact={editing === 'new' ? undefined : editing}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      )}
      <ul className="contact-list" aria-label="Contacts" data-testid="contacts">
        {(contacts.data ?? []).map((contact) => {
          const note = noteOf(notes, 'contact', contact.id);
          return (
            <li key={contact.id} className={contact.status === 'valid' ? undefined : 'contact-inactive'}>
              <strong>{contact.name}</strong>
              {contact.isPrimary && <span className="chip info">Primary</span>}
              <span className="muted">{CONTACT_ROLE_LABELS[contact.role]}</span>
              {contact.email && <span>{contact.email}</span>}
              {contact.phone && <PhoneLink phone={contact.phone} country={country} label={`Call ${contact.name}`} />}
              {contact.status !== 'valid' && <span className="chip warn">{CONTACT_STATUS_LABELS[contact.status]}</span>}
              <button type="button" className="button ghost small contact-edit" aria-label={`Edit ${contact.name}`} onClick={() => setEditing(contact)}>
                Edit
              </button>
              {note && <OverwriteNote note={note} subject="this contact's" />}
            </li>
          );
        })}
        {contacts.data?.length === 0 && <li className="muted">No contacts yet. Add the person who approves payments.</li>}
      </ul>
    </div>
  );
}

import { z } from 'zod';
import { CONTACT_ROLES, CONTACT_STATUSES, type Contact } from '../../../shared/activity';
import { AppError } from '../../../shared/errors';
import { columns, type ColumnsRow } from '../../db/typed-row';
import { nowOf } from '../context';
import type { Handlers } from '../handler-types';
import { recordActivity } from '../activity/record-activity';

const CONTACT = ['id', 'name', 'email', 'phone', 'role', 'is_primary', 'status'] as const;
type ContactRow = ColumnsRow<'contacts', (typeof CONTACT)[number]>;
const SELECT = `SELECT ${columns('contacts', 'k', CONTACT)} FROM contacts k`;
// role and status are TEXT in the schema: parsed, so a value the app doesn't know fails loudly here.
const contactRole = z.enum(CONTACT_ROLES);
const contactStatus = z.enum(CONTACT_STATUSES);
const toContact = (row: ContactRow): Contact => ({
  ...row,
  role: contactRole.parse(row.role),
  status: contactStatus.parse(row.status),
  isPrimary: row.isPrimary === 1,
});

export const contactHandlers: Handlers<'contacts.list' | 'contacts.save'> = {
  'contacts.list': ({ customerId }, ctx) =>
    (ctx.database.sqlite.prepare(`${SELECT} WHERE customer_id = ? ORDER BY is_primary DESC, name`).all(customerId) as ContactRow[]).map(toContact),

  /** Adds or edits a contact; the audit entry keeps what it was before, so an edit loses nothing. */
  'contacts.save': (input, ctx) => {
    const { sqlite } = ctx.database;
    const before =
      input.contactId === undefined
        ? null
        : (sqlite.prepare(`${SELECT} WHERE id = ? AND customer_id = ?`).get(input.contactId, input.customerId) as ContactRow | undefined);
    if (input.contactId !== undefined && !before) throw new AppError('NOT_FOUND', 'That contact does not belong to this customer.');
    const values = [input.name, input.email || null, input.phone || null, input.role, input.isPrimary ? 1 : 0, input.status] as const;
    let contactId = input.contactId ?? 0;
    recordActivity(ctx, {
      customerId: input.customerId,
      kind: 'contact_saved',
      body: {
        before: before ? toContact(before) : null,
        after: { name: input.name, email: input.email, phone: input.phone, role: input.role, isPrimary: input.isPrimary, status: input.status },
      },
      also: () => {
        // One primary contact per customer.
        if (input.isPrimary) sqlite.prepare('UPDATE contacts SET is_primary = 0 WHERE customer_id = ?').run(input.customerId);
        if (before) {
          sqlite.prepare('UPDATE contacts SET name = ?, email = ?, phone = ?, role = ?, is_primary = ?, status = ? WHERE id = ?').run(...values, contactId);
        } else {
          contactId = Number(
            sqlite
              .prepare('INSERT INTO contacts (customer_id, name, email, phone, role, is_primary, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
              .run(input.customerId, ...values, nowOf(ctx)).lastInsertRowid,
          );
        }
        return { entity: 'contact', id: contactId };
      },
    });
    return { contactId };
  },
};

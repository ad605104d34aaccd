import { describe, expect, it } from 'vitest';
import { columns, type ColumnsRow } from '../../electron/db/typed-row';

describe('rows typed by the generated schema', () => {
  it('writes the SELECT list under the names the row type has', () => {
    expect(columns('inbox_messages', 'm', ['id', 'customer_id', 'from_address'])).toBe(
      'm.id AS id, m.customer_id AS customerId, m.from_address AS fromAddress',
    );
    const row: ColumnsRow<'inbox_messages', 'customer_id' | 'from_address'> = { customerId: null, fromAddress: 'ap@example.com' };
    expect(row.customerId).toBeNull();
  });

  it('refuses a column the migrations do not build (checked by npm run typecheck)', () => {
    // @ts-expect-error -- inbox_messages has from_address, not from_addr: a renamed column fails the typecheck.
    expect(columns('inbox_messages', 'm', ['from_addr'])).toBe('m.from_addr AS fromAddr');
  });
});

import type { SqliteDb } from '../../db/sqlite';
import type { TableRow } from '../../db/typed-row';

/** Columns of the rows a batch inserts many at a time (see RowBuffer); values are passed in this order. */
export const INVOICE_COLUMNS = [
  'customer_id',
  'source',
  'external_id',
  'number',
  'issue_date',
  'due_date',
  'currency',
  'amount_minor',
  'open_minor',
  'status',
  'disputed',
  'billing',
  'closed_date',
  'payment_url',
  'in_transit_since',
  'created_at',
  'updated_at',
] as const;
export const PAYMENT_COLUMNS = [
  'customer_id',
  'source',
  'external_id',
  'received_date',
  'currency',
  'amount_minor',
  'method',
  'reference',
  'created_at',
] as const;
export const ALLOCATION_COLUMNS = ['invoice_id', 'payment_id', 'credit_note_id', 'kind', 'applied_date', 'amount_minor', 'created_at'] as const;

const insertOne = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;

/** An invoice as findInvoice and findInvoiceByNumber read it (`SELECT *`). */
export type InvoiceRow = TableRow<'invoices'>;

/** The statements a batch write runs per row, prepared once per batch. */
export function prepareBatchStatements(sqlite: SqliteDb) {
  return {
    findCustomer: sqlite.prepare(
      'SELECT id, name, currency, terms_days, credit_limit_minor, segment, collector, country FROM customers WHERE source = ? AND external_id = ?',
    ),
    insertCustomer:
      sqlite.prepare(`INSERT INTO customers (source, external_id, name, currency, terms_days, credit_limit_minor, segment, collector, country, created_at, updated_at)
      VALUES (@source, @externalId, @name, @currency, @termsDays, @creditLimit, @segment, @collector, @country, @now, @now)`),
    updateCustomer: sqlite.prepare(`UPDATE customers SET name = @name, currency = @currency, terms_days = @termsDays,
      credit_limit_minor = @creditLimit, segment = @segment, collector = @collector, country = @country, updated_at = @now WHERE id = @id`),
    insertContact: sqlite.prepare(`INSERT INTO contacts (customer_id, name, email, phone, role, is_primary, status, created_at)
      VALUES (?, ?, ?, ?, ?, ?, 'valid', ?)`),
    findContact: sqlite.prepare("SELECT id FROM contacts WHERE customer_id = ? AND name = ? AND coalesce(email, '') = ?"),
    findInvoice: sqlite.prepare('SELECT * FROM invoices WHERE source = ? AND external_id = ?'),
    customerExternalId: sqlite.prepare('SELECT external_id AS externalId FROM customers WHERE id = ?'),
    findInvoiceByNumber: sqlite.prepare('SELECT * FROM invoices WHERE source = ? AND number = ? ORDER BY id LIMIT 1'),
    // A collector's own "in transit" mark is collection data: the ERP may set it, never clear it.
    updateInvoice: sqlite.prepare(`UPDATE invoices SET customer_id = @customerId, number = @number, issue_date = @issueDate, due_date = @dueDate,
      currency = @currency, amount_minor = @amount, open_minor = @open, status = @status, disputed = @disputed,
      billing = COALESCE(@billing, billing), closed_date = @closedDate, payment_url = coalesce(@paymentUrl, payment_url),
      in_transit_since = coalesce(in_transit_since, @inTransitSince), updated_at = @now WHERE id = @id`),
    setInvoiceOpen: sqlite.prepare('UPDATE invoices SET open_minor = ?, status = ?, closed_date = ?, updated_at = ? WHERE id = ?'),
    findPayment: sqlite.prepare('SELECT id, amount_minor, received_date, currency FROM payments WHERE source = ? AND external_id = ?'),
    insertPayment: sqlite.prepare(insertOne('payments', PAYMENT_COLUMNS)),
    insertAllocation: sqlite.prepare(insertOne('allocations', ALLOCATION_COLUMNS)),
    findCredit: sqlite.prepare('SELECT * FROM credit_notes WHERE source = ? AND external_id = ?'),
    findFormerCredits: sqlite.prepare(`SELECT id FROM credit_notes WHERE source = ? AND customer_id = ? AND kind = ? AND issue_date = ? AND amount_minor = ?
      AND substr(external_id, 1, length(?)) = ? ORDER BY id`),
    renameCredit: sqlite.prepare('UPDATE credit_notes SET external_id = ?, updated_at = ? WHERE id = ?'),
    emptyCredit: sqlite.prepare('UPDATE credit_notes SET open_minor = 0, updated_at = ? WHERE id = ?'),
    insertCredit:
      sqlite.prepare(`INSERT INTO credit_notes (customer_id, source, external_id, number, kind, issue_date, currency, amount_minor, open_minor, created_at, updated_at)
      VALUES (@customerId, @source, @externalId, @number, @kind, @date, @currency, @amount, @open, @now, @now)`),
    updateCredit: sqlite.prepare(`UPDATE credit_notes SET customer_id = @customerId, number = @number, kind = @kind, issue_date = @date,
      currency = @currency, amount_minor = @amount, open_minor = @open, updated_at = @now WHERE id = @id`),
    findCreditApplication: sqlite.prepare(
      "SELECT id, amount_minor, applied_date FROM allocations WHERE invoice_id = ? AND credit_note_id = ? AND kind = 'credit'",
    ),
    // A null date keeps the allocation's own.
    restateAllocation: sqlite.prepare('UPDATE allocations SET amount_minor = ?, applied_date = coalesce(?, applied_date) WHERE id = ?'),
    positiveAdjustments: sqlite.prepare(
      "SELECT id, amount_minor FROM allocations WHERE invoice_id = ? AND kind = 'erp_adjustment' AND amount_minor > 0 ORDER BY applied_date DESC, id DESC",
    ),
    deleteAllocation: sqlite.prepare('DELETE FROM allocations WHERE id = ?'),
    allocatedToInvoice: sqlite.prepare("SELECT coalesce(sum(amount_minor), 0) AS n FROM allocations WHERE invoice_id = ? AND kind IN ('payment', 'credit')"),
    openInvoicesOfSource: sqlite.prepare("SELECT id, customer_id, external_id, open_minor FROM invoices WHERE source = ? AND status = 'open'"),
    audit: sqlite.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'import', ?, ?, ?, ?)"),
  };
}

export type BatchStatements = ReturnType<typeof prepareBatchStatements>;

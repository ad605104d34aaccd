import { AppError } from '../../../shared/errors';
import type { IsoDate } from '../../../shared/dates';
import { PROBLEM_LIST_LIMIT, type ImportProblem, type WriteCounts } from '../../../shared/import-mapping';
import type { SqliteDb } from '../../db/sqlite';
import type { TableRow } from '../../db/typed-row';
import { ALLOCATION_COLUMNS, INVOICE_COLUMNS, PAYMENT_COLUMNS, prepareBatchStatements, type BatchStatements, type InvoiceRow } from './batch-statements';
import { journalOf } from './batch-journal';
import { noteLedgerWritten } from './follow-up';
import { isBulkLoad, withIndexesRebuilt, withWriteCache } from './big-write';
import type { CustomerRecord, InvoiceRecord, LedgerBatch } from './records';
import { RowBuffer } from './row-buffer';
import { emptyDeletedCredit, upsertCredit } from './write-credits';
import { applyCreditNote, recordUnexplainedChanges, upsertPayment } from './write-history';
import type { StatedBalance, WriteScope } from './write-scope';

/**
 * Writes a validated batch in one transaction: all of it or, on any problem, none of it.
 * Upserts by (source, external id), so the same batch twice changes nothing. A balance that changed
 * between two exports without a dated payment to explain it is recorded as an ERP adjustment on
 * `today`, which keeps "balance as of" right for dates before this import. `touched` collects the
 * customers the batch wrote for, so what follows (risk, queue) can refresh just them. The batch's
 * journal (batch-journal.ts) hears of it in the same transaction, unless `journal` is false (a batch
 * another desk published, applied here).
 */
export function writeBatch(
  sqlite: SqliteDb,
  batch: LedgerBatch,
  today: IsoDate,
  now: string,
  touched?: Set<number>,
  options: { journal?: boolean } = {},
): WriteCounts {
  const writer = new BatchWriter(sqlite, batch.source, today, now);
  const journal = options.journal === false ? undefined : journalOf(sqlite);
  const counts = withWriteCache(sqlite, () =>
    sqlite.transaction(() => {
      const written = writer.write(batch);
      journal?.(batch, today, now);
      return written;
    })(),
  );
  for (const customerId of writer.touched) touched?.add(customerId);
  noteLedgerWritten(sqlite, writer.touched);
  return counts;
}

class BatchWriter implements WriteScope {
  readonly counts: WriteCounts = {
    created: 0,
    updated: 0,
    unchanged: 0,
    closed: 0,
    customersCreated: 0,
    paymentsCreated: 0,
    creditsCreated: 0,
  };
  private readonly problems: ImportProblem[] = [];
  private problemCount = 0;
  private readonly customerIds = new Map<string, number>();
  readonly touched = new Set<number>();
  /** Invoices whose balance this batch states, and what the batch itself applied to them. */
  readonly stated = new Map<number, StatedBalance>();
  readonly stmt: BatchStatements;
  /** The invoice phase's new rows, many to a statement; flushed (in foreign-key order) before anything reads them. */
  private readonly newRows: RowBuffer<'invoices' | 'payments' | 'allocations'>;
  /**
   * Whether the source had no invoices (or payments) before this batch: a first import has nothing
   * to find, so the lookup per row is skipped for all but a row repeating an earlier one of the batch.
   */
  private readonly firstOf: { invoices: boolean; payments: boolean };

  constructor(
    readonly sqlite: SqliteDb,
    readonly source: string,
    readonly today: IsoDate,
    readonly now: string,
  ) {
    this.stmt = prepareBatchStatements(sqlite);
    this.newRows = new RowBuffer(sqlite, [
      ['invoices', INVOICE_COLUMNS],
      ['payments', PAYMENT_COLUMNS],
      ['allocations', ALLOCATION_COLUMNS],
    ]);
    this.firstOf = {
      invoices: sqlite.prepare('SELECT 1 FROM invoices WHERE source = ? LIMIT 1').get(source) === undefined,
      payments: sqlite.prepare('SELECT 1 FROM payments WHERE source = ? LIMIT 1').get(source) === undefined,
    };
  }

  write(batch: LedgerBatch): WriteCounts {
    for (const customer of batch.customers) this.upsertCustomer(customer);
    const seen = new Set<string>();
    const invoices = (): void => {
      for (const invoice of batch.invoices) {
        const repeat = seen.has(invoice.externalId);
        seen.add(invoice.externalId);
        // A row repeating an earlier one of the batch looks that one up.
        if (repeat) this.newRows.flush();
        this.upsertInvoice(invoice, repeat);
      }
      this.newRows.flush();
    };
    // Rebuilt before payments and credits, which find invoices by number and sum allocations.
    if (isBulkLoad(this.sqlite, batch.invoices.length)) withIndexesRebuilt(this.sqlite, invoices);
    else invoices();
    for (const credit of batch.credits) upsertCredit(this, credit);
    for (const payment of batch.payments) upsertPayment(this, payment);
    for (const application of batch.creditApplications ?? []) applyCreditNote(this, application);
    recordUnexplainedChanges(this);
    if (batch.snapshot) this.closeMissing(seen);
    for (const externalId of batch.deletedInvoiceIds ?? []) this.closeDeleted(externalId);
    for (const externalId of batch.deletedCreditIds ?? []) emptyDeletedCredit(this, externalId);
    if (this.problemCount > 0) {
      throw new AppError('IMPORT_REJECTED', `${this.problemCount} row(s) could not be applied; nothing was imported.`, {
        problems: this.problems,
        problemCount: this.problemCount,
      });
    }
    return this.counts;
  }

  problem(row: number, column: string, value: string, reason: string): void {
    this.problemCount++;
    if (this.problems.length < PROBLEM_LIST_LIMIT) this.problems.push({ row, column, value, reason });
  }

  customerId(externalId: string, name: string | undefined, currency: string | undefined): number {
    const cached = this.customerIds.get(externalId);
    if (cached !== undefined) return cached;
    const existing = this.stmt.findCustomer.get(this.source, externalId) as Pick<TableRow<'customers'>, 'id'> | undefined;
    const id = existing ? existing.id : this.insertCustomer({ row: 0, externalId, name: name ?? externalId, currency: currency ?? 'USD' });
    this.customerIds.set(externalId, id);
    return id;
  }

  private insertCustomer(record: CustomerRecord): number {
    const result = this.stmt.insertCustomer.run({
      source: this.source,
      externalId: record.externalId,
      name: record.name ?? record.externalId,
      currency: record.currency ?? 'USD',
      termsDays: record.termsDays ?? null,
      creditLimit: record.creditLimitMinor ?? null,
      segment: record.segment ?? null,
      collector: record.collector ?? null,
      country: record.country ?? null,
      now: this.now,
    });
    this.counts.customersCreated++;
    const id = Number(result.lastInsertRowid);
    this.touched.add(id);
    return id;
  }

  private upsertCustomer(record: CustomerRecord): void {
    const existing = this.stmt.findCustomer.get(this.source, record.externalId) as
      | {
          id: number;
          name: string;
          currency: string;
          terms_days: number | null;
          credit_limit_minor: number | null;
          segment: string | null;
          collector: string | null;
          country: string | null;
        }
      | undefined;
    let id: number;
    if (!existing) {
      id = this.insertCustomer(record);
      this.counts.created++;
    } else {
      id = existing.id;
      const next = {
        id,
        name: record.name ?? existing.name,
        currency: record.currency ?? existing.currency,
        termsDays: record.termsDays ?? existing.terms_days,
        creditLimit: record.creditLimitMinor ?? existing.credit_limit_minor,
        segment: record.segment ?? existing.segment,
        collector: record.collector ?? existing.collector,
        country: record.country ?? existing.country,
        now: this.now,
      };
      const changed =
        next.name !== existing.name ||
        next.currency !== existing.currency ||
        next.termsDays !== existing.terms_days ||
        next.creditLimit !== existing.credit_limit_minor ||
        next.segment !== existing.segment ||
        next.collector !== existing.collector ||
        next.country !== existing.country;
      if (changed) {
        this.stmt.updateCustomer.run(next);
        this.touched.add(id);
        this.counts.updated++;
      } else {
        this.counts.unchanged++;
      }
    }
    this.customerIds.set(record.externalId, id);
    for (const contact of record.contacts ?? []) {
      if (this.stmt.findContact.get(id, contact.name, contact.email ?? '')) continue;
      this.touched.add(id);
      this.stmt.insertContact.run(id, contact.name, contact.email ?? null, contact.phone ?? null, contact.role, contact.isPrimary ? 1 : 0, this.now);
    }
  }

  private upsertInvoice(record: InvoiceRecord, repeat: boolean): void {
    const customerId = this.customerId(record.customerExternalId, record.customerName, record.currency);
    const existing = this.firstOf.invoices && !repeat ? undefined : (this.stmt.findInvoice.get(this.source, record.externalId) as InvoiceRow | undefined);
    const settled = record.openMinor === 0;
    const values = {
      customerId,
      source: this.source,
      externalId: record.externalId,
      number: record.number,
      issueDate: record.issueDate,
      dueDate: record.dueDate,
      currency: record.currency,
      amount: record.amountMinor,
      open: record.openMinor,
      status: record.voided ? 'void' : settled ? 'paid' : 'open',
      disputed: record.disputed ? 1 : 0,
      // Not stated keeps what an earlier export said.
      billing: record.billing ?? null,
      closedDate: record.voided ? this.today : settled ? (record.paidDate ?? null) : null,
      paymentUrl: record.paymentUrl ?? null,
      inTransitSince: record.inTransit ? this.today : null,
      now: this.now,
    };
    let invoiceId: number;
    if (!existing) {
      invoiceId = this.newRows.add('invoices', [
        customerId,
        this.source,
        record.externalId,
        record.number,
        record.issueDate,
        record.dueDate,
        record.currency,
        record.amountMinor,
        record.openMinor,
        values.status,
        values.disputed,
        values.billing,
        values.closedDate,
        values.paymentUrl,
        values.inTransitSince,
        this.now,
        this.now,
      ]);
      this.touched.add(customerId);
      this.counts.created++;
    } else {
      invoiceId = existing.id;
      const changed =
        existing.customer_id !== customerId ||
        existing.number !== record.number ||
        existing.issue_date !== record.issueDate ||
        existing.due_date !== record.dueDate ||
        existing.currency !== record.currency ||
        existing.amount_minor !== record.amountMinor ||
        existing.open_minor !== record.openMinor ||
        existing.disputed !== values.disputed ||
        existing.status !== values.status ||
        (values.billing !== null && existing.billing !== values.billing) ||
        (values.paymentUrl !== null && existing.payment_url !== values.paymentUrl) ||
        (values.inTransitSince !== null && existing.in_transit_since === null);
      if (changed) {
        this.stmt.updateInvoice.run({ ...values, id: invoiceId });
        // Both owners when it moved: the old one has it no more.
        this.touched.add(customerId).add(existing.customer_id);
        this.counts.updated++;
      } else {
        this.counts.unchanged++;
      }
    }
    const explained = record.paidDate && record.amountMinor > record.openMinor ? this.recordSettlement(record, customerId, invoiceId, repeat) : 0;
    this.stated.set(invoiceId, { previousOpen: existing?.open_minor ?? null, newOpen: record.openMinor, explained });
  }

  /** The export's paid date becomes a payment applied to the invoice; returns the amount newly applied. */
  private recordSettlement(record: InvoiceRecord, customerId: number, invoiceId: number, repeat: boolean): number {
    const externalId = `paid:${record.externalId}`;
    const amount = record.amountMinor - record.openMinor;
    const existing =
      this.firstOf.payments && !repeat
        ? undefined
        : (this.stmt.findPayment.get(this.source, externalId) as Pick<TableRow<'payments'>, 'id' | 'amount_minor' | 'received_date'> | undefined);
    if (existing && existing.amount_minor === amount && existing.received_date === record.paidDate) return 0;
    if (existing) {
      this.sqlite.prepare('DELETE FROM payments WHERE id = ?').run(existing.id);
    }
    this.touched.add(customerId);
    const paymentId = this.newRows.add('payments', [
      customerId,
      this.source,
      externalId,
      record.paidDate,
      record.currency,
      amount,
      null,
      `Settled ${record.number}`,
      this.now,
    ]);
    this.newRows.add('allocations', [invoiceId, paymentId, null, 'payment', record.paidDate, amount, this.now]);
    if (!existing) this.counts.paymentsCreated++;
    return amount - (existing?.amount_minor ?? 0);
  }

  private closeMissing(seen: Set<string>): void {
    const open = this.stmt.openInvoicesOfSource.all(this.source) as Pick<TableRow<'invoices'>, 'id' | 'customer_id' | 'external_id' | 'open_minor'>[];
    for (const invoice of open) {
      if (!seen.has(invoice.external_id)) this.close(invoice, 'snapshot-close');
    }
  }

  /** An invoice deleted in the ERP; one already closed or never imported needs nothing. */
  private closeDeleted(externalId: string): void {
    const invoice = this.stmt.findInvoice.get(this.source, externalId) as InvoiceRow | undefined;
    if (invoice?.status === 'open') this.close(invoice, 'erp-delete');
  }

  private close(invoice: { id: number; customer_id: number; external_id: string; open_minor: number }, action: 'snapshot-close' | 'erp-delete'): void {
    this.touched.add(invoice.customer_id);
    this.stmt.insertAllocation.run(invoice.id, null, null, 'snapshot_close', this.today, invoice.open_minor, this.now);
    this.stmt.setInvoiceOpen.run(0, 'closed', this.today, this.now, invoice.id);
    this.stmt.audit.run(this.now, action, 'invoice', invoice.external_id, JSON.stringify({ openMinor: invoice.open_minor }));
    this.counts.closed++;
  }
}

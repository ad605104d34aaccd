import { addDays, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';

/**
 * Which book a read looks at (docs/ARCHITECTURE.md, Principles: "as of D" is the book at the end of D). Each field is
 * SQL for a table, with the live table's column names, to put after FROM: today's book is the live
 * tables themselves (the fast path); a past day's is each dated table cut at the end of that day,
 * each row in the state it was in then. Every reader that takes a date reads through one of these,
 * so no reader can see a row dated after its day. Bind `bookParams(book)` with the statement.
 *
 * What a past day's book holds:
 * - invoices issued on or before the day and not void, with their balance then (today's balance
 *   plus whatever was applied after the day), `status` 'open' exactly when that balance is above
 *   zero, and a payment in transit only if announced by then (the ERP's mark or a collector's);
 * - payments received, promises made, plans started, disputes opened, activities recorded, ladder
 *   steps taken and messages queued by the end of the day; a promise or plan cancelled later is
 *   not cancelled, a dispute resolved later is open;
 * - a snooze as the collector's latest snooze recorded by then set it.
 * What has no date is read as it is: customers, contacts, templates, the ERP's dispute flag on an
 * invoice (the ERP states it of the invoice, not of a day). Activity timestamps are UTC, so their
 * day is the UTC day, as the attribution figures count it.
 */
export interface Book {
  day: IsoDate;
  past: boolean;
  invoices: string;
  /** The invoices open at the end of the day alone, for reads of the whole book (same columns). */
  openInvoices: string;
  /**
   * The same invoices with only what sums and counts read: id, customer_id, currency, issue_date,
   * due_date, open_minor (the balance then) and status. A past day's whole book gathers these alone; the rest
   * of each invoice's row is read only through openInvoices, by the few readers that show it.
   */
  openBalances: string;
  payments: string;
  promises: string;
  paymentPlans: string;
  disputes: string;
  /** customer_id, until_date: the snooze in force on the day's evening, if its date is later. */
  snoozes: string;
  activities: string;
  ladderSteps: string;
  outbox: string;
}

/** Today's book: the live tables. */
export function liveBook(day: IsoDate): Book {
  return {
    day,
    past: false,
    invoices: 'invoices',
    openInvoices: 'invoices',
    openBalances: 'invoices',
    payments: 'payments',
    promises: 'promises',
    paymentPlans: 'payment_plans',
    disputes: 'disputes',
    snoozes: 'snoozes',
    activities: 'activities',
    ladderSteps: 'ladder_invoice_steps',
    outbox: 'outbox_messages',
  };
}

/** A timestamp (UTC ISO) recorded by the end of @asOf: before the next day begins. */
const BY_END = '< @dayAfter';

/** The balance then: what was applied after the day is added back (a reversal, negative, is taken back out). */
const BALANCE_THEN = `i.open_minor + COALESCE((SELECT SUM(a.amount_minor) FROM allocations a WHERE a.invoice_id = i.id AND a.applied_date > @asOf), 0)`;

/** The latest announcement of the payment (a collector's mark names the invoice in its body), made by the day. */
const IN_TRANSIT_THEN = `nullif(max(CASE WHEN i.in_transit_since <= @asOf THEN i.in_transit_since ELSE '' END,
  coalesce((SELECT substr(MAX(t.occurred_at), 1, 10) FROM activities t WHERE t.customer_id = i.customer_id AND t.kind = 'payment_in_transit'
     AND t.deleted_at IS NULL AND t.occurred_at ${BY_END} AND EXISTS (SELECT 1 FROM json_each(t.body, '$.invoiceIds') j WHERE j.value = i.id)), '')), '')`;

const PAST_INVOICES = `(SELECT x.id, x.customer_id, x.source, x.external_id, x.number, x.issue_date, x.due_date, x.currency, x.amount_minor,
    x.balance AS open_minor,
    CASE WHEN x.balance > 0 THEN 'open' WHEN x.status = 'open' THEN 'paid' ELSE x.status END AS status,
    x.disputed, x.billing,
    CASE WHEN x.balance > 0 THEN NULL WHEN x.closed_date > @asOf THEN @asOf ELSE x.closed_date END AS closed_date,
    x.payment_url, x.in_transit_since, x.created_at, x.updated_at
  FROM (SELECT i.id, i.customer_id, i.source, i.external_id, i.number, i.issue_date, i.due_date, i.currency, i.amount_minor, ${BALANCE_THEN} AS balance,
               i.status, i.disputed, i.billing, i.closed_date, i.payment_url, ${IN_TRANSIT_THEN} AS in_transit_since, i.created_at, i.updated_at
        FROM invoices i WHERE i.issue_date <= @asOf AND i.status != 'void') x)`;

/** The book at the end of a past day. */
export function pastBook(day: IsoDate): Book {
  return {
    day,
    past: true,
    invoices: PAST_INVOICES,
    openInvoices: PAST_INVOICES,
    openBalances: PAST_INVOICES,
    payments: '(SELECT * FROM payments WHERE received_date <= @asOf)',
    promises: `(SELECT p.id, p.customer_id, p.activity_id, p.currency, p.amount_minor, p.promised_date, p.made_date, p.grace_days,
        CASE WHEN p.cancelled_date <= @asOf THEN p.cancelled_date END AS cancelled_date, p.created_at FROM promises p WHERE p.made_date <= @asOf)`,
    paymentPlans: `(SELECT pp.id, pp.customer_id, pp.label, pp.currency, pp.start_date, pp.grace_days,
        CASE WHEN pp.cancelled_date <= @asOf THEN pp.cancelled_date END AS cancelled_date, pp.note, pp.created_at FROM payment_plans pp WHERE pp.start_date <= @asOf)`,
    disputes: `(SELECT d.id, d.customer_id, d.reason_code, d.owner, d.sla_days, d.opened_date,
        CASE WHEN d.status = 'resolved' AND d.resolved_date <= @asOf THEN 'resolved' ELSE 'open' END AS status,
        CASE WHEN d.resolved_date <= @asOf THEN d.resolved_date END AS resolved_date,
        CASE WHEN d.resolved_date <= @asOf THEN d.resolution_note END AS resolution_note, d.note, d.created_at
      FROM disputes d WHERE d.opened_date <= @asOf)`,
    snoozes: `(SELECT s.customer_id, json_extract(s.body, '$.untilDate') AS until_date FROM activities s
      WHERE s.kind = 'snooze' AND s.deleted_at IS NULL AND s.occurred_at ${BY_END}
        AND s.id = (SELECT MAX(l.id) FROM activities l WHERE l.customer_id = s.customer_id AND l.kind = 'snooze' AND l.deleted_at IS NULL AND l.occurred_at ${BY_END}))`,
    activities: `(SELECT * FROM activities WHERE occurred_at ${BY_END})`,
    ladderSteps: `(SELECT * FROM ladder_invoice_steps WHERE taken_at ${BY_END})`,
    outbox: `(SELECT * FROM outbox_messages WHERE created_at ${BY_END})`,
  };
}

/**
 * The invoices open at the end of a past day, the way aging finds them: open today, or settled
 * since with something applied after the day (nothing else can have been open then), each with its
 * balance then from one grouped pass over those later allocations, instead of a lookup per invoice.
 * Only the columns sums need, each half from a covering index: the settled half probes
 * invoices_settled by id in the allocations' id order, never the table's whole rows.
 */
const PAST_OPEN = `
  WITH later AS (SELECT invoice_id AS id, SUM(amount_minor) AS amount FROM allocations INDEXED BY allocations_applied WHERE applied_date > @asOf GROUP BY invoice_id)
  SELECT id, customer_id, currency, issue_date, due_date, balance FROM (
    SELECT i.id, i.customer_id, i.currency, i.issue_date, i.due_date, i.open_minor + COALESCE(l.amount, 0) AS balance
    FROM invoices i INDEXED BY invoices_open_aging LEFT JOIN later l ON l.id = i.id WHERE i.status = 'open' AND i.issue_date <= @asOf
    UNION ALL
    SELECT i.id, i.customer_id, i.currency, i.issue_date, i.due_date, i.open_minor + l.amount
    FROM later l CROSS JOIN invoices i INDEXED BY invoices_settled ON i.id = l.id WHERE i.status NOT IN ('open', 'void') AND i.issue_date <= @asOf)
  WHERE balance > 0`;

/** The gathered open invoices as openBalances reads them (status is 'open' for each). */
const GATHERED_BALANCES = `(SELECT id, customer_id, currency, issue_date, due_date, open_minor, 'open' AS status FROM temp.book_balances)`;

/** The columns of an invoice's row, from the gathered balances (o) and the invoices table (i). */
const GATHERED_COLUMNS = `o.id, o.customer_id, i.source, i.external_id, i.number, o.issue_date, o.due_date, o.currency, i.amount_minor,
    o.open_minor, 'open' AS status, i.disputed, i.billing, NULL AS closed_date, i.payment_url, i.in_transit_since, i.created_at, i.updated_at`;

/**
 * The gathered open invoices with the rest of each one's row read from the invoices table, for
 * readers that show invoices of a few customers (the ladder on a past first page's candidates), by
 * the temporary table's customer index. A payment in transit counts only if announced by the day.
 */
const GATHERED_INVOICES = `(SELECT ${GATHERED_COLUMNS.replace('i.in_transit_since', `${IN_TRANSIT_THEN} AS in_transit_since`)}
  FROM temp.book_balances o JOIN invoices i ON i.id = o.id)`;

/** Which past day's open invoices the connection holds (temporary tables, in memory), whole rows too or not, and the database's state then. */
const materialized = new WeakMap<SqliteDb, { day: IsoDate; rows: boolean; state: string }>();

/** A token that changes with any write, on this connection (total_changes) or another (data_version). */
export function databaseState(sqlite: SqliteDb): string {
  return `${(sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n}/${String(sqlite.pragma('data_version', { simple: true }))}`;
}

/**
 * Gathers the past day's open invoices into a temporary table, kept until the day or the data
 * changes: every whole-book read of that day (the queue's slices, the ladder) then reads them by
 * customer, as today's reads use the open-invoices index. With `rows`, their whole rows are copied
 * too (read from the table in id order, once), for readers of every customer's invoices.
 */
function gatherOpenInvoices(sqlite: SqliteDb, day: IsoDate, rows: boolean): void {
  const held = materialized.get(sqlite);
  const fresh = held?.day === day && held.state === databaseState(sqlite);
  if (fresh && (held.rows || !rows)) return;
  const params = bookParams(pastBook(day));
  sqlite.transaction(() => {
    if (!fresh) {
      sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS book_balances (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, currency TEXT NOT NULL,
          issue_date TEXT NOT NULL, due_date TEXT NOT NULL, open_minor INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS temp.book_balances_customer ON book_balances(customer_id, currency, due_date, open_minor)`);
      sqlite.prepare('DELETE FROM temp.book_balances').run();
      sqlite.prepare(`INSERT INTO temp.book_balances (id, customer_id, currency, issue_date, due_date, open_minor) SELECT * FROM (${PAST_OPEN})`).run(params);
    }
    if (rows) {
      // Shaped from the invoices table itself, so it has every column a reader may ask for.
      sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS book_open AS SELECT id, customer_id, source, external_id, number, issue_date, due_date, currency,
          amount_minor, open_minor, status, disputed, billing, closed_date, payment_url, in_transit_since, created_at, updated_at FROM invoices WHERE 0;
        CREATE INDEX IF NOT EXISTS temp.book_open_customer ON book_open(customer_id, currency, due_date)`);
      sqlite.prepare('DELETE FROM temp.book_open').run();
      sqlite.prepare(`INSERT INTO temp.book_open SELECT ${GATHERED_COLUMNS} FROM temp.book_balances o JOIN invoices i ON i.id = o.id ORDER BY o.id`).run();
      // In-transit marks as they stood on the day, for the invoices that have one at all.
      sqlite
        .prepare(
          `UPDATE temp.book_open AS i SET in_transit_since = ${IN_TRANSIT_THEN}
        WHERE i.in_transit_since IS NOT NULL OR EXISTS (SELECT 1 FROM activities t WHERE t.customer_id = i.customer_id AND t.kind = 'payment_in_transit')`,
        )
        .run(params);
    }
  })();
  materialized.set(sqlite, { day, rows, state: databaseState(sqlite) });
}

/** The book to read for `day` about one customer or a few: the live tables for today (or later), the cut book for a day already past. */
export function bookOn(day: IsoDate, today: IsoDate): Book {
  return day >= today ? liveBook(day) : pastBook(day);
}

/**
 * The same book for reads of every customer: a past day's open invoices are gathered once first.
 * Without `rows`, only what sums read is gathered (openBalances), and openInvoices reads the rest
 * of each invoice from the table: for readers that sum every customer's invoices but show only a
 * few customers' (a past first page).
 */
export function wholeBookOn(sqlite: SqliteDb, day: IsoDate, today: IsoDate, rows = true): Book {
  if (day >= today) return liveBook(day);
  gatherOpenInvoices(sqlite, day, rows);
  return { ...pastBook(day), openInvoices: materialized.get(sqlite)!.rows ? 'temp.book_open' : GATHERED_INVOICES, openBalances: GATHERED_BALANCES };
}

/** Parameters every book's SQL may use; bind them with the statement (unused ones are ignored). */
export function bookParams(book: Book): { asOf: IsoDate; dayAfter: IsoDate } {
  return { asOf: book.day, dayAfter: addDays(book.day, 1) };
}

import type { IsoDate } from '../../../shared/dates';
import type { WorklistRow } from '../../../shared/worklist';
import type { SqliteDb } from '../../db/sqlite';
import type { CustomerScope } from '../ledger/customer-scope';
import { databaseState, liveBook, wholeBookOn, type Book } from '../ledger/book';
import type { QueuePage, QueueService } from '../context';
import { getSetting } from '../settings';
import { ratesOn } from './exchange-rates';
import { pastFirstPage } from './past-first-page';
import { byRank, inQueue, toRow } from './queue-rank';
import { readFacts } from './worklist-facts';

/** Stale customers beyond which one full build is cheaper than re-scoring each. */
const FULL_BUILD_AFTER = 500;
/** Customers read per slice of a full build: few enough that a slice's rows die young, enough that the reads stay grouped. */
const SLICE_CUSTOMERS = 1_000;

/**
 * The ranked queue for one day, built once and then kept current one customer at a time: an activity
 * re-scores only that customer and moves its rows into place (binary search), never a full re-rank.
 * A big ledger write (an import) and a new day rebuild it from scratch; a small one re-scores the
 * customers it touched.
 */
export class WorklistCache implements QueueService {
  private day: IsoDate | null = null;
  private rows: WorklistRow[] = [];
  /** Each customer's rows, so a refresh finds them by binary search instead of scanning the queue. */
  private byCustomer = new Map<number, WorklistRow[]>();
  /** Customers touched by background work (a bulk send), re-scored when the queue is next read. */
  private readonly stale = new Set<number>();

  /** The queue length last told to `onLength`, so a re-score that changes no count tells nothing. */
  private toldLength: number | null = null;

  /** The last past day's queue asked for (paging through it asks again), with the database's state it was read from. */
  private past: { day: IsoDate; state: string; rows: readonly WorklistRow[] } | null = null;
  /** The last past day's first page asked for without its whole queue, likewise. */
  private pastPage: { day: IsoDate; limit: number; state: string; page: QueuePage } | null = null;

  /** `onLength` hears the queue's length whenever it changes (the tray's count), never per read. */
  constructor(
    private readonly sqlite: SqliteDb,
    private readonly onLength: (length: number) => void = () => undefined,
  ) {}

  ranked(today: IsoDate): readonly WorklistRow[] {
    // Re-scoring one customer costs about as much as 1/500 of a full build: past that, build it all.
    if (this.day !== today || this.stale.size > FULL_BUILD_AFTER) {
      this.rows = this.compute(liveBook(today)).sort(byRank);
      this.byCustomer = new Map();
      for (const row of this.rows) this.byCustomer.set(row.customerId, [...(this.byCustomer.get(row.customerId) ?? []), row]);
      this.day = today;
      this.tellLength();
    } else {
      for (const customerId of this.stale) this.refreshCustomer(customerId);
    }
    this.stale.clear();
    return this.rows;
  }

  refreshCustomer(customerId: number): void {
    if (this.day === null) return;
    for (const old of this.byCustomer.get(customerId) ?? []) this.rows.splice(this.insertionPoint(old) - 1, 1);
    const fresh = this.compute(liveBook(this.day), customerId);
    for (const row of fresh) this.rows.splice(this.insertionPoint(row), 0, row);
    this.byCustomer.set(customerId, fresh);
    this.tellLength();
  }

  private tellLength(): void {
    if (this.rows.length === this.toldLength) return;
    this.toldLength = this.rows.length;
    this.onLength(this.rows.length);
  }

  /** For background work that touches many customers: re-score them once, when the queue is next read. */
  markStale(customerId: number): void {
    this.stale.add(customerId);
  }

  /** Drops the queue after a ledger write and builds it again at once, so the next look at it is instant. */
  rebuild(today: IsoDate): void {
    this.day = null;
    this.ranked(today);
  }

  rankedOn(day: IsoDate, today: IsoDate): readonly WorklistRow[] {
    return this.rankedAsOf(wholeBookOn(this.sqlite, day, today));
  }

  /**
   * The queue of a day already past, from the book as it stood at the end of that day. Built apart
   * from today's, which it never disturbs; kept while nothing is written, so paging is instant.
   */
  private rankedAsOf(book: Book): readonly WorklistRow[] {
    if (!book.past) return this.ranked(book.day);
    // Any write may change the past too (a late import, a withdrawn call); the state is taken after the build, which writes temporary rows.
    if (this.past?.day === book.day && this.past.state === databaseState(this.sqlite)) return this.past.rows;
    const rows = this.compute(book).sort(byRank);
    this.past = { day: book.day, state: databaseState(this.sqlite), rows };
    return rows;
  }

  /**
   * A past day's first `limit` rows, the whole queue's total and currencies, without building the
   * whole queue (see pastFirstPage); from the queue itself when it is held already. Kept as the
   * queue is, while nothing is written.
   */
  firstPageOn(day: IsoDate, today: IsoDate, limit: number): QueuePage {
    // Invoices' whole rows are read only for the few customers whose ladder is read.
    const book = wholeBookOn(this.sqlite, day, today, false);
    if (!book.past || (this.past?.day === book.day && this.past.state === databaseState(this.sqlite))) {
      const rows = this.rankedAsOf(book);
      return { rows: rows.slice(0, limit), total: rows.length, currencies: [...rows] };
    }
    const held = this.pastPage;
    if (held?.day === book.day && held.limit >= limit && held.state === databaseState(this.sqlite))
      return { ...held.page, rows: held.page.rows.slice(0, limit) };
    const fxRates = ratesOn(this.sqlite, getSetting(this.sqlite, 'baseCurrency'), day);
    const page = pastFirstPage(
      this.sqlite,
      book,
      this.sliced((scope) => readFacts(this.sqlite, book, fxRates, scope, false)),
      limit,
    );
    this.pastPage = { day, limit, state: databaseState(this.sqlite), page };
    return page;
  }

  /** One customer's rows, or everyone's read a slice of ids at a time (see CustomerScope). */
  private compute(book: Book, customerId?: number): WorklistRow[] {
    const today = book.day;
    const fxRates = ratesOn(this.sqlite, getSetting(this.sqlite, 'baseCurrency'), today);
    const rowsOf = (scope: CustomerScope): WorklistRow[] =>
      readFacts(this.sqlite, book, fxRates, scope)
        // A worked customer leaves the queue until its next step falls due.
        .filter((row) => inQueue(row.facts, today))
        .map((row) => toRow(row, today));
    return customerId !== undefined ? rowsOf(customerId) : this.sliced(rowsOf);
  }

  /** Everyone's rows, read a slice of customer ids at a time. */
  private sliced<T>(read: (scope: CustomerScope) => T[]): T[] {
    const { first, last } = this.sqlite.prepare('SELECT min(id) AS first, max(id) AS last FROM customers').get() as {
      first: number | null;
      last: number | null;
    };
    const rows: T[] = [];
    for (let fromId = first ?? 1; fromId <= (last ?? 0); fromId += SLICE_CUSTOMERS) rows.push(...read({ fromId, toId: fromId + SLICE_CUSTOMERS - 1 }));
    return rows;
  }

  /** Index just after every row ranked at or before `row` (for a row in the queue: its own index + 1). */
  private insertionPoint(row: WorklistRow): number {
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (byRank(this.rows[middle]!, row) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

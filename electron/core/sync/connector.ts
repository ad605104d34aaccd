import type { ConnectorCapabilities, ConnectorId } from '../../../shared/sync';
import type { LedgerBatch } from '../ledger/records';

/**
 * One page of what an ERP changed, already in the ledger's normalized records. The engine writes the
 * batch and stores `cursor` in one transaction, so a crash leaves either the whole page or none of it.
 */
export interface PulledPage {
  /** What is being read ("customers", "payments" …), for progress. */
  stream: string;
  batch: LedgerBatch;
  /** Where to resume after this page. */
  cursor: string;
  records: number;
  /** What the connector kept going past (a contact's malformed email), for the sync log. */
  notes?: SyncNote[];
}

/** One line for the sync log; `ref` names its cause, so a record re-read at every sync is noted once. */
export interface SyncNote {
  ref: string;
  message: string;
}

/** A collector's activity waiting in the sync outbox, as text the ERP can file on the customer. */
export interface PushItem {
  outboxId: number;
  customerExternalId: string;
  text: string;
}

/** Late-payment charges as one invoice for the ERP (amounts in minor units of `currency`). */
export interface ChargeInvoice {
  /** Its key in the ERP: a retry looks for it (Odoo) or sends it as the request id (QuickBooks). */
  ref: string;
  customerExternalId: string;
  currency: string;
  /** The invoice date: the day the charges were computed as of. */
  date: string;
  lines: { description: string; amountMinor: number }[];
}

/** The invoice the ERP holds for a ChargeInvoice: its id and, when it gave one, its number. */
export interface PushedInvoice {
  erpId: string;
  number: string | null;
}

/**
 * What the ledger holds open from the connector's ERP, read when asked (after the pages before were
 * written): an ERP that cannot report what it deleted is asked about these instead.
 */
export interface LedgerView {
  /** External ids of the ERP's invoices the ledger has open. */
  openInvoiceIds(): string[];
  /** External ids of the ERP's credits with something left to apply. */
  openCreditIds(): string[];
}

export interface Connector {
  id: ConnectorId;
  capabilities: ConnectorCapabilities;
  /** Checks the address and credentials; returns who Inflow is connected as, in words. */
  test(signal: AbortSignal): Promise<string>;
  /** Pages changed since `cursor` (null: everything), oldest first. */
  pull(cursor: string | null, signal: AbortSignal, ledger: LedgerView): AsyncIterable<PulledPage>;
  /** Files the item in the ERP at most once, even when retried after a crash. Absent: the ERP cannot hold it. */
  push?(item: PushItem, signal: AbortSignal): Promise<'posted' | 'already-there'>;
  /** Creates the charges invoice at most once, even when retried after a crash or a lost answer. Absent: the ERP cannot take one. */
  pushChargeInvoice?(invoice: ChargeInvoice, signal: AbortSignal): Promise<PushedInvoice>;
}

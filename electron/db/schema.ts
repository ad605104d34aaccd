import type { Generated } from 'kysely';

/** Kysely's view of the tables created by the migrations (column names as stored). */
export interface CustomersTable {
  id: Generated<number>;
  source: string;
  external_id: string;
  name: string;
  currency: string;
  terms_days: number | null;
  credit_limit_minor: number | null;
  segment: string | null;
  collector: string | null;
  /** ISO 3166 alpha-2, from the ERP or an import. */
  country: string | null;
  /** BCP 47, set by a collector; null: the country's. */
  locale: string | null;
  /** IANA zone for its texts' sending hours; null: its country's only zone, or the default (0015-sms). */
  time_zone: string | null;
  postal_address: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactsTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
  email: string | null;
  phone: string | null;
  role: 'billing' | 'ap' | 'primary' | 'escalation';
  is_primary: number;
  status: 'valid' | 'bounced' | 'left';
  created_at: string;
  /** Consent to texts: when it was recorded and how it was given (0015-sms). */
  sms_consent_at: string | null;
  sms_consent_note: string | null;
  /** A STOP reply or the provider's opt-out refusal: no text goes until the contact opts in again. */
  sms_opted_out_at: string | null;
}

export type InvoiceStatus = 'open' | 'paid' | 'closed' | 'void';

export interface InvoicesTable {
  id: Generated<number>;
  customer_id: number;
  source: string;
  external_id: string;
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  amount_minor: number;
  open_minor: number;
  status: InvoiceStatus;
  disputed: number;
  billing: 'electronic' | 'paper' | null;
  closed_date: string | null;
  payment_url: string | null;
  in_transit_since: string | null;
  created_at: string;
  updated_at: string;
}

export interface PaymentsTable {
  id: Generated<number>;
  customer_id: number;
  source: string;
  external_id: string;
  received_date: string;
  currency: string;
  amount_minor: number;
  method: string | null;
  reference: string | null;
  created_at: string;
}

export interface CreditNotesTable {
  id: Generated<number>;
  customer_id: number;
  source: string;
  external_id: string;
  number: string;
  kind: 'credit_note' | 'unapplied_payment';
  issue_date: string;
  currency: string;
  amount_minor: number;
  open_minor: number;
  created_at: string;
  updated_at: string;
}

export interface AllocationsTable {
  id: Generated<number>;
  invoice_id: number;
  payment_id: number | null;
  credit_note_id: number | null;
  kind: 'payment' | 'credit' | 'erp_adjustment' | 'snapshot_close';
  applied_date: string;
  amount_minor: number;
  created_at: string;
}

export interface ActivitiesTable {
  id: Generated<number>;
  customer_id: number;
  invoice_id: number | null;
  kind: string;
  occurred_at: string;
  body: string;
  created_by: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string | null;
  entity_id: string | null;
  detail: string;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  source: string;
  preset: string;
  kind: string;
  file_name: string;
  file_sha256: string;
  snapshot: number;
  committed_at: string;
  summary: string;
}

export interface SavedMappingsTable {
  name: string;
  mapping: string;
  updated_at: string;
}

export interface PromisesTable {
  id: Generated<number>;
  customer_id: number;
  activity_id: number | null;
  currency: string;
  amount_minor: number;
  promised_date: string;
  made_date: string;
  grace_days: number;
  cancelled_date: string | null;
  created_at: string;
}

export interface PromiseInvoicesTable {
  promise_id: number;
  invoice_id: number;
}

export type DisputeReason = 'pricing' | 'quantity' | 'quality' | 'not_received' | 'duplicate_billing' | 'po_missing' | 'other';

export interface DisputesTable {
  id: Generated<number>;
  customer_id: number;
  reason_code: DisputeReason;
  owner: string | null;
  sla_days: number;
  opened_date: string;
  status: 'open' | 'resolved';
  resolved_date: string | null;
  resolution_note: string | null;
  note: string | null;
  created_at: string;
}

export interface DisputeInvoicesTable {
  dispute_id: number;
  invoice_id: number;
}

export interface SnoozesTable {
  customer_id: number;
  until_date: string;
  reason: string;
  created_at: string;
}

export interface SyncOutboxTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  action: string;
  payload: string;
  created_at: string;
  sent_at: string | null;
  attempts: Generated<number>;
}

export interface ReferenceRatesTable {
  series: string;
  effective_date: string;
  rate_bp: number;
  updated_at: string;
}

export interface ChargeWaiversTable {
  invoice_id: number;
  component: 'interest' | 'fixed_fee';
  reason: string;
  waived_on: string;
  created_at: string;
}

export interface DB {
  customers: CustomersTable;
  contacts: ContactsTable;
  invoices: InvoicesTable;
  payments: PaymentsTable;
  credit_notes: CreditNotesTable;
  allocations: AllocationsTable;
  activities: ActivitiesTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  import_batches: ImportBatchesTable;
  saved_mappings: SavedMappingsTable;
  promises: PromisesTable;
  promise_invoices: PromiseInvoicesTable;
  disputes: DisputesTable;
  dispute_invoices: DisputeInvoicesTable;
  snoozes: SnoozesTable;
  sync_outbox: SyncOutboxTable;
  reference_rates: ReferenceRatesTable;
  charge_waivers: ChargeWaiversTable;
}

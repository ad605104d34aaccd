import type { Migration } from './migration';
import { initial } from './0001-initial';
import { collections } from './0002-collections';
import { activityEdits } from './0003-activity-edits';
import { outreach } from './0004-outreach';
import { hotPathIndexes } from './0005-hot-path-indexes';
import { outboxPaymentQr } from './0006-outbox-payment-qr';
import { riskForecast } from './0007-risk-forecast';
import { sync } from './0008-sync';
import { agingIndexes } from './0009-aging-indexes';
import { dropInvoicesCustomer } from './0010-drop-invoices-customer';
import { odooPaymentHistory } from './0011-odoo-payment-history';
import { localeSendersRates } from './0012-locale-senders-rates';
import { guardOverrides } from './0013-guard-overrides';
import { outboxSender } from './0014-outbox-sender';
import { sms } from './0015-sms';
import { inbox } from './0016-inbox';
import { documentsCharges } from './0017-documents-charges';
import { statementAttachments } from './0018-statement-attachments';
import { team } from './0019-team';
import { chargePushes } from './0020-charge-pushes';
import { teamLedger } from './0021-team-ledger';
import { teamRequests } from './0022-team-requests';
import { writeOffs } from './0023-write-offs';
import { settledInvoicesIndex } from './0024-settled-invoices-index';
import { earlyAllocations } from './0025-early-allocations';

/** In order; position + 1 is the user_version a database has after that step. Never reorder or edit. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  collections,
  activityEdits,
  outreach,
  hotPathIndexes,
  outboxPaymentQr,
  riskForecast,
  sync,
  agingIndexes,
  dropInvoicesCustomer,
  odooPaymentHistory,
  localeSendersRates,
  guardOverrides,
  outboxSender,
  sms,
  inbox,
  documentsCharges,
  statementAttachments,
  team,
  chargePushes,
  teamLedger,
  teamRequests,
  writeOffs,
  settledInvoicesIndex,
  earlyAllocations,
];

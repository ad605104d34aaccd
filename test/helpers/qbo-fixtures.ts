import type { QboRow, QboServer } from './qbo-server';

/**
 * A small QuickBooks company modelled on Intuit's sandbox company and the examples in its API
 * reference (Amy's Bird Sanctuary, Cool Cars, Red Rock Diner …): an open invoice, one paid in part,
 * one of 0.1 + 0.2, a voided one (QuickBooks zeroes its amounts), one paid in full, one settled by a
 * credit memo, an open credit memo, an unapplied payment and an inactive customer.
 */
export interface SeededQbo {
  amy: QboRow;
  cool: QboRow;
  diner: QboRow;
  open: QboRow;
  partial: QboRow;
  tiny: QboRow;
  voided: QboRow;
  paid: QboRow;
  credited: QboRow;
}

const USD = { value: 'USD', name: 'United States Dollar' };

/** The ERP settings of a desk signed in to this stand-in's company (a fresh refresh token), syncing only when asked. */
export function qboConnection(server: QboServer) {
  return {
    connector: 'qbo' as const,
    baseUrl: server.url,
    tokenUrl: server.tokenUrl,
    clientId: server.clientId,
    apiKey: server.clientSecret,
    qboRefreshToken: server.issueRefreshToken(),
    qboRealmId: server.realmId,
    intervalMinutes: 0,
  };
}
const ref = (row: QboRow) => ({ value: row.Id, name: String(row.DisplayName) });

export function customer(server: QboServer, displayName: string, values: Record<string, unknown> = {}): QboRow {
  return server.create('Customer', {
    DisplayName: displayName,
    FullyQualifiedName: displayName,
    Active: true,
    Job: false,
    CurrencyRef: USD,
    Balance: 0,
    ...values,
  });
}

export function invoice(server: QboServer, who: QboRow, docNumber: string, total: number, balance: number, values: Record<string, unknown> = {}): QboRow {
  return server.create('Invoice', {
    DocNumber: docNumber,
    TxnDate: '2026-10-01',
    DueDate: '2026-10-31',
    CustomerRef: ref(who),
    CurrencyRef: USD,
    TotalAmt: total,
    Balance: balance,
    Line: [{ Id: '1', LineNum: 1, Amount: total, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' } } }],
    EmailStatus: 'EmailSent',
    PrintStatus: 'NotSet',
    ...values,
  });
}

export function payment(
  server: QboServer,
  who: QboRow,
  date: string,
  total: number,
  lines: { amount: number; to: QboRow; type?: 'Invoice' | 'CreditMemo' }[],
  unapplied = 0,
): QboRow {
  return server.create('Payment', {
    TxnDate: date,
    CustomerRef: ref(who),
    CurrencyRef: USD,
    TotalAmt: total,
    UnappliedAmt: unapplied,
    ProcessPayment: false,
    Line: lines.map((line) => ({ Amount: line.amount, LinkedTxn: [{ TxnId: line.to.Id, TxnType: line.type ?? 'Invoice' }] })),
  });
}

export function seedQbo(server: QboServer): SeededQbo {
  const amy = customer(server, "Amy's Bird Sanctuary", {
    GivenName: 'Amy',
    FamilyName: 'Lauterbach',
    PrimaryEmailAddr: { Address: 'Birds@Intuit.com' },
    PrimaryPhone: { FreeFormNumber: '(650) 555-3311' },
    Notes: 'Note test',
  });
  const cool = customer(server, 'Cool Cars', {
    GivenName: 'Grace',
    FamilyName: 'Pariente',
    PrimaryEmailAddr: { Address: 'Cool_Cars@intuit.com, grace@example.com' },
  });
  const diner = customer(server, 'Red Rock Diner', {
    GivenName: 'Stephanie',
    FamilyName: 'Martini',
    PrimaryEmailAddr: { Address: 'qbwebsamplecompany@yahoo.com' },
  });
  customer(server, 'Weiskopf Consulting', { Active: false, PrimaryEmailAddr: { Address: 'Consulting@intuit.com' } });
  const open = invoice(server, amy, '1001', 108, 108);
  const partial = invoice(server, cool, '1002', 2369.52, 1369.52);
  const tiny = invoice(server, amy, '1003', 0.1 + 0.2, 0.1 + 0.2);
  const voided = invoice(server, diner, '1004', 0, 0, { PrivateNote: 'Voided', Line: [] });
  const paid = invoice(server, diner, '1005', 70, 0);
  const credited = invoice(server, diner, '1006', 150, 0);
  const memo = server.create('CreditMemo', {
    DocNumber: '1007',
    TxnDate: '2026-10-20',
    CustomerRef: ref(diner),
    CurrencyRef: USD,
    TotalAmt: 150,
    RemainingCredit: 0,
    Balance: 0,
  });
  server.create('CreditMemo', {
    DocNumber: '1008',
    TxnDate: '2026-10-21',
    CustomerRef: ref(amy),
    CurrencyRef: USD,
    TotalAmt: 25,
    RemainingCredit: 25,
    Balance: 25,
  });
  payment(server, cool, '2026-10-15', 1000, [{ amount: 1000, to: partial }]);
  payment(server, diner, '2026-10-18', 70, [{ amount: 70, to: paid }]);
  // Applying a credit memo is a zero payment with one line for the invoice and one for the memo.
  payment(server, diner, '2026-10-20', 0, [
    { amount: 150, to: credited },
    { amount: 150, to: memo, type: 'CreditMemo' },
  ]);
  payment(server, amy, '2026-11-02', 40, [], 40);
  return { amy, cool, diner, open, partial, tiny, voided, paid, credited };
}

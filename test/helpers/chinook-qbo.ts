import { QboCompany } from './qbo-dataset';
import { customer, invoice, payment } from './qbo-fixtures';
import type { QboRow, QboServer } from './qbo-server';

/**
 * A hand-built QuickBooks company none of the other sync tests use: customers from the public Chinook
 * sample database, and every balance worked out by hand below (not by the stand-in). Shapes: the
 * PBNK1/2013/02388 case as QuickBooks holds it (an earlier part-payment, then one payment with a line
 * per invoice), one payment over three invoices, credit memos applied through a zero payment and
 * inside a cash payment, one left open, a genuine $0 invoice (a discount to nothing) next to a voided
 * one (zeroed lines, "Voided" private note), an unapplied payment with no number applied later, an
 * overpayment. `change()`: new invoices and payments, the late application, a voided invoice and a
 * voided payment, a deleted invoice and a deleted payment. QuickBooks derives Balance, RemainingCredit
 * and UnappliedAmt from the payments' lines (QboCompany.settle).
 */
export interface ChinookQbo {
  ids: Map<string, string>;
  genuineZero: QboRow;
  voided: QboRow;
  change(): void;
}

export const CHINOOK_FULL: Record<string, number> = {
  'Luís Gonçalves': 81_450, // 1194 and 1816 paid (17.50, then 43.74 + 45.44); 814.50 open
  'Leonie Köhler': 6_745, // 480.00 over 120.00, 75.35 and 284.65 of 310.10: 25.45 + 42.00 open
  'François Tremblay': 36_120, // 403.20 credited; 1,250.00 − 800.00 (600.00 cash + 200.00 memo); 88.80 memo open
  'Bjørn Hansen': 10_000, // 100.00 open; a $0 invoice and a voided one owe nothing
  'František Wichterlová': 22_500, // 400.00 − 250.00 unapplied; 75.00 open; 60.00 paid
  'Helena Holý': -3_000, // 330.00 paid; 100.00 paid with 130.00: 30.00 unapplied
};

export const CHINOOK_CHANGED: Record<string, number> = {
  'Luís Gonçalves': 80_000, // 74.40 pays new 59.90 and 14.50 of 814.50
  'François Tremblay': 36_120,
  'František Wichterlová': 21_000, // 250.00 applied to 400.00; 75.00 deleted; the 60.00 payment deleted
  'Helena Holý': 30_000, // the 330.00 payment voided
  'Astrid Gruber': 5_770, // new: 77.70 − 20.00
};

export function chinookQbo(server: QboServer): ChinookQbo {
  const books = new QboCompany(server);
  const ids = new Map<string, string>();
  const who = (name: string): QboRow => {
    const row = customer(server, name);
    ids.set(name, row.Id);
    return row;
  };
  const bill = (to: QboRow, number: string, total: number, date: string, values: Record<string, unknown> = {}) =>
    invoice(server, to, number, total, total, { TxnDate: date, DueDate: date, ...values });
  const pay = (from: QboRow, date: string, total: number, lines: { amount: number; to: QboRow; type?: 'Invoice' | 'CreditMemo' }[], unapplied = 0) => {
    const row = payment(server, from, date, total, lines, unapplied);
    books.settle();
    return row;
  };
  const memo = (to: QboRow, number: string, total: number, date: string) =>
    server.create('CreditMemo', {
      DocNumber: number,
      TxnDate: date,
      CustomerRef: { value: to.Id, name: to.DisplayName },
      CurrencyRef: { value: 'USD' },
      TotalAmt: total,
      RemainingCredit: total,
      Balance: total,
      Line: [{ Amount: total, DetailType: 'SalesItemLineDetail' }],
    });

  const luis = who('Luís Gonçalves');
  const leonie = who('Leonie Köhler');
  const francois = who('François Tremblay');
  const bjorn = who('Bjørn Hansen');
  const frantisek = who('František Wichterlová');
  const helena = who('Helena Holý');

  const i1194 = bill(luis, '1194', 61.24, '2013-03-01');
  const i1816 = bill(luis, '1816', 45.44, '2013-03-20');
  pay(luis, '2013-04-02', 17.5, [{ amount: 17.5, to: i1194 }]);
  pay(luis, '2013-04-05', 89.18, [
    { amount: 43.74, to: i1194 },
    { amount: 45.44, to: i1816 },
  ]);
  const open = bill(luis, '2001', 814.5, '2026-08-14');

  const [l1, l2, l3] = [bill(leonie, '2002', 120, '2026-07-01'), bill(leonie, '2003', 75.35, '2026-07-09'), bill(leonie, '2004', 310.1, '2026-07-18')];
  const l4 = bill(leonie, '2005', 42, '2026-08-02');
  pay(leonie, '2026-08-20', 480, [
    { amount: 120, to: l1 },
    { amount: 75.35, to: l2 },
    { amount: 284.65, to: l3 },
  ]);

  const f1 = bill(francois, '2006', 403.2, '2026-06-03');
  const m1 = memo(francois, 'CM2001', 403.2, '2026-06-10');
  pay(francois, '2026-06-10', 0, [
    { amount: 403.2, to: f1 },
    { amount: 403.2, to: m1, type: 'CreditMemo' },
  ]);
  const f2 = bill(francois, '2007', 1250, '2026-06-15');
  const m2 = memo(francois, 'CM2002', 200, '2026-06-25');
  pay(francois, '2026-07-05', 600, [
    { amount: 800, to: f2 },
    { amount: 200, to: m2, type: 'CreditMemo' },
  ]);
  memo(francois, 'CM2003', 88.8, '2026-09-30');

  const bjornOpen = bill(bjorn, '2008', 100, '2026-09-01');
  const genuineZero = bill(bjorn, '2009', 0, '2026-09-02', {
    PrivateNote: 'Goodwill: replacement at no charge',
    Line: [
      { Id: '1', LineNum: 1, Amount: 50, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' } } },
      { Amount: 50, DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: 100 } },
      { Amount: 0, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
    ],
  });
  const voided = bill(bjorn, '2010', 0, '2026-09-03', {
    PrivateNote: 'Voided - wrong customer',
    Line: [
      { Id: '1', LineNum: 1, Amount: 0, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' } } },
      { Amount: 0, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
    ],
  });

  const w1 = bill(frantisek, '2011', 400, '2026-09-05');
  // An unapplied payment with no number: nothing but its customer, date and amount names it.
  const waiting = pay(frantisek, '2026-09-25', 250, [], 250);
  const doomed = bill(frantisek, '2012', 75, '2026-10-01');
  const w3 = bill(frantisek, '2013', 60, '2026-10-02');
  const w3paid = pay(frantisek, '2026-10-09', 60, [{ amount: 60, to: w3 }]);

  const h1 = bill(helena, '2014', 330, '2026-08-01');
  const h1paid = pay(helena, '2026-08-15', 330, [{ amount: 330, to: h1 }]);
  const h2 = bill(helena, '2015', 100, '2026-08-03');
  pay(helena, '2026-08-20', 130, [{ amount: 100, to: h2 }], 30);

  return {
    ids,
    genuineZero,
    voided,
    change: () => {
      const l5 = bill(luis, '2016', 59.9, '2026-11-18');
      pay(luis, '2026-11-20', 74.4, [
        { amount: 59.9, to: l5 },
        { amount: 14.5, to: open },
      ]);
      pay(leonie, '2026-11-19', 67.45, [
        { amount: 42, to: l4 },
        { amount: 25.45, to: l3 },
      ]);
      server.update('Payment', waiting.Id, { Line: [{ Amount: 250, LinkedTxn: [{ TxnId: w1.Id, TxnType: 'Invoice' }] }] });
      books.settle();
      books.void(bjornOpen, 'Invoice');
      books.remove(doomed, 'Invoice');
      books.remove(w3paid, 'Payment');
      books.void(h1paid, 'Payment');
      const astrid = who('Astrid Gruber');
      pay(astrid, '2026-11-21', 20, [{ amount: 20, to: bill(astrid, '2017', 77.7, '2026-11-10') }]);
    },
  };
}

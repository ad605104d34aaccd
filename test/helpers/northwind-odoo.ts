import type { OdooRecord, OdooServer } from './odoo-server';

/**
 * A hand-built Odoo company none of the other sync tests use: customers from the public Northwind
 * sample database, and every balance worked out by hand below (not by the stand-in), so a stand-in
 * that kept its books wrong would fail here too. Shapes: the seen PBNK1/2013/02388 case (a payment
 * over two invoices, one part-paid three days earlier), one payment over three invoices with the last
 * only part-paid, credit notes matched in full, in part and left open, an invoice billed to a company's
 * contact, a payment left unmatched and matched only later, an overpayment, a cancelled invoice, a
 * $0 invoice. `change()` then does what a company does between two syncs: new invoices and payments
 * (one over two invoices), the late match, a credit note applied to a new invoice, an invoice
 * deleted (reset to draft, then deleted), a payment cancelled, a part-paid invoice cancelled (its
 * payment's share comes back open), and a wrong match undone (Odoo's "Unreconcile").
 */
export interface NorthwindOdoo {
  /** Customer name → Odoo partner id (the external id Inflow keeps). */
  ids: Map<string, string>;
  /** What the seen case must be split into, per invoice: [invoice, payment date, cents]. */
  seenSplit: [string, string, number][];
  change(): void;
}

/** Each customer's aged receivable after the first sync, in cents, worked out by hand. */
export const NORTHWIND_FULL: Record<string, number> = {
  'Alfreds Futterkiste': 81_450, // 01194 and 01816 paid (17.50 + 43.74, 45.44); 814.50 open
  'Ana Trujillo Emparedados y helados': 6_745, // 480.00 over 120.00, 75.35 and 284.65 of 310.10: 25.45 + 42.00 open
  'Antonio Moreno Taquería': 36_120, // 403.20 credited in full; 1,250.00 − 200.00 credit − 600.00 paid; 88.80 credit open
  'Around the Horn': 25_000, // 1,000.00 (billed to Thomas Hardy) − 700.00 unmatched; 100.00 overpaid by 150.00
  'Berglunds snabbköp': 23_000, // 230.00 open; 99.99 cancelled; 510.00 paid; a $0 invoice
  'Blauer See Delikatessen': 15_000, // 500.00 − 50.00 credit − 100.00 − 350.00; 300.00; 250.00 of 400.00
};

/** The same after `change()`. */
export const NORTHWIND_CHANGED: Record<string, number> = {
  'Alfreds Futterkiste': 80_000, // 74.40 pays new 59.90 and 14.50 of 814.50
  'Antonio Moreno Taquería': 46_120, // 450.00 + new 100.00 − the open 88.80 credit applied to it
  'Around the Horn': 25_000, // the 700.00 now matched: the same total; the overpayment unmatched: 100.00 − 150.00
  'Berglunds snabbköp': 51_000, // 230.00 deleted; the payment of 510.00 cancelled
  'Blauer See Delikatessen': -25_000, // 400.00 cancelled: its 250.00 share of the payment is open again
  'Bólido Comidas preparadas': 5_770, // new: 77.70 − 20.00
};

export function northwindOdoo(server: OdooServer): NorthwindOdoo {
  const { books } = server;
  const ids = new Map<string, string>();
  const company = (name: string): OdooRecord => {
    const partner = server.create('res.partner', { name, is_company: true, customer_rank: 1, parent_id: false, type: 'contact' });
    ids.set(name, String(partner.id));
    return partner;
  };
  const inv = (partner: OdooRecord, name: string, total: number, date: string) => books.invoice({ partner, name, total, date, due: date });
  const pay = (partner: OdooRecord, name: string, amount: number, date: string) => books.payment({ partner, name, amount, date });

  const alfki = company('Alfreds Futterkiste');
  const anatr = company('Ana Trujillo Emparedados y helados');
  const anton = company('Antonio Moreno Taquería');
  const arout = company('Around the Horn');
  const hardy = server.create('res.partner', {
    name: 'Thomas Hardy',
    parent_id: arout.id,
    type: 'invoice',
    customer_rank: 0,
    email: 'thomas.hardy@example.com',
  });
  const bergs = company('Berglunds snabbköp');
  const blaus = company('Blauer See Delikatessen');

  // The seen case: 17.50 on 01194 three days before 89.18 paid the rest of it (43.74) and all of 01816 (45.44).
  const i01194 = inv(alfki, 'INV/2013/01194', 61.24, '2013-03-01');
  const i01816 = inv(alfki, 'INV/2013/01816', 45.44, '2013-03-20');
  books.reconcile(i01194, pay(alfki, 'PBNK1/2013/02301', 17.5, '2013-04-02'));
  const p02388 = pay(alfki, 'PBNK1/2013/02388', 89.18, '2013-04-05');
  books.reconcile(i01194, p02388);
  books.reconcile(i01816, p02388);
  const a3 = inv(alfki, 'INV/2026/10001', 814.5, '2026-08-14');

  // One payment over three invoices, the third only in part; a fourth left open.
  const b1 = inv(anatr, 'INV/2026/10002', 120, '2026-07-01');
  const b2 = inv(anatr, 'INV/2026/10003', 75.35, '2026-07-09');
  const b3 = inv(anatr, 'INV/2026/10004', 310.1, '2026-07-18');
  const b4 = inv(anatr, 'INV/2026/10005', 42, '2026-08-02');
  const lump = pay(anatr, 'PBNK1/2026/10001', 480, '2026-08-20');
  for (const bill of [b1, b2, b3]) books.reconcile(bill, lump);

  // Credit notes: one matched in full, one in part with a payment for some of the rest, one left open.
  books.reconcile(
    inv(anton, 'INV/2026/10006', 403.2, '2026-06-03'),
    books.creditNote({ partner: anton, name: 'RINV/2026/10001', total: 403.2, date: '2026-06-10' }),
  );
  const c2 = inv(anton, 'INV/2026/10007', 1250, '2026-06-15');
  books.reconcile(c2, books.creditNote({ partner: anton, name: 'RINV/2026/10002', total: 200, date: '2026-06-25' }));
  books.reconcile(c2, pay(anton, 'PBNK1/2026/10002', 600, '2026-07-05'));
  const r3 = books.creditNote({ partner: anton, name: 'RINV/2026/10003', total: 88.8, date: '2026-09-30' });

  // Billed to the company's contact; paid weeks later by a payment nobody matched yet; an overpayment.
  const d1 = inv(hardy, 'INV/2026/10008', 1000, '2026-09-01');
  const waiting = pay(arout, 'PBNK1/2026/10003', 700, '2026-10-01');
  const d2 = inv(arout, 'INV/2026/10009', 100, '2026-09-12');
  const over = pay(arout, 'PBNK1/2026/10004', 150, '2026-09-28');
  const overMatch = books.reconcile(d2, over);

  const e1 = inv(bergs, 'INV/2026/10010', 230, '2026-10-02');
  books.setState(inv(bergs, 'INV/2026/10011', 99.99, '2026-10-03'), 'cancel');
  const e3 = inv(bergs, 'INV/2026/10012', 510, '2026-10-04');
  const e3paid = pay(bergs, 'PBNK1/2026/10005', 510, '2026-10-11');
  books.reconcile(e3, e3paid);
  inv(bergs, 'INV/2026/10013', 0, '2026-10-05');

  // A credit note, an earlier part-payment, then one payment for the rest of it, another, and part of a third.
  const f1 = inv(blaus, 'INV/2026/10014', 500, '2026-05-02');
  const f2 = inv(blaus, 'INV/2026/10015', 300, '2026-05-20');
  const f3 = inv(blaus, 'INV/2026/10016', 400, '2026-06-01');
  books.reconcile(f1, books.creditNote({ partner: blaus, name: 'RINV/2026/10004', total: 50, date: '2026-05-10' }));
  books.reconcile(f1, pay(blaus, 'PBNK1/2026/10006', 100, '2026-05-15'));
  const big = pay(blaus, 'PBNK1/2026/10007', 900, '2026-06-20');
  for (const bill of [f1, f2, f3]) books.reconcile(bill, big);

  return {
    ids,
    seenSplit: [
      ['INV/2013/01194', '2013-04-02', 1_750],
      ['INV/2013/01194', '2013-04-05', 4_374],
      ['INV/2013/01816', '2013-04-05', 4_544],
    ],
    change: () => {
      const a4 = inv(alfki, 'INV/2026/10017', 59.9, '2026-11-18');
      const both = pay(alfki, 'PBNK1/2026/10008', 74.4, '2026-11-20');
      books.reconcile(a4, both);
      books.reconcile(a3, both);
      const tail = pay(anatr, 'PBNK1/2026/10009', 67.45, '2026-11-19');
      books.reconcile(b4, tail);
      books.reconcile(b3, tail);
      books.reconcile(inv(anton, 'INV/2026/10018', 100, '2026-11-02'), r3);
      books.reconcile(d1, waiting);
      books.unreconcile(overMatch);
      books.setState(e1, 'draft');
      books.unlink(e1);
      books.setState(e3paid, 'cancel');
      books.setState(f3, 'cancel');
      const bolid = company('Bólido Comidas preparadas');
      books.reconcile(inv(bolid, 'INV/2026/10019', 77.7, '2026-11-10'), pay(bolid, 'PBNK1/2026/10010', 20, '2026-11-21'));
    },
  };
}

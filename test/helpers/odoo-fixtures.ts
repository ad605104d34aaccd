import type { MoveValues } from './odoo-books';
import type { OdooRecord, OdooServer } from './odoo-server';

/**
 * A small Odoo company modelled on Odoo's demo data (Deco Addict, Azure Interior …): open, partly
 * paid, paid-in-transit, cancelled and credited invoices, with the payments Odoo matched to them.
 */
/** The ERP settings of a desk signed in to this stand-in (JSON-2 takes its API key), syncing only when asked. */
export function odooConnection(server: OdooServer, protocol: 'jsonrpc' | 'json2' = 'jsonrpc') {
  return {
    connector: 'odoo' as const,
    baseUrl: server.url,
    protocol,
    database: server.db,
    login: server.login,
    apiKey: protocol === 'json2' ? server.apiKey : server.password,
    intervalMinutes: 0,
  };
}

export interface SeededOdoo {
  deco: OdooRecord;
  azure: OdooRecord;
  open: OdooRecord;
  tiny: OdooRecord;
  partial: OdooRecord;
  inPayment: OdooRecord;
}

/** A posted customer invoice, due 30 days after 2026-10-01 unless told otherwise. */
export function invoice(server: OdooServer, values: Omit<MoveValues, 'partner'> & { partner: OdooRecord | number }): OdooRecord {
  const partner = typeof values.partner === 'number' ? server.store.find('res.partner', values.partner)! : values.partner;
  return server.books.invoice({ date: '2026-10-01', due: '2026-10-31', ...values, partner });
}

export function seedOdoo(server: OdooServer): SeededOdoo {
  const { books } = server;
  const deco = server.create('res.partner', {
    name: 'Deco Addict',
    is_company: true,
    customer_rank: 1,
    email: 'deco.addict82@example.com',
    phone: '(603)-996-3829',
    parent_id: false,
    type: 'contact',
  });
  server.create('res.partner', { name: 'Douglas Fletcher', parent_id: deco.id, type: 'invoice', email: 'douglas.fletcher51@example.com', customer_rank: 0 });
  const azure = server.create('res.partner', {
    name: 'Azure Interior',
    is_company: true,
    customer_rank: 1,
    email: 'azure.Interior24@example.com',
    parent_id: false,
    type: 'contact',
  });
  server.create('res.partner', {
    name: 'Wood Corner (vendor)',
    is_company: true,
    customer_rank: 0,
    supplier_rank: 1,
    email: 'wood.corner26@example.com',
    parent_id: false,
  });
  const open = invoice(server, { name: 'INV/2026/00001', partner: deco, total: 1000, access_url: '/my/invoices/1', access_token: 'tok-1' });
  // 0.1 + 0.2 as a float: Odoo's monetary fields are floats, and this one must still be 30 cents.
  const tiny = invoice(server, { name: 'INV/2026/00002', partner: deco, total: 0.1 + 0.2 });
  const partial = invoice(server, { name: 'INV/2026/00003', partner: azure, total: 500 });
  const inPayment = invoice(server, { name: 'INV/2026/00004', partner: azure, total: 750.5 });
  const cancelled = invoice(server, { name: 'INV/2026/00005', partner: azure, total: 90 });
  books.setState(cancelled, 'cancel');
  books.creditNote({ name: 'RINV/2026/00001', partner: deco, total: 100, date: '2026-10-01' });
  books.reconcile(partial, books.payment({ name: 'PBNK1/2026/00001', partner: azure, date: '2026-10-15', amount: 300 }));
  // Registered, not yet matched with the bank: Odoo shows the invoice "in payment".
  books.reconcile(inPayment, books.payment({ name: 'PBNK1/2026/00002', partner: azure, date: '2026-11-20', amount: 750.5, unmatched: true }));
  // A vendor payment and a draft: neither is money a customer paid.
  server.create('account.payment', {
    name: 'PBNK1/2026/00003',
    partner_id: azure.id,
    date: '2026-10-16',
    amount: 55,
    payment_type: 'outbound',
    partner_type: 'supplier',
    state: 'posted',
    move_id: false,
  });
  books.setState(books.payment({ name: 'Draft', partner: deco, date: '2026-10-16', amount: 10 }), 'draft');
  return { deco, azure, open, tiny, partial, inPayment };
}

import type { OdooRecord, OdooServer } from './odoo-server';

/**
 * A small Odoo company modelled on Odoo's demo data (Deco Addict, Azure Interior …): open, partly
 * paid, paid-in-transit, cancelled and credited invoices, with the payments Odoo reconciled to them.
 */
export interface SeededOdoo {
  deco: OdooRecord;
  azure: OdooRecord;
  open: OdooRecord;
  tiny: OdooRecord;
  partial: OdooRecord;
  inPayment: OdooRecord;
}

export function invoice(server: OdooServer, values: Record<string, unknown>): OdooRecord {
  return server.create('account.move', {
    move_type: 'out_invoice', state: 'posted', invoice_date: '2026-10-01', invoice_date_due: '2026-10-31', currency_id: 'USD',
    payment_state: 'not_paid', access_url: false, access_token: false, ...values,
  });
}

export function seedOdoo(server: OdooServer): SeededOdoo {
  const deco = server.create('res.partner', { name: 'Deco Addict', is_company: true, customer_rank: 1, email: 'deco.addict82@example.com', phone: '(603)-996-3829', parent_id: false, type: 'contact' });
  server.create('res.partner', { name: 'Douglas Fletcher', parent_id: deco.id, type: 'invoice', email: 'douglas.fletcher51@example.com', customer_rank: 0 });
  const azure = server.create('res.partner', { name: 'Azure Interior', is_company: true, customer_rank: 1, email: 'azure.Interior24@example.com', parent_id: false, type: 'contact' });
  server.create('res.partner', { name: 'Wood Corner (vendor)', is_company: true, customer_rank: 0, supplier_rank: 1, email: 'wood.corner26@example.com', parent_id: false });
  const open = invoice(server, { name: 'INV/2026/00001', partner_id: deco.id, amount_total: 1000, amount_residual: 1000, access_url: '/my/invoices/1', access_token: 'tok-1' });
  // 0.1 + 0.2 as a float: Odoo's monetary fields are floats, and this one must still be 30 cents.
  const tiny = invoice(server, { name: 'INV/2026/00002', partner_id: deco.id, amount_total: 0.1 + 0.2, amount_residual: 0.1 + 0.2 });
  const partial = invoice(server, { name: 'INV/2026/00003', partner_id: azure.id, amount_total: 500, amount_residual: 200, payment_state: 'partial' });
  const inPayment = invoice(server, { name: 'INV/2026/00004', partner_id: azure.id, amount_total: 750.5, amount_residual: 0, payment_state: 'in_payment' });
  invoice(server, { name: 'INV/2026/00005', partner_id: azure.id, amount_total: 90, amount_residual: 90, state: 'cancel' });
  invoice(server, { name: 'RINV/2026/00001', move_type: 'out_refund', partner_id: deco.id, amount_total: 100, amount_residual: 100, payment_state: 'not_paid' });
  server.create('account.payment', { name: 'PBNK1/2026/00001', partner_id: azure.id, date: '2026-10-15', amount: 300, currency_id: 'USD', payment_type: 'inbound', partner_type: 'customer', state: 'paid', reconciled_invoice_ids: [partial.id] });
  server.create('account.payment', { name: 'PBNK1/2026/00002', partner_id: azure.id, date: '2026-11-20', amount: 750.5, currency_id: 'USD', payment_type: 'inbound', partner_type: 'customer', state: 'in_process', reconciled_invoice_ids: [inPayment.id] });
  // A vendor payment and a draft: neither is money a customer paid.
  server.create('account.payment', { name: 'PBNK1/2026/00003', partner_id: azure.id, date: '2026-10-16', amount: 55, currency_id: 'USD', payment_type: 'outbound', partner_type: 'supplier', state: 'paid', reconciled_invoice_ids: [] });
  server.create('account.payment', { name: 'Draft', partner_id: deco.id, date: '2026-10-16', amount: 10, currency_id: 'USD', payment_type: 'inbound', partner_type: 'customer', state: 'draft', reconciled_invoice_ids: [open.id] });
  return { deco, azure, open, tiny, partial, inPayment };
}

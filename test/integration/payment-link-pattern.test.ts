import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillPaymentLinkPattern, paymentLinkPatternProblem, paymentPortalOrigin } from '../../shared/outreach/payment-link-pattern';
import { tempCore, type TempCore } from '../helpers/temp-core';

const values = { invoiceNumber: 'INV 10/43', balance: '1234.50', currency: 'EUR', customerId: 'C-001' };

describe('payment-link pattern', () => {
  it.each([
    ['', null],
    ['https://pay.example.com/', 'https://pay.example.com/'],
    ['https://pay.example.com/{invoiceNumber}', 'https://pay.example.com/INV%2010%2F43'],
    [
      'https://pay.example.com/c/{customerId}/i/{invoiceNumber}?amount={balance}&cur={currency}',
      'https://pay.example.com/c/C-001/i/INV%2010%2F43?amount=1234.50&cur=EUR',
    ],
    ['https://pay.example.com?i={invoiceNumber}', 'https://pay.example.com/?i=INV%2010%2F43'],
  ])('accepts %j', (pattern, link) => {
    expect(paymentLinkPatternProblem(pattern)).toBeNull();
    expect(fillPaymentLinkPattern(pattern, values)).toBe(link);
  });

  it.each([
    [
      'https://pay.example.com/{{invoice}}',
      '{{invoice}} has double braces; tokens take single braces: write one of {invoiceNumber}, {balance}, {currency} and {customerId}.',
    ],
    ['https://pay.example.com/{{invoiceNumber}}', '{{invoiceNumber}} has double braces; tokens take single braces: write {invoiceNumber}.'],
    ['https://pay.example.com/{invoice}', '{invoice} is not a payment-link token; the tokens are {invoiceNumber}, {balance}, {currency} and {customerId}.'],
    ['https://pay.example.com/{InvoiceNumber}', '{InvoiceNumber} is not a payment-link token'],
    ['https://pay.example.com/{ invoiceNumber }', '{ invoiceNumber } is not a payment-link token'],
    ['https://pay.example.com/{}', '{} is not a payment-link token'],
    ['https://pay.example.com/{invoiceNumber', 'A "{" has no partner'],
    ['https://pay.example.com/invoiceNumber}', 'A "}" has no partner'],
    ['https://{customerId}.pay.example.com/{invoiceNumber}', 'Tokens go after the host name'],
    ['https://pay.example.com{invoiceNumber}', 'Tokens go after the host name'],
    ['{invoiceNumber}', 'not a web address'],
    ['http://pay.example.com/{invoiceNumber}', 'must start with https://'],
    ['pay.example.com/{invoiceNumber}', 'not a web address'],
    ['ftp://pay.example.com/{invoiceNumber}', 'must start with https://'],
    ['pay.example.com', 'not a web address'],
    ['https://me:pw@pay.example.com/{invoiceNumber}', 'user name or password'],
  ])('refuses %j', (pattern, problem) => {
    expect(paymentLinkPatternProblem(pattern)).toContain(problem);
    expect(fillPaymentLinkPattern(pattern, values)).toBeNull();
    expect(paymentPortalOrigin(pattern)).toBeNull();
  });

  it("names the payment portal by the pattern's origin", () => {
    expect(paymentPortalOrigin('https://Pay.Example.com/{invoiceNumber}')).toBe('https://pay.example.com');
  });
});

describe('saving the pattern', () => {
  let t: TempCore;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('refuses an unknown or double-brace token with the reason, and keeps what was stored', async () => {
    await t.core.call('settings.outreach.save', { companyName: 'Northwind', paymentUrlPattern: 'https://pay.example.com/{invoiceNumber}' });
    await expect(
      t.core.call('settings.outreach.save', { companyName: 'Northwind', paymentUrlPattern: 'https://pay.example.com/{{invoice}}' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('paymentUrlPattern: {{invoice}} has double braces') });
    await expect(t.core.call('settings.outreach.save', { paymentUrlPattern: 'https://pay.example.com/{inv}' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('{inv} is not a payment-link token'),
    });
    expect((await t.core.call('settings.outreach.get', {})).paymentUrlPattern).toBe('https://pay.example.com/{invoiceNumber}');
  });
});

import { describe, expect, it } from 'vitest';
import { checkVideoLink, paymentLink } from '../../electron/core/outreach/links';

const invoice = { number: 'INV 10/43', currency: 'JPY', openMinor: 120_000, paymentUrl: null };

describe('paymentLink', () => {
  it.each([
    ['the ERP link wins', { ...invoice, paymentUrl: 'https://erp.example.com/pay/1' }, 'https://pay.example.com/{invoiceNumber}', 'https://erp.example.com/pay/1'],
    ['the pattern, URL-encoded, balance exact', invoice, 'https://pay.example.com/{invoiceNumber}?amount={balance}&c={currency}', 'https://pay.example.com/INV%2010%2F43?amount=120000&c=JPY'],
    ['a non-web ERP value falls back to the pattern', { ...invoice, paymentUrl: 'javascript:alert(1)' }, 'https://p.example/{invoiceNumber}', 'https://p.example/INV%2010%2F43'],
    ['no pattern, no link', invoice, '', null],
    ['a pattern that is not a web address', invoice, 'ftp://x/{invoiceNumber}', null],
  ])('%s', (_why, inv, pattern, expected) => {
    expect(paymentLink(inv, pattern)).toBe(expected);
  });
});

describe('checkVideoLink', () => {
  const hosts = ['loom.com', 'youtu.be'];
  it.each([
    ['https://www.loom.com/share/abc', 'https://www.loom.com/share/abc'],
    ['  https://youtu.be/xyz  ', 'https://youtu.be/xyz'],
  ])('accepts %s', (link, expected) => expect(checkVideoLink(link, hosts)).toBe(expected));

  it.each([
    ['http://www.loom.com/share/abc', 'must start with https://'],
    ['https://loom.com.evil.example/share', 'this one points to loom.com.evil.example'],
    ['https://evil-loom.com/x', 'this one points to evil-loom.com'],
    ['https://user:pw@loom.com/x', 'user name or password'],
    ['loom.com/share/abc', 'not a web address'],
    ['javascript:alert(1)//loom.com', 'must start with https://'],
  ])('refuses %s', (link, message) => expect(() => checkVideoLink(link, hosts)).toThrow(message));
});

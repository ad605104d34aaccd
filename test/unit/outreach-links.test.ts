import { describe, expect, it } from 'vitest';
import { checkVideoLink, paymentLinker } from '../../electron/core/mail/links';

const invoice = { number: 'INV 10/43', currency: 'JPY', openMinor: 120_000, paymentUrl: null };
const erpBaseUrl = 'https://erp.example.com';

describe('paymentLinker', () => {
  it.each([
    [
      'the ERP link wins',
      { ...invoice, paymentUrl: 'https://erp.example.com/pay/1' },
      'https://pay.example.com/{invoiceNumber}',
      'https://erp.example.com/pay/1',
    ],
    [
      'the pattern, URL-encoded, balance exact',
      invoice,
      'https://pay.example.com/{invoiceNumber}?amount={balance}&c={currency}&k={customerId}',
      'https://pay.example.com/INV%2010%2F43?amount=120000&c=JPY&k=C%2F7',
    ],
    [
      'a non-web ERP value falls back to the pattern',
      { ...invoice, paymentUrl: 'javascript:alert(1)' },
      'https://p.example/{invoiceNumber}',
      'https://p.example/INV%2010%2F43',
    ],
    [
      'a stored ERP link to another host falls back to the pattern',
      { ...invoice, paymentUrl: 'https://erp.example.com@evil.test/pay' },
      'https://p.example/{invoiceNumber}',
      'https://p.example/INV%2010%2F43',
    ],
    [
      'a stored ERP link on the payment portal',
      { ...invoice, paymentUrl: 'https://p.example/x/1' },
      'https://p.example/{invoiceNumber}',
      'https://p.example/x/1',
    ],
    ['no pattern, no link', invoice, '', null],
    ['a pattern that is not a web address', invoice, 'ftp://x/{invoiceNumber}', null],
    ['a pattern saved before tokens were checked makes no link', invoice, 'https://pay.example.com/{{invoice}}', null],
  ])('%s', (_why, inv, pattern, expected) => {
    expect(paymentLinker({ pattern, erpBaseUrl })(inv, 'C/7')).toBe(expected);
  });

  it('an ERP link without an ERP connection is not trusted', () => {
    expect(paymentLinker({ pattern: '', erpBaseUrl: null })({ ...invoice, paymentUrl: 'https://erp.example.com/pay/1' }, 'C')).toBeNull();
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

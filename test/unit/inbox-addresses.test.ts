import { describe, expect, it } from 'vitest';
import { findAlternativeContact } from '../../electron/core/inbox/classify/alternative-contact';
import { recipientAddress } from '../../electron/core/inbox/classify/delivery-report';
import { addressesIn, looksLikeAddress } from '../../electron/core/inbox/mime/addresses-in-text';

/** The one reading of addresses that bounces, out-of-office answers and headers share. */
describe('addresses in received mail', () => {
  it.each([
    ['Please write to Jane.Doe@Acme.example.', ['jane.doe@acme.example']],
    ['<ann@acme.example>: host mx.acme.example said: 550 5.1.1 user unknown', ['ann@acme.example']],
    ['(bob+ar@sub.acme.co.uk) or carol@acme.example, thanks', ['bob+ar@sub.acme.co.uk', 'carol@acme.example']],
    ['root@localhost and ann@acme.example2 are not addresses a customer has', []],
    ['no address here, just 5.1.1 @ noon', []],
  ])('%s', (text, expected) => {
    expect(addressesIn(text).map((found) => found.address)).toEqual(expected);
  });

  it('says where each address starts, for reading the words around it', () => {
    const text = 'Failed: ann@acme.example (mailbox full)';
    const [found] = addressesIn(text);
    expect(text.slice(found!.index, found!.index + 16)).toBe('ann@acme.example');
  });

  it('takes a header or report value only when the whole of it is one address', () => {
    expect(looksLikeAddress('ann@acme.example')).toBe(true);
    for (const value of ['ann@localhost', 'ann acme@x.example', 'ann@@acme.example', '@acme.example', 'ann@acme.example bob@acme.example'])
      expect(looksLikeAddress(value), value).toBe(false);
    expect(recipientAddress('rfc822; <Ann@Acme.example> (Ann)')).toBe('ann@acme.example');
  });

  it('an out-of-office answer names the stand-in by the same reading, never the sender', () => {
    expect(findAlternativeContact('I am away. For urgent matters please contact Robin Hale (Robin.Hale@acme.example).', 'jane@acme.example')).toEqual({
      name: 'Robin Hale',
      email: 'robin.hale@acme.example',
    });
    expect(findAlternativeContact('Away until Monday. jane@acme.example', 'jane@acme.example')).toBeNull();
  });
});

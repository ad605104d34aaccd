import { describe, expect, it } from 'vitest';
import { describeSendError } from '../../shared/outreach/send-error';

describe('describeSendError', () => {
  it.each([
    ['connect ECONNREFUSED 127.0.0.1:2525', 'refused the connection'],
    ['getaddrinfo ENOTFOUND smtp.example.invalid', 'name could not be found'],
    ['Greeting never received', 'did not answer in time'],
    ['535 5.7.8 Authentication credentials invalid', 'user name or password'],
    ['550 5.1.1 <nobody@acme.example>: Recipient address rejected: User unknown', 'address does not exist'],
    ['552 5.2.2 Mailbox full', 'mailbox is full'],
    ['554 5.7.1 Message rejected as spam', 'unwanted'],
    ['421 4.7.0 Try again later', 'try again later'],
    ['Gave up after 5 attempts: 451 Temporary failure', 'try again later'],
    ['self-signed certificate in certificate chain', 'secure connection'],
  ])('%s', (raw, words) => expect(describeSendError(raw)).toContain(words));

  it('keeps text it does not know as it came', () => {
    expect(describeSendError('Something odd')).toBe('Something odd');
  });
});

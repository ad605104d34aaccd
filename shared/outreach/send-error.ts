/**
 * A send failure in words a collector can act on, from the raw text the mail library or server gave
 * (kept in the outbox and shown on hover). The first rule that matches wins; unknown text is left
 * as it came, since it is the server's own words.
 */
const RULES: [RegExp, string][] = [
  [/Inflow stopped while this message/i, 'Inflow stopped while sending it: check your Sent folder, then mark it sent or send it again.'],
  [/connection dropped after the message was sent/i, 'The connection dropped just after sending: check your Sent folder before sending again.'],
  [/ECONNREFUSED|connection refused/i, 'The mail server refused the connection: check the server name and port in Settings → Email.'],
  [/ENOTFOUND|EAI_AGAIN|getaddrinfo/i, 'The mail server’s name could not be found: check it in Settings → Email, and the network.'],
  [/ETIMEDOUT|ESOCKET.*timeout|timed? ?out|Greeting never received/i, 'The mail server did not answer in time: it may be down or blocked by a firewall.'],
  [/ECONNRESET|socket hang up|Connection closed/i, 'The mail server closed the connection before the message was accepted.'],
  [
    /certificate|self[- ]signed|CERT_|TLS|SSL|wrong version number/i,
    'The secure connection to the mail server could not be set up: check the security setting and certificate.',
  ],
  [
    /\b535\b|\b534\b|authentication|auth(?:entication)? failed|Invalid login|username and password/i,
    'The mail server refused the user name or password: update them in Settings → Email.',
  ],
  [
    /\b550\b.*(?:5\.1\.1|no such user|user unknown|does not exist|not found|unknown recipient)|\b5\.1\.1\b/i,
    'The recipient’s address does not exist: correct the contact’s email.',
  ],
  [/\b552\b|mailbox full|over quota|quota exceeded/i, 'The recipient’s mailbox is full.'],
  [
    /\b5\.7\.1\b|\b554\b|spam|blocked|blacklist|rejected for policy/i,
    'The mail server refused the message as unwanted (spam or policy): ask your mail administrator.',
  ],
  [/\b55[0-9]\b|\b5\.\d\.\d\b/i, 'The mail server refused the message.'],
  [/\b4[2-5][0-9]\b|\b4\.\d\.\d\b/i, 'The mail server asked to try again later; Inflow retries by itself.'],
  [/Gave up after \d+ attempts/i, 'It could not be sent after several tries.'],
];

export function describeSendError(raw: string): string {
  return RULES.find(([pattern]) => pattern.test(raw))?.[1] ?? raw;
}

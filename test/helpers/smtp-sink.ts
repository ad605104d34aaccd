import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/**
 * How the sink answers one message's DATA: accept, refuse (with a code), hang up, or answer late
 * (after `delayMs`, or once `release` settles: a test decides when the server confirms).
 */
export type Reply = { accept: true; delayMs?: number; release?: Promise<unknown> } | { code: number; message: string } | { hangUp: true };

export interface Received {
  /** When the sink had the whole message (ms since epoch). */
  at: number;
  mail: ParsedMail;
  envelopeTo: string[];
  raw: string;
}

export interface SmtpSink {
  host: string;
  port: number;
  received: Received[];
  /** Every AUTH a client tried, with the credentials it sent (each is accepted). */
  auths: { username: string; password: string }[];
  /** When each transaction began (MAIL FROM), refused ones included: what a send rate is measured by. */
  transactions: number[];
  /** Decides the reply to the n-th DATA (0-based, counting refused ones); default: accept. */
  replyTo(decide: (attempt: number) => Reply): void;
  /** Refuses RCPT TO with a 4xx for the next `times` messages (a connection-level failure before DATA). */
  refuseRecipients(times: number): void;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (or another loopback address), recording every message it accepts. */
export async function startSmtpSink({ host = '127.0.0.1' }: { host?: string } = {}): Promise<SmtpSink> {
  const received: Received[] = [];
  const auths: SmtpSink['auths'] = [];
  const transactions: number[] = [];
  let decide: (attempt: number) => Reply = () => ({ accept: true });
  let attempts = 0;
  let rcptRefusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    // Plain AUTH is what a local relay gets; the sink records it so a test can see where a password went.
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      auths.push({ username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username ?? '' });
    },
    disabledCommands: ['STARTTLS'],
    // A client's pooled connection may still be open at the end of a test; do not wait 30 s for it.
    closeTimeout: 200,
    logger: false,
    onMailFrom(_address, _session, callback) {
      transactions.push(Date.now());
      callback();
    },
    onRcptTo(_address, _session, callback) {
      if (rcptRefusals > 0) {
        rcptRefusals -= 1;
        const error = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
        error.responseCode = 450;
        return callback(error);
      }
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const reply = decide(attempts++);
        const raw = Buffer.concat(chunks).toString('utf8');
        const at = Date.now();
        if ('hangUp' in reply) {
          // Keep nothing and close without an answer: the client cannot know whether it was delivered.
          (session as unknown as { _socket?: { destroy(): void } })._socket?.destroy();
          for (const connection of (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections) connection._socket.destroy();
          return;
        }
        if ('code' in reply) {
          const error = new Error(reply.message) as Error & { responseCode: number };
          error.responseCode = reply.code;
          return callback(error);
        }
        void simpleParser(raw).then((mail) => {
          received.push({ at, mail, raw, envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
          void Promise.resolve(reply.release).then(() => setTimeout(() => callback(), reply.delayMs ?? 0));
        });
      });
    },
  });
  // A client killed with SIGKILL mid-session resets its connection: the test's doing, not a failure.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET') throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    host,
    port: (server.server.address() as AddressInfo).port,
    received,
    auths,
    transactions,
    replyTo: (next) => {
      decide = next;
    },
    refuseRecipients: (times) => {
      rcptRefusals = times;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

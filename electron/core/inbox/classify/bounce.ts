import type { InboundMessage } from '../mime/inbound-message';
import { addressesIn } from '../mime/addresses-in-text';
import { isFailure, readDeliveryReport, recipientAddress, type RecipientReport } from './delivery-report';
import { beforeReturned, type NoticeParts, type ReturnedMessage } from './returned-message';
import { findEnhancedCode, findReplyCode, isPermanent, PERMANENT_WORDS, statusFrom, TEMPORARY_WORDS } from './status-codes';

export interface BounceFacts {
  /** The address that failed (the first, when several did). */
  recipient: string | null;
  /** Enhanced status code, e.g. "5.1.1"; derived from the reply code or the words when the server gave none. */
  status: string | null;
  permanent: boolean;
  /** A delay warning: the server is still trying, nothing to resend yet. */
  delayed: boolean;
  /** The server's own words about the failure, shortened. */
  diagnostic: string | null;
  recipients: string[];
}

export interface BounceReading {
  bounce: BounceFacts;
  evidence: string[];
}

/** Senders of delivery reports: the daemon, the postmaster, a "Mail Delivery System". */
const DAEMON_ADDRESS =
  /^(?:mailer[-_]?daemon|mail[-_]?daemon|post[-_]?master|mail[-_]?delivery(?:[-_]?(?:system|subsystem))?|mailerdaemon|mdaemon|mail[-_]?admin|mailadmin|mail[-_]?system|bounces?|nobody|mta|smtp|root)(?:[+=._-].*)?@/i;
const DAEMON_NAME =
  /mailer[- ]?daemon|postmaster|mail(?:er)? delivery|delivery (?:status|subsystem|system|service)|mail (?:system|administrator|delivery)|microsoft outlook|e-?mail delivery/i;

const BOUNCE_SUBJECT =
  /undeliver|mail failure|\bfailure\b|\berror\b|not (?:be )?delivered|delivery (?:status notification|failure|failed|has failed|problem|report|notification|incomplete)|returned mail|mail delivery (?:failed|failure|system|subsystem|error)|failure notice|failed delivery|delivery error|could not (?:be )?deliver|non[- ]?deliver|returned to sender|mail system error|delivery delayed|delayed mail|warning: could not send|message not delivered|mail could not|rejected|bounced?\b|unzustellbar|nicht zustellbar|non remis|impossible de remettre|non distribu|no se (?:pudo|puede) entregar|no entregado|onbestelbaar|niet (?:afgeleverd|bezorgd)|non recapitabile|mancata consegna|não (?:entregue|foi possível entregar)|недоставл|unable to deliver|delivery notification/i;

const FAILURE_WORDS =
  /could ?n[o']t be delivered|error (?:delivering|sending)|did not reach|(?:no such|invalid|unknown) (?:user|recipient|mailbox|address)|not recognized|could not deliver|wasn'?t (?:able to be )?delivered|was not delivered|not been delivered|undeliverable|delivery (?:to (?:the following|these) recipients? (?:or groups )?)?(?:has )?failed|failed (?:permanently|recipient|to deliver)|permanent (?:fatal )?error|unable to deliver|(?:not|wasn'?t) able to deliver|following address(?:es)?(?:\(es\))? failed|addresses had (?:permanent )?fatal errors|message (?:was |has been )?(?:rejected|bounced|returned)|returned to (?:the )?sender|user unknown|mailbox (?:is )?full|not yet been delivered|delivery (?:is |has been )?delayed|gave up|given up|address (?:not found|rejected)|(?:recipient|user) (?:not found|unknown|rejected)|delivery (?:failure|problem)|konnte nicht zugestellt|nicht zugestellt|n'a pas pu être (?:remis|distribué)|non (?:remis|distribué)|no se (?:pudo|ha podido) entregar|non è stato possibile recapitare|não foi possível entregar|kon niet worden (?:afgeleverd|bezorgd)/i;

/** Addresses that are never the failed recipient: the report's own sender, postmasters, daemons. */
const NOT_A_RECIPIENT = /^(?:mailer[-_]?daemon|postmaster|mail[-_]?daemon|abuse|no[-_]?reply|do[-_]?not[-_]?reply|root)@/i;

/** How far after a recipient's address its reason is looked for. */
const REASON_WINDOW = 800;

/**
 * Reads a message as a bounce, or returns null when it is not one. A structured delivery report
 * (RFC 3464) is believed first; otherwise a notice from a daemon (or with a bounce's subject)
 * saying the delivery failed is read as text, the way Exchange, Gmail, qmail, Exim, Sendmail and
 * the rest word it.
 */
export function readBounce(message: InboundMessage, notice: NoticeParts, returned: ReturnedMessage): BounceReading | null {
  const head = beforeReturned(notice.words).slice(0, 64 * 1024);
  const reports = [...notice.reports, ...(notice.reports.length === 0 && /^Final-Recipient:/im.test(notice.words) ? [notice.words] : [])].flatMap(
    readDeliveryReport,
  );
  const failed = reports.filter(isFailure);
  const xFailed = message.headers
    .all('x-failed-recipients')
    .flatMap((value) => value.split(','))
    .map((v) => recipientAddress(v))
    .filter((v): v is string => v !== null);
  const from = message.from?.address ?? '';
  const automated = DAEMON_ADDRESS.test(from) || DAEMON_NAME.test(message.from?.name ?? '') || message.returnPath === '';
  const subject = BOUNCE_SUBJECT.test(message.subject);
  const words = FAILURE_WORDS.test(head);
  const evidence: string[] = [];
  if (failed.length > 0) evidence.push(`a delivery-status report: ${describeReport(failed[0]!)}`);
  else if (reports.length > 0 && !words) return null;
  if (xFailed.length > 0) evidence.push(`X-Failed-Recipients: ${xFailed.join(', ')}`);
  if (failed.length === 0 && xFailed.length === 0) {
    const returnedMessage = notice.returnedHeaders.length > 0 || returned.messageId !== null;
    if (!((automated && (subject || words || (returnedMessage && findEnhancedCode(head) !== null))) || (subject && words))) return null;
    if (automated) evidence.push(`sent by ${message.from?.address || 'an empty return path'}`);
    if (subject) evidence.push(`subject "${message.subject.slice(0, 120)}"`);
    if (words) evidence.push(`says "${FAILURE_WORDS.exec(head)![0]}"`);
  }
  const bounce = failed.length > 0 ? fromReports(failed, head) : fromText(message, head, xFailed, returned);
  return { bounce, evidence };
}

function describeReport(report: RecipientReport): string {
  return [report.action && `Action ${report.action}`, report.status && `Status ${report.status}`, report.recipient].filter(Boolean).join(', ');
}

function fromReports(failed: RecipientReport[], head: string): BounceFacts {
  const first = failed.find((report) => report.recipient) ?? failed[0]!;
  const diagnostic = first.diagnostic ?? '';
  const delayed = first.action?.startsWith('delay') ?? false;
  // The remote server's own code, in its words, is more precise than the reporting server's reading of it.
  const status =
    findEnhancedCode(diagnostic) ?? first.status ?? statusFrom({ enhanced: null, reply: findReplyCode(diagnostic), words: `${diagnostic}\n${head}`, delayed });
  return {
    recipient: first.recipient,
    status,
    permanent: !delayed && isPermanent(status),
    delayed,
    diagnostic: shorten(diagnostic) || null,
    recipients: [...new Set(failed.flatMap((report) => (report.recipient ? [report.recipient] : [])))],
  };
}

function fromText(message: InboundMessage, head: string, xFailed: string[], returned: ReturnedMessage): BounceFacts {
  const own = new Set([message.from?.address, message.returnPath, returned.from, ...message.to.map((a) => a.address)].filter(Boolean));
  const found = addressesIn(head)
    .filter((m) => !/message-?id|\bid\b|\bmsgid\b/i.test(head.slice(Math.max(0, m.index - 20), m.index)))
    .filter((c) => !own.has(c.address) && !NOT_A_RECIPIENT.test(c.address));
  const sent = new Set(returned.recipients);
  const chosen =
    xFailed[0] ?? found.find((c) => sent.has(c.address))?.address ?? found[0]?.address ?? returned.recipients.find((address) => !own.has(address)) ?? null;
  const at = chosen ? Math.max(0, head.toLowerCase().indexOf(chosen)) : 0;
  const window = head.slice(at, at + REASON_WINDOW);
  const delayed = TEMPORARY_WORDS.test(head) && !PERMANENT_WORDS.test(head);
  const status = statusFrom({
    enhanced: findEnhancedCode(window) ?? findEnhancedCode(head),
    reply: findReplyCode(window) ?? findReplyCode(head),
    words: `${window}\n${head}`,
    delayed,
  });
  return {
    recipient: chosen,
    status,
    permanent: !delayed && isPermanent(status),
    delayed,
    diagnostic: shorten(diagnosticLine(window)) || null,
    recipients: [...new Set([...xFailed, ...(chosen ? [chosen] : []), ...found.filter((c) => sent.has(c.address)).map((c) => c.address)])],
  };
}

/** The line most likely to be the server's own words: one with a code, else the recipient's line. */
function diagnosticLine(window: string): string {
  const lines = window
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => /\b[45]\d\d\b|\b[45]\.\d{1,3}\.\d{1,3}\b/.test(line)) ?? lines.slice(0, 3).join(' ');
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}…` : flat;
}

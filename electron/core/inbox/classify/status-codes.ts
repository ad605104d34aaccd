/**
 * SMTP status as bounces state it: enhanced codes (RFC 3463, "5.1.1"), reply codes (RFC 5321,
 * "550"), and, when a server gives neither, the usual words for the usual failures.
 */

/** An enhanced status code standing alone: not part of a version ("8.14.4/8.14.4"), an IP or a date. */
const ENHANCED = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/g;
/** A reply code where servers put one: at a line start, after "said:", "#", a quote or bracket, followed by a space, "-" or the end. */
const REPLY = /(?:^|[\s#'"(\[:=]|said:\s*)([45][0-5]\d)(?=[ \-\])'"]|$)/gm;

export function enhancedCodes(text: string): string[] {
  return [...text.matchAll(ENHANCED)].map((m) => `${m[1]}.${Number(m[2])}.${Number(m[3])}`);
}

/** The most telling enhanced code in a text: a failure (4 or 5) over a success, the first of those. */
export function findEnhancedCode(text: string): string | null {
  const codes = enhancedCodes(text).filter((code) => code[0] !== '2');
  return codes.find((code) => !code.endsWith('.0.0')) ?? codes[0] ?? null;
}

export function findReplyCode(text: string): string | null {
  for (const match of text.matchAll(REPLY)) return match[1]!;
  return null;
}

/**
 * The failure the words describe, as the subject and detail of a status code (the class comes from
 * the server's code or the report's action). In order: the first that matches wins, so the specific
 * ("mailbox full") comes before the general ("rejected").
 */
const REASONS: readonly [RegExp, string][] = [
  [
    /mailbox (?:is )?full|over ?quota|quota (?:exceeded|full)|exceeded (?:its|the|his|her)? ?(?:storage|quota)|insufficient (?:disk )?(?:space|storage)|mailfolder is full|(?:postfach|mailbox) (?:voll|ist voll)|boîte (?:aux lettres )?pleine|buzón lleno|casella piena|caixa (?:de correio )?cheia|mailbox size limit/i,
    '2.2',
  ],
  [/message (?:size )?(?:is )?too (?:large|big)|size (?:limit )?exceed|exceeds? (?:the )?(?:maximum|size)|message length exceeds/i, '3.4'],
  [
    /(?:account|mailbox|user|address) (?:has been |is )?(?:disabled|suspended|deactivated|inactive|locked|closed|blocked for inactivity)|(?:disabled|suspended|inactive|expired) (?:account|mailbox|user)/i,
    '2.1',
  ],
  [
    /user ?unknown|unknown (?:user|recipient|local[- ]part|mailbox|address)|no such (?:user|mailbox|recipient|address|account)|(?:user|recipient|mailbox|address|account)(?: name)? (?:does not|doesn'?t|did not) exist|(?:recipient|user|mailbox|address|account)(?: address)? (?:was )?not found|not (?:a )?valid (?:recipient|mailbox|user|address)|invalid (?:recipient|mailbox|user|address)|(?:mailbox|recipient) (?:is )?unavailable|address (?:couldn'?t|could not|wasn'?t|was not) (?:be )?found|RecipNotFound|doesn'?t have an? .{0,30}account|no mailbox here|not our customer|unbekannt|existiert nicht|inconnu|n'existe pas|desconocido|no existe|sconosciuto|inesistente|desconhecido|não existe|onbekend|bestaat niet/i,
    '1.1',
  ],
  [
    /host (?:or domain name )?(?:not found|unknown)|unknown host|domain (?:not found|does not exist|name not found)|no (?:mx|such domain)|name service error|unrouteable (?:address|domain)|dns (?:error|failure|lookup)|nxdomain/i,
    '1.2',
  ],
  [/relay(?:ing)? (?:access )?(?:denied|not permitted|prohibited)|not permitted to relay|unable to relay|relay not allowed/i, '7.1'],
  [
    /\bspam\b|blacklist|blocklist|block ?list|\bblocked\b|\bRBL\b|spamhaus|reputation|policy (?:violation|rejection)|rejected (?:due to|by|for) (?:policy|content)|access denied|\bSPF\b|\bDMARC\b|\bDKIM\b|virus|malware/i,
    '7.1',
  ],
  [
    /(?:time|retry) ?(?:out|limit) (?:exceeded|reached)|retry time(?:out)? (?:not )?(?:exceeded|reached)|could not be delivered (?:within|for)|delivery (?:time )?expired|message expired|giving up|gave up|too long in (?:the )?queue|expired after/i,
    '4.7',
  ],
  [/connection (?:refused|timed out|reset|lost)|timed out|network (?:error|unreachable)|could not connect|unable to connect|host unreachable/i, '4.1'],
];

/** "1.1" for "user unknown" …; null when the words name no known failure. */
export function reasonDetail(text: string): string | null {
  for (const [pattern, detail] of REASONS) if (pattern.test(text)) return detail;
  return null;
}

/** Words saying the server will try again (a delay warning) or gave up for good. */
export const TEMPORARY_WORDS =
  /(?:will (?:be )?(?:retry|retried|try again|keep trying|continue)|still (?:trying|being retried)|has not yet been delivered|not yet been delivered|delivery (?:is |has been )?delayed|temporar(?:y|ily)|deferred|warning: (?:message|could not)|delay(?:ed)? (?:notification|warning)|no action is required|vorübergehend|temporaire|temporal|temporaneo|temporário|tijdelijk)/i;
export const PERMANENT_WORDS =
  /(?:permanent(?:ly)?|fatal|given up|gave up|giving up|not (?:going to )?(?:try|retry) again|will not (?:be )?(?:retry|retried)|hard bounce|endgültig|définitiv|permanente|definitiv)/i;

/**
 * The status to report: the server's enhanced code; else its reply code's class with the detail the
 * words name ("550" + "user unknown" → 5.1.1), else the class alone (5.0.0); else, from words only, a
 * class from how final they sound. Null when nothing says anything.
 */
export function statusFrom(parts: { enhanced: string | null; reply: string | null; words: string; delayed: boolean }): string | null {
  if (parts.enhanced) return parts.enhanced;
  const detail = reasonDetail(parts.words);
  const klass = parts.reply ? parts.reply[0]! : parts.delayed ? '4' : detail ? classFromWords(parts.words, detail) : null;
  if (!klass) return null;
  return `${klass}.${detail ?? '0.0'}`;
}

function classFromWords(words: string, detail: string): string {
  if (PERMANENT_WORDS.test(words)) return '5';
  if (TEMPORARY_WORDS.test(words)) return '4';
  // A mailbox that does not exist, a domain that does not resolve: final unless said otherwise.
  return detail === '4.7' || detail === '4.1' ? '4' : '5';
}

/** RFC 3463: the class digit decides. 5 is permanent; 4 is a transient failure worth one retry. */
export function isPermanent(status: string | null): boolean {
  return status === null || status.startsWith('5');
}

/**
 * Replies that mean "stop texting me" or "text me again", in the languages carriers and providers
 * honour (Twilio's English set, plus the French, Spanish, German, Portuguese and Italian usual ones).
 * Like the providers, only a reply that is the word alone counts: "please stop by on Monday" is a reply.
 */
const OPT_OUT = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'REVOKE',
  'ARRET',
  'ARRETER',
  'DESABONNER',
  'ALTO',
  'BAJA',
  'PARAR',
  'STOPP',
  'ABMELDEN',
  'BASTA',
  'FERMA',
];
const OPT_IN = ['START', 'UNSTOP', 'YES', 'SUBSCRIBE'];

/** Upper case, accents and surrounding punctuation dropped: "Arrêt." → "ARRET". */
function keyword(body: string): string {
  return body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '')
    .toUpperCase();
}

export type OptKeyword = 'opt_out' | 'opt_in' | null;

export function optKeyword(body: string): OptKeyword {
  const word = keyword(body);
  if (OPT_OUT.includes(word)) return 'opt_out';
  return OPT_IN.includes(word) ? 'opt_in' : null;
}

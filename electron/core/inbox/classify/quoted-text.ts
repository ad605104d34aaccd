/**
 * The part of a message its sender wrote: what comes before the quoted message it answers. Replies
 * quote Inflow's reminder ("please pay invoice INV-1043"), whose words must not be read as theirs.
 */
const QUOTE_START = new RegExp(
  [
    String.raw`^[ \t]*-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|mensagem original|oorspronkelijk bericht|forwarded message)`,
    String.raw`^[ \t]*_{10,}\s*$`,
    String.raw`^[ \t]*(?:on|am|le|el|op|il|em)\b.{0,200}(?:wrote|schrieb|a écrit|escribió|schreef|ha scritto|escreveu)\s*:?\s*$`,
    String.raw`^[ \t]*(?:from|von|de|van|da)\s*:.*\n(?:.*\n){0,3}?[ \t]*(?:sent|gesendet|envoyé|enviado|verzonden|inviato|date|datum|to|an|à|para|aan|a)\s*:`,
    String.raw`^[ \t]*>`,
  ].join('|'),
  'im',
);

export function ownWords(text: string): string {
  const match = QUOTE_START.exec(text);
  return (match ? text.slice(0, match.index) : text).trim();
}

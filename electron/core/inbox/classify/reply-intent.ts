import { currencyExponent, isCurrencyCode, parseAmount } from '../../../../shared/money';
import type { IsoDate } from '../../../../shared/dates';
import { findReturnDate } from './return-date';

export const REPLY_INTENTS = ['paid', 'promise', 'dispute', 'copy', 'stop'] as const;
export type ReplyIntent = (typeof REPLY_INTENTS)[number];

/** What a person's reply seems to say, for the collector to confirm with one key. */
export interface ReplyReading {
  intent: ReplyIntent | null;
  /** The words the suggestion rests on. */
  evidence: string | null;
  /** For a promise: the day and the amount it names, when it names them. */
  promiseDate: IsoDate | null;
  amount: { minor: number; currency: string } | null;
}

/**
 * Phrases per intent in the seven languages, most specific first. A dispute outranks a payment
 * ("we paid but the price is wrong" needs a person), a payment outranks a promise ("paid half,
 * the rest Friday" is money on its way).
 */
const INTENTS: readonly [ReplyIntent, RegExp][] = [
  [
    'dispute',
    /\bdisput|\bwrong (?:amount|price|invoice|quantity)|incorrect (?:amount|price|invoice|charge)|overcharg|not (?:what|as) (?:we )?ordered|damaged|defective|never (?:ordered|delivered|received the (?:goods|items|order|delivery))|we (?:do not|don'?t) owe|not our (?:invoice|order)|credit note|returned (?:the|all) (?:goods|items)|reklamation|beanstand|falsche rechnung|nicht bestellt|contest|litige|erreur de (?:prix|facturation|montant)|reclamación|disconformidad|factura (?:errónea|incorrecta)|onjuist|klacht|betwist|contestazion|reclamo|fattura errata|reclamação|fatura incorreta/i,
  ],
  [
    'paid',
    /\b(?:we |i |has been |have been |was |were |already |just )(?:paid|settled|transferred|wired|remitted|sent (?:the |a )?payment)|payment (?:was |has been |is )?(?:made|sent|processed|released|initiated|scheduled|on (?:its|the) way|in transit)|remittance|payment advice|proof of payment|(?:check|cheque) (?:is |was )?(?:in the mail|sent|mailed|posted)|bank transfer|wire transfer|bezahlt|überwiesen|zahlung (?:ist |wurde )?(?:erfolgt|veranlasst|unterwegs)|zahlungsavis|déjà (?:payé|réglé)|avons (?:payé|réglé)|virement (?:a été )?effectué|avis de paiement|ya (?:pagamos|hemos pagado|está pagad)|hemos (?:pagado|realizado la transferencia)|transferencia realizada|justificante de pago|al betaald|hebben (?:betaald|overgemaakt)|betalingsbewijs|già pagat|abbiamo (?:pagato|effettuato il bonifico)|bonifico (?:effettuato|eseguito)|já (?:pagamos|foi pago)|pagamento (?:efetuado|realizado)|comprovante de pagamento/i,
  ],
  [
    'promise',
    /\bwill (?:pay|settle|transfer|send (?:the |a )?payment|process (?:the |your )?payment|have (?:it|this) paid)|we'?ll (?:pay|settle|transfer)|(?:pay|payment) (?:will be (?:made|sent|processed|released)|is scheduled|by|on|next)|(?:can|could) (?:we )?pay (?:half|part|in installments|\d)|expect (?:to pay|payment)|payment run|werden (?:bezahlen|überweisen|begleichen)|zahlen (?:bis|am)|zahlung (?:erfolgt|folgt) (?:bis|am)|nous (?:allons|paierons|réglerons)|(?:sera|seront) (?:payée?s?|réglée?s?)|paiement (?:sera|prévu)|pagaremos|vamos a pagar|realizaremos el pago|zullen (?:betalen|overmaken)|betalen (?:voor|op)|pagheremo|effettueremo il (?:pagamento|bonifico)|vamos pagar|pagaremos|efetuaremos o pagamento/i,
  ],
  [
    'copy',
    /\b(?:send|resend|forward|provide|need|share) (?:us |me )?(?:a )?(?:copy|copies|duplicate|pdf|statement)|copy of (?:the |this |your |our )?(?:invoice|statement|bill)|(?:never|not|didn'?t) (?:received|receive|get|got) (?:the |this |your |an |any )?invoice|statement of account|account statement|kopie|rechnungskopie|kontoauszug|duplicata|copie de (?:la )?facture|relevé de compte|copia de (?:la )?factura|estado de cuenta|kopie van de factuur|rekeningoverzicht|copia della fattura|estratto conto|cópia da fatura|extrato/i,
  ],
  [
    'stop',
    /unsubscribe|stop (?:sending|emailing|contacting)|remove (?:me|us|this address)|do not (?:contact|email)|no longer (?:with|work|handle|responsible)|(?:has |have )?left the company|not the right (?:person|contact)|wrong (?:person|contact|address)|please (?:contact|send (?:this|it|invoices) to)|send (?:invoices|this) to|abmelden|nicht mehr zuständig|falscher ansprechpartner|plus (?:en charge|dans l'entreprise)|désabonner|ya no (?:trabaja|soy responsable)|darse de baja|niet meer (?:werkzaam|verantwoordelijk)|uitschrijven|non (?:lavora|sono) più|cancellami|não (?:trabalha|sou) mais|descadastrar/i,
  ],
];

const MONEY =
  /(?:([$€£]|\b(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|JPY)\b)\s?(\d{1,3}(?:[,.' \u00a0]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?))|(?:(\d{1,3}(?:[,.' \u00a0]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s?([$€£]|\b(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|JPY)\b|euros?\b|dollars?\b))/i;
const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', euro: 'EUR', euros: 'EUR', dollar: 'USD', dollars: 'USD' };

/** Reads a person's own words (quoted text already removed) for what they seem to say. */
export function readReply(words: string, sentOn: IsoDate): ReplyReading {
  const text = words.slice(0, 8000);
  for (const [intent, pattern] of INTENTS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const evidence = sentenceAround(text, match.index, match[0].length);
    const promised = intent === 'promise' || intent === 'paid';
    return {
      intent,
      evidence,
      promiseDate: intent === 'promise' ? (findReturnDate(text, sentOn)?.date ?? null) : null,
      amount: promised ? amountIn(text) : null,
    };
  }
  return { intent: null, evidence: null, promiseDate: null, amount: null };
}

function amountIn(text: string): { minor: number; currency: string } | null {
  const m = MONEY.exec(text);
  if (!m) return null;
  const marker = (m[1] ?? m[4] ?? '').toLowerCase();
  const number = (m[2] ?? m[3] ?? '').replace(/[' \u00a0]/g, '');
  const currency = SYMBOLS[marker] ?? marker.toUpperCase();
  if (!isCurrencyCode(currency)) return null;
  const decimalSeparator = /,\d{1,2}$/.test(number) ? ',' : '.';
  const parsed = parseAmount(number, currencyExponent(currency), { decimalSeparator });
  return parsed.ok && parsed.value > 0 ? { minor: parsed.value, currency } : null;
}

function sentenceAround(text: string, index: number, length: number): string {
  const start = Math.max(text.lastIndexOf('\n', index), text.lastIndexOf('. ', index) + 1, index - 120, 0);
  const endCandidates = [text.indexOf('\n', index + length), text.indexOf('. ', index + length)].filter((i) => i >= 0);
  const end = Math.min(...endCandidates, index + length + 120, text.length);
  return text
    .slice(start, end + 1)
    .replace(/\s+/g, ' ')
    .trim();
}

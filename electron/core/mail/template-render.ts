import MarkdownIt from 'markdown-it';
import Mustache from 'mustache';
import type { EmailTemplate } from '../../../shared/outreach/template-fields';

/** Values of one message, as text (escaped for HTML when merged there); blocks come as HTML and as text. */
export interface MergeValues {
  fields: Record<string, string>;
  blocks: Record<string, { html: string; text: string }>;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

// Raw HTML in a template body is shown as text, never run; links are checked by markdown-it's validator.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });
const TAG = /\{\{\{?[^}]*\}?\}\}/g;
const placeholder = (index: number): string => `inflowmerge${index}z`;
/** A placeholder in rendered HTML; its number indexes the tags it stands for. */
export const PLACEHOLDER = /inflowmerge(\d+)z/g;

/** The body's Markdown as HTML with each merge tag replaced by an inert placeholder, and the tags in order. */
export function shieldedMarkdown(body: string): { html: string; tags: string[] } {
  const tags: string[] = [];
  const shielded = body.replace(TAG, (tag) => placeholder(tags.push(tag) - 1));
  return { html: markdown.render(shielded), tags };
}

/** "a.b.c" → { a: { b: { c } } }: Mustache resolves dotted names through nested objects. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flat)) {
    const path = name.split('.');
    let node = view;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = value;
  }
  return view;
}

/** Control characters (CR, LF …) never reach a message: in a subject they would forge headers. */
const clean = (value: string): string => value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
const oneLine = (value: string): string => clean(value).replace(/[\r\n\t]+/g, ' ');

interface PreparedTemplate {
  subject: string;
  htmlSource: string;
  textSource: string;
  /** Fields written just before a full stop: merged without a full stop of their own there. */
  stopFields: string[];
  /** Its own writer, so Mustache's parse cache lives and dies with this template. */
  writer: Mustache.Writer;
}

/** Recently used templates, prepared: a bulk send renders one template thousands of times. */
const prepared = new Map<string, PreparedTemplate>();
const PREPARED_KEPT = 32;

/**
 * The body's Markdown becomes HTML once per template, with every merge tag swapped for an inert
 * placeholder so Markdown can neither mangle a tag nor read markup inside a merged value. The text
 * part is the Markdown source with links spelled out. Kept for the few templates in use; an edited
 * draft in the preview is a new key and the oldest entry goes.
 */
function prepare(template: Pick<EmailTemplate, 'subject' | 'body'>): PreparedTemplate {
  const key = `${template.subject}\u0000${template.body}`;
  const hit = prepared.get(key);
  if (hit) {
    prepared.delete(key);
    prepared.set(key, hit);
    return hit;
  }
  const { html, tags } = shieldedMarkdown(template.body);
  const htmlSource = html
    // A block alone on its line is a table or a card, not a paragraph.
    .replace(/<p>(inflowmerge\d+z)<\/p>/g, '$1')
    .replace(PLACEHOLDER, (_match, index: string) => tags[Number(index)]!)
    // A section tag on its own line must not leave a line break behind.
    .replace(/(\{\{[#^/][^}]*\}\})<br>\n?/g, '$1')
    .replace(/<br>\n?(\{\{[#^/][^}]*\}\})/g, '$1');
  const textSource = template.body.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1: $2').replace(/\*\*([^*]+)\*\*/g, '$1');
  const stopFields = new Set<string>();
  const entry = {
    subject: beforeStops(template.subject, stopFields),
    htmlSource: beforeStops(htmlSource, stopFields),
    textSource: beforeStops(textSource, stopFields),
    stopFields: [...stopFields],
    writer: new Mustache.Writer(),
  };
  prepared.set(key, entry);
  if (prepared.size > PREPARED_KEPT) prepared.delete(prepared.keys().next().value!);
  return entry;
}

/** `{{field}}.` (not an ellipsis) merges the value without its own trailing full stop: "Acme Supply Co." then ends the sentence once. */
const BEFORE_STOP = /\{\{\s*([\w.]+)\s*\}\}(?=\.(?!\.))/g;
const STOP_PREFIX = 'noStop.';

function beforeStops(source: string, fields: Set<string>): string {
  return source.replace(BEFORE_STOP, (_tag, name: string) => {
    fields.add(name);
    return `{{${STOP_PREFIX}${name}}}`;
  });
}

/** Punctuation a subject cannot start with: what is left when a merged value at its start was empty (": invoice …"). */
const LEADING_PUNCTUATION = /^[\s:;,.–—-]+/;

/**
 * Renders a checked template for one message: the values are merged into its HTML, HTML-escaped,
 * and into its text part and subject unescaped (a subject on one line).
 */
export function renderTemplate(template: Pick<EmailTemplate, 'subject' | 'body'>, values: MergeValues): RenderedEmail {
  const { subject, htmlSource, textSource, stopFields, writer } = prepare(template);
  const text = Object.fromEntries(Object.entries(values.fields).map(([name, value]) => [name, clean(value).trim()]));
  for (const name of stopFields) text[STOP_PREFIX + name] = (text[name] ?? '').replace(/(?<!\.)\.$/, '');
  const htmlView = nest({ ...text, ...Object.fromEntries(Object.entries(values.blocks).map(([name, block]) => [name, block.html])) });
  const textView = nest({ ...text, ...Object.fromEntries(Object.entries(values.blocks).map(([name, block]) => [name, block.text])) });
  const raw = { escape: (value: unknown) => String(value) };
  const subjectView = nest(Object.fromEntries(Object.entries(text).map(([name, value]) => [name, oneLine(value)])));
  return {
    subject: oneLine(writer.render(subject, subjectView, {}, raw))
      .trim()
      .replace(LEADING_PUNCTUATION, ''),
    html: writer.render(htmlSource, htmlView).replace(/<p>\s*<\/p>\n?/g, ''),
    text:
      writer
        .render(textSource, textView, {}, raw)
        .replace(/\n{3,}/g, '\n\n')
        .trim() + '\n',
  };
}

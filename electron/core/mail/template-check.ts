import Mustache from 'mustache';
import type { TemplateProblem } from '../../../shared/api';
import { TEMPLATE_FIELDS, type TemplateField } from '../../../shared/outreach/template-fields';
import { PLACEHOLDER, shieldedMarkdown } from './template-render';

/** Mustache's token: [type, name, start, end, children?]. Types: text, name, &, #, ^, !, >, =. */
type Token = [string, string, number, number, Token[]?];

const isField = (name: string): name is TemplateField => Object.hasOwn(TEMPLATE_FIELDS, name);
const isBlock = (name: TemplateField): boolean => 'block' in TEMPLATE_FIELDS[name];

/**
 * Every problem with a template, found when it is saved rather than when 500 emails go out: an
 * unknown field, a block (table, video card) merged as escaped text or a plain field merged raw,
 * partials and delimiter changes, and unbalanced sections.
 */
export function checkTemplate(subject: string, body: string): TemplateProblem[] {
  return [...checkPart('subject', subject), ...checkPart('body', body), ...linkTargetProblems(body)];
}

/** Fields whose values are checked web addresses (https or http only), so they may start a link's address. */
const URL_FIELDS: ReadonlySet<string> = new Set<TemplateField>(['paymentLink', 'videoMemoUrl']);
const STARTS_WITH_TAG = new RegExp(`^${PLACEHOLDER.source}`);

/**
 * A link or image whose address starts with a merge tag takes its scheme from the value: a customer
 * named "javascript:…" would become a script link. Only the checked URL fields may start one; any
 * field may follow a fixed "https://…" or "mailto:".
 */
function linkTargetProblems(body: string): TemplateProblem[] {
  const { html, tags } = shieldedMarkdown(body);
  const problems: TemplateProblem[] = [];
  for (const [, target] of html.matchAll(/(?:href|src)="([^"]*)"/g)) {
    const first = STARTS_WITH_TAG.exec(target!);
    if (!first) continue;
    const tag = tags[Number(first[1])]!;
    if (!URL_FIELDS.has(tag.replace(/^\{+[&{]?\s*|\s*\}+$/g, ''))) {
      problems.push({
        part: 'body',
        tag,
        message: "only {{paymentLink}} or {{videoMemoUrl}} may start a link's address; write the address (https://… or mailto:) before other fields",
      });
    }
  }
  return problems;
}

function checkPart(part: TemplateProblem['part'], source: string): TemplateProblem[] {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(source) as Token[];
  } catch (error) {
    return [{ part, tag: '', message: error instanceof Error ? error.message : String(error) }];
  } finally {
    // The check must not fill Mustache's shared cache with every draft typed.
    Mustache.clearCache();
  }
  const problems: TemplateProblem[] = [];
  const walk = (list: Token[]): void => {
    for (const [type, name, start, end, children] of list) {
      if (type === 'text' || type === '!') continue;
      const tag = source.slice(start, end);
      if (type === '>' || type === '=') {
        problems.push({ part, tag, message: 'partials and delimiter changes are not supported' });
      } else if (!isField(name)) {
        problems.push({ part, tag, message: `"${name}" is not a merge field` });
      } else if (type === 'name' && isBlock(name)) {
        problems.push({ part, tag, message: `"${name}" is a block: write it with three braces, {{{${name}}}}` });
      } else if (type === '&' && !isBlock(name)) {
        problems.push({ part, tag, message: `only blocks may use three braces; write {{${name}}} so the value is escaped` });
      } else if (part === 'subject' && isBlock(name)) {
        problems.push({ part, tag, message: `"${name}" cannot go in a subject line` });
      }
      if (children) walk(children);
    }
  };
  walk(tokens);
  return problems;
}

/** Fields merged outside any section in subject or body: when one has no value, the message has a hole. */
export function unguardedFields(subject: string, body: string): string[] {
  const names = new Set<string>();
  for (const source of [subject, body]) {
    for (const [type, name] of Mustache.parse(source) as Token[]) if (type === 'name' || type === '&') names.add(name);
  }
  Mustache.clearCache();
  return [...names];
}

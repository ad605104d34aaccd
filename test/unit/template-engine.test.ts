import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../electron/core/mail/template-check';
import { renderTemplate, type MergeValues } from '../../electron/core/mail/template-render';

const values = (fields: Record<string, string>, blocks: MergeValues['blocks'] = {}): MergeValues => ({ fields, blocks });

describe('checkTemplate', () => {
  it.each([
    ['a known field', 'Hi {{contact.firstName}}', []],
    ['a block in three braces', '{{{invoiceTable}}}', []],
    ['a guarded section', '{{#paymentLink}}[Pay]({{paymentLink}}){{/paymentLink}}{{^paymentLink}}Reply for details{{/paymentLink}}', []],
    ['a comment', '{{! internal note }}Hello', []],
    ['an unknown field', 'Hi {{contact.frstName}}', ['"contact.frstName" is not a merge field']],
    ['a block merged as text', '{{invoiceTable}}', ['"invoiceTable" is a block: write it with three braces, {{{invoiceTable}}}']],
    ['a plain field merged raw', '{{{customer.name}}}', ['only blocks may use three braces; write {{customer.name}} so the value is escaped']],
    ['a partial', '{{> footer}}', ['partials and delimiter changes are not supported']],
    ['an unknown section', '{{#invoices}}x{{/invoices}}', ['"invoices" is not a merge field']],
  ])('%s', (_why, body, messages) => {
    expect(checkTemplate('Subject', body).map((p) => p.message)).toEqual(messages);
  });

  it('names the part, the tag and an unclosed section', () => {
    expect(checkTemplate('Re {{customer.nam}}', 'ok')).toEqual([{ part: 'subject', tag: '{{customer.nam}}', message: '"customer.nam" is not a merge field' }]);
    expect(checkTemplate('S', '{{#paymentLink}} never closed')[0]).toMatchObject({ part: 'body', message: expect.stringContaining('Unclosed section') });
    expect(checkTemplate('{{{invoiceTable}}}', 'x')[0]!.message).toBe('"invoiceTable" cannot go in a subject line');
  });
});

describe('renderTemplate', () => {
  const template = {
    subject: 'Invoice {{oldestInvoice.number}} for {{customer.name}}',
    body: 'Hi {{contact.firstName}},\n\n**{{totals.overdue}}** is past due.\n\n{{{invoiceTable}}}\n\n{{#paymentLink}}\n[Pay online]({{paymentLink}})\n{{/paymentLink}}\n{{^paymentLink}}\nReply for payment details.\n{{/paymentLink}}\n\n{{sender.name}}',
  };
  const table = { html: '<table><tr><td>INV-1</td></tr></table>', text: 'INV-1   $10.00' };

  it('merges into HTML and text, with the link spelled out in text', () => {
    const out = renderTemplate(
      template,
      values(
        {
          'contact.firstName': 'Jane',
          'totals.overdue': '$10.00',
          'oldestInvoice.number': 'INV-1',
          'customer.name': 'Acme',
          paymentLink: 'https://pay.example.com/INV-1?a=1&b=2',
          'sender.name': 'Dana',
        },
        { invoiceTable: table },
      ),
    );
    expect(out.subject).toBe('Invoice INV-1 for Acme');
    expect(out.html).toContain('<strong>$10.00</strong>');
    expect(out.html).toContain('<table><tr><td>INV-1</td></tr></table>');
    expect(out.html).not.toContain('<p><table>');
    expect(out.html).toMatch(/<a href="https:&#x2F;&#x2F;pay\.example\.com&#x2F;INV-1\?a&#x3D;1&amp;b&#x3D;2">Pay online<\/a>/);
    expect(out.html).not.toContain('Reply for payment details');
    expect(out.text).toContain('Pay online: https://pay.example.com/INV-1?a=1&b=2');
    expect(out.text).toContain('INV-1   $10.00');
    expect(out.text).not.toContain('**');
  });

  it('takes the other branch when a guarded value is missing', () => {
    const out = renderTemplate(template, values({ 'contact.firstName': 'Jane' }, { invoiceTable: table }));
    expect(out.html).toContain('Reply for payment details.');
    expect(out.html).not.toContain('Pay online');
  });

  it('escapes every merged value in HTML and keeps Markdown in values inert', () => {
    const out = renderTemplate(
      template,
      values({ 'contact.firstName': '<script>alert(1)</script> & "Co" [x](javascript:alert(1)) **b**', 'sender.name': 'D' }, { invoiceTable: table }),
    );
    expect(out.html).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; &quot;Co&quot; [x](javascript:alert(1)) **b**');
    expect(out.html).not.toContain('<script>');
    expect(out.html).not.toContain('href="javascript');
  });

  it('shows raw HTML written in a template body as text', () => {
    const out = renderTemplate({ subject: 's', body: 'Hello <img src=x onerror=alert(1)>' }, values({}));
    expect(out.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('never lets CR/LF from a value into the subject', () => {
    const out = renderTemplate({ subject: 'Re {{customer.name}}', body: 'x' }, values({ 'customer.name': 'Acme\r\nBcc: victim@example.com' }));
    expect(out.subject).toBe('Re Acme Bcc: victim@example.com');
    expect(out.subject).not.toMatch(/[\r\n]/);
  });
});

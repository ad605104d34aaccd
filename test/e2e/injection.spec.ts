import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { CoreClient } from '../../electron/hosts/core-client';
import { localToday } from '../../shared/dates';
import { MAX_CELL_CHARS } from '../../electron/core/import/table-limits';
import { acceptedFreeText, acceptedOneLine, fitsOneLine, INJECTION_CORPUS } from '../faults/injection-corpus';
import { customerIdOf, customersCsv, invoicesCsv } from '../faults/injection-csv';
import { expect, test } from './fixtures';

/**
 * The injection corpus stored through the real API and import, then shown on every screen that shows
 * stored text: worklist, customer page and timeline, customers list, template editor with the
 * sandboxed HTML preview, bulk send preview, reports with a drill-down, and settings. Nothing may run:
 * no dialog, the window.__pwned canary never set, no element with a handler, a script URL or a frame
 * appears outside the app's own, and the fixture fails the test on any console error (a CSP violation
 * included). A few values are checked to be on screen as the text they are.
 */

const names = acceptedOneLine(MAX_CELL_CHARS);
const notes = acceptedFreeText(2000);
/** The customer every collector action is recorded on: it owes the most, so it heads the worklist. */
const showcase = INJECTION_CORPUS.find((c) => c.id === 'img-onerror')!;
const value = (id: string): string => INJECTION_CORPUS.find((c) => c.id === id)!.value;
/** Short one-line values for fields limited to 80–120 characters. */
const short = INJECTION_CORPUS.filter((c) => fitsOneLine(c.value, 80)).map((c) => c.value.trim());

async function seed(core: CoreClient): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-injection-'));
  try {
    for (const [file, text, preset] of [
      ['customers.csv', customersCsv(names), 'generic-customers'],
      ['invoices.csv', invoicesCsv(names, showcase), 'generic-invoices'],
    ] as const) {
      writeFileSync(join(dir, file), text);
      const { fileId } = await core.stageFile(join(dir, file));
      await core.dispatch('import.run', { jobId: `job-${preset}`, fileId, preset });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { customerId } = (await core.dispatch('customer.lookup', { externalId: customerIdOf(showcase) })) as { customerId: number };
  const [invoice] = (await core.dispatch('customer.invoices', { customerId, openOnly: true })) as { id: number }[];
  for (const [index, name] of short.entries()) {
    await core.dispatch('contacts.save', { customerId, name, email: `c${index}@customer.example`, phone: name.slice(0, 60), role: 'ap' });
  }
  const note = notes
    .filter((c) => ['html', 'template', 'markdown', 'header'].includes(c.category))
    .map((c) => c.value)
    .join('\n')
    .slice(0, 2000);
  // Due today, so the customer stays in the queue (a promise not yet due takes it out until then).
  await core.dispatch('activity.recordPromise', {
    customerId,
    amountMinor: 10_000,
    currency: 'USD',
    promisedDate: localToday(),
    invoiceIds: [invoice!.id],
    note,
  });
  await core.dispatch('activity.openDispute', { customerId, invoiceIds: [invoice!.id], reasonCode: 'other', owner: value('script'), note });
  await core.dispatch('activity.createPlan', {
    customerId,
    label: value('svg-onload'),
    currency: 'USD',
    installments: [{ dueDate: '2099-02-01', amountMinor: 5000 }],
    note,
  });
  await core.dispatch('customer.assign', { customerId, collector: value('iframe-srcdoc'), newCollector: true, note });
  for (const c of notes) {
    await core.dispatch('activity.logCall', { customerId, outcome: 'reached', notes: c.value });
    await core.dispatch('activity.addNote', { customerId, text: c.value });
  }
  // The newest entries, shown first in the timeline.
  await core.dispatch('activity.logCall', { customerId, outcome: 'reached', notes: value('mustache-delimiters') });
  await core.dispatch('activity.addNote', { customerId, text: value('script') });
  await core.dispatch('templates.save', {
    // About the showcase's dispute: its only invoice is disputed and promised, which holds any reminder.
    id: 'injection',
    name: value('script'),
    purpose: 'dispute',
    tone: 'friendly',
    subject: `${value('img-onerror')} {{customer.name}}`,
    body: `${value('script')} Dear {{contact.name}} of {{customer.name}},\n\n${value('markdown-raw-html')}\n\n[Pay](javascript:alert(1)) <iframe srcdoc="x"></iframe>\n\n{{{invoiceTable}}}\n\n{{#videoMemoUrl}}{{{videoMemo}}}{{/videoMemoUrl}}\n\n{{sender.name}}, {{company.name}}`,
  });
  await core.dispatch('settings.outreach.save', {
    senderName: value('svg-onload'),
    senderRole: value('js-url'),
    companyName: value('attr-breakout'),
    senderPhone: value('sql-drop').slice(0, 60),
    messagesPerMinute: 6000,
  });
  await core.dispatch('settings.smtp.save', {
    host: '127.0.0.1',
    port: 2525,
    security: 'none',
    fromAddress: 'ar@northwind.example',
    fromName: value('mustache-name'),
  });
}

/** Records, from before the app's first script, every element that could run or load something. */
async function watchTheDom(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as unknown as { __injected: string[] }).__injected = found;
    const inspect = (element: Element): void => {
      // The page's own head (its script and style sheet) is parsed before anything is shown.
      if (!document.body?.contains(element)) return;
      const tag = element.tagName.toLowerCase();
      const handler = [...element.attributes].find((a) => a.name.startsWith('on'));
      const scriptUrl = [...element.attributes].find(
        (a) => /^\s*(javascript|vbscript|data:text\/html)/i.test(a.value) && ['href', 'src', 'action', 'formaction', 'srcdoc', 'xlink:href'].includes(a.name),
      );
      const ownFrame = tag === 'iframe' && element.getAttribute('data-testid') === 'message-frame' && element.getAttribute('sandbox') === '';
      if (handler || scriptUrl || ['script', 'object', 'embed', 'frame', 'base', 'meta', 'link', 'style'].includes(tag) || (tag === 'iframe' && !ownFrame)) {
        found.push(element.outerHTML.slice(0, 160));
      }
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes' && record.target instanceof Element) inspect(record.target);
        for (const node of record.addedNodes) {
          if (node instanceof Element) [node, ...node.querySelectorAll('*')].forEach(inspect);
        }
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

/** The preview frame's document holds nothing that runs, and shows the values as text. */
async function expectInertFrame(page: Page): Promise<void> {
  const frame = page.frameLocator('[data-testid="message-frame"]');
  await expect(frame.locator('body')).toContainText('Dear');
  await expect(frame.locator('script, iframe, object, embed, svg, [onerror], [onload], [onclick], [onmouseover], a[href^="javascript:" i]')).toHaveCount(0);
}

/**
 * Playwright injects the DOM watcher into every frame, and the sandboxed preview frame refuses it with
 * this message; the frame's own document is checked for scripts directly (expectInertFrame).
 */
const WATCHER_REFUSED = "Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed and the 'allow-scripts' permission is not set.";

test('the injection corpus, stored everywhere, is shown as text on every screen and runs nothing', async ({ browser, app }) => {
  // Not the fixture's page: it would count the watcher's refusal above as a console error.
  const page = await browser.newPage();
  await app.signIn(page);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text() !== WATCHER_REFUSED && !message.text().startsWith('Failed to load resource'))
      problems.push(message.text());
  });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await watchTheDom(page);
  await seed(app.core);
  await page.goto(app.url);

  // Worklist: the showcase customer was worked today (its calls and notes), so it is on the Today
  // list rather than in the queue, its name as text; the queue and pane show the other hostile names.
  await expect(page.getByTestId('worklist-list')).toBeVisible({ timeout: 20_000 });
  const first = await page.getByTestId('worklist-row').first().locator('.queue-name').innerText();
  await expect(page.getByTestId('worklist-pane')).toContainText(first);
  const worked = page.getByTestId('today-item').filter({ hasText: showcase.value });
  await expect(worked).toHaveAttribute('data-done', 'true');

  // Customer page: every collector entry in the timeline, the contacts, the commitments.
  await worked.getByRole('button').click();
  const customer = page.getByTestId('customer-page');
  await expect(customer).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText(value('script'));
  await expect(page.getByTestId('timeline')).toContainText(value('mustache-delimiters'));
  await expect(page.getByTestId('contacts')).toContainText(value('sql-drop'));
  await expect(page.getByTestId('commitments')).toContainText(value('svg-onload'));
  await page.getByTestId('timeline').evaluate((element) => element.scrollTo(0, element.scrollHeight));

  // Customers list.
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await expect(page.getByRole('main')).toContainText(showcase.value);

  // Template editor and the sandboxed HTML preview, for customers named with a script and the like.
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page
    .getByTestId('template-list')
    .getByRole('button', { name: value('script') })
    .click();
  await expect(page.getByLabel('Subject')).toHaveValue(`${value('img-onerror')} {{customer.name}}`);
  // Previews are for customers in today's queue: the worked showcase is on Today's list instead (its
  // name is checked on every other screen), and its value is still the template's subject.
  for (const id of ['script', 'iframe-srcdoc', 'mustache-name']) {
    await page.getByLabel('Preview for').selectOption({ label: value(id).trim() });
    await expectInertFrame(page);
    await expect(page.getByTestId('message-preview').locator('.message-head')).toContainText(`${value('img-onerror')} ${value(id).trim()}`);
  }

  // Bulk send: tick the first rows of the worklist and preview their messages.
  await page.keyboard.press('g');
  await page.keyboard.press('w');
  await expect(page.getByTestId('worklist-list')).toBeVisible();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('x');
    await page.keyboard.press('j');
  }
  await page.keyboard.press('e');
  const bulk = page.getByTestId('bulk-send');
  // It opens on the first reminder's preview; Back chooses another template.
  await bulk.getByRole('button', { name: 'Back' }).click();
  await bulk.getByLabel('Template').selectOption({ label: value('script') });
  await bulk.getByRole('button', { name: /^Preview/ }).click();
  await expect(page.getByTestId('bulk-list').locator('li')).toHaveCount(4);
  await expectInertFrame(page);
  await page.keyboard.press('Escape');

  // Reports: the aging table by customer, then a drill-down listing the invoices by number.
  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await expect(page.getByTestId('aging-table')).toContainText(showcase.value);
  await page.getByRole('tab', { name: 'Trends & KPIs' }).click();
  await page.getByTestId('kpi-pastDuePct').click();
  await expect(page.getByTestId('drilldown').getByTestId('drilldown-table')).toContainText(value('script'));
  await page.keyboard.press('Escape');

  // Settings: the sender's and the mailbox's text in their fields.
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  const fieldValues = () => page.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  await expect.poll(fieldValues).toContain(value('svg-onload'));
  await expect.poll(fieldValues).toContain(value('js-url'));
  await expect(page.getByTestId('signer-people')).toContainText(value('svg-onload'));

  expect(problems).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __injected: string[] }).__injected)).toEqual([]);
  await page.close();
});

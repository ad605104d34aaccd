import type { Page } from '@playwright/test';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/api';
import { DEFAULT_POLICY } from '../../shared/outreach/default-policy';
import type { LadderPolicy } from '../../shared/outreach/ladder';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';
import { openDesk } from '../helpers/team-desk';
import { expect, openWithSample, test } from './fixtures';

/**
 * Two desks against a real PostgreSQL: Sam's edits of a contact, a collector, a policy and a template
 * reach the server after this desk's own, win, and this desk says so beside each value ("Sam
 * changed this contact's email … after you"), the replaced value one key press away.
 */
let server: PostgresServer;
test.beforeAll(async () => {
  server = await startPostgres();
});
test.afterAll(() => server.stop());

const SHOTS = '/tmp/shots-team-shared';
const strategic = (name: string): LadderPolicy => ({ ...DEFAULT_POLICY, id: 'strategic', name, segments: ['Enterprise'] });

async function shots(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((value) => document.documentElement.setAttribute('data-theme', value), theme);
    await page.screenshot({ path: `${SHOTS}/${name}-${theme}.png` });
  }
}

test("another desk's later edits are shown where this desk's were", async ({ page, app }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const database = await server.createDatabase('e2e_overwrites');
  const dana = <P extends ProcedureName>(name: P, input: ProcedureInput<P>) => app.core.dispatch(name, input) as Promise<ProcedureOutput<P>>;
  await openWithSample(page, app.url);
  const connection = { host: server.host, port: server.port, database, user: server.user, password: server.password };
  await dana('settings.team.save', { ...connection, collector: 'Dana' });
  await dana('team.join', {});
  const sam = await openDesk(server, database, { collector: 'Sam', book: false, clock: () => new Date() });
  try {
    await sam.core.call('sample.load', {});
    await sam.core.call('team.join', {});
    const [row] = (await dana('worklist.list', { limit: 1 })).rows;
    const [contact] = await dana('contacts.list', { customerId: row!.customerId });
    const samCustomer = (await sam.core.call('customer.lookup', { externalId: row!.externalId })).customerId;
    const samContact = (await sam.core.call('contacts.list', { customerId: samCustomer })).find((c) => c.name === contact!.name)!;
    const fields = { name: contact!.name, role: contact!.role, isPrimary: contact!.isPrimary };
    const template = {
      id: 'gentle-nudge',
      language: 'en' as const,
      name: 'Gentle nudge',
      purpose: 'reminder' as const,
      tone: 'friendly' as const,
      body: 'Hi {{contact.firstName}}.',
    };

    await dana('contacts.save', { ...fields, customerId: row!.customerId, contactId: contact!.id, email: 'ap@dana-desk.example' });
    await dana('customer.assign', { customerId: row!.customerId, collector: 'Dana', newCollector: true });
    await dana('ladder.savePolicy', strategic('Strategic accounts'));
    await dana('templates.save', { ...template, subject: 'A gentle nudge' });
    await dana('team.sync', {});
    await sam.core.call('contacts.save', { ...fields, customerId: samCustomer, contactId: samContact.id, email: 'payables@sam-desk.example' });
    await sam.core.call('customer.assign', { customerId: samCustomer, collector: 'Sam', newCollector: true });
    await sam.core.call('ladder.savePolicy', strategic('Strategic <key> accounts'));
    await sam.core.call('templates.save', { ...template, subject: 'About {{oldestInvoice.number}}' });
    await sam.core.call('team.sync', {});
    await dana('team.sync', {});

    // The customer page: the contact's and the collector's notes, by keyboard.
    await page.keyboard.press('Control+k');
    await page.keyboard.type(row!.name);
    await expect(page.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first()).toContainText(row!.name);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('customer-page')).toBeVisible();
    const contactNote = page.getByTestId('contacts').getByTestId('overwrite-note');
    await expect(contactNote).toContainText("Sam changed this contact's email");
    await expect(contactNote).toContainText('after you');
    await expect(page.getByTestId('customer-page').getByTestId('overwrite-note').first()).toContainText("Sam changed this customer's collector");
    await contactNote.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(contactNote).toContainText('ap@dana-desk.example');
    await expect(page.getByTestId('contacts')).toContainText('payables@sam-desk.example');
    await shots(page, 'customer-page');

    // Outreach → Ladder and Templates: the policy's and the template's notes.
    await page.keyboard.press('Escape');
    await page.locator('body').press('g');
    await page.locator('body').press('o');
    await page.getByRole('tab', { name: 'Ladder' }).click();
    await page
      .getByRole('navigation', { name: 'Policies' })
      .getByRole('button', { name: /Strategic <key> accounts/ })
      .click();
    const policyNote = page.getByTestId('policy-editor').getByTestId('overwrite-note');
    await expect(policyNote).toContainText("Sam changed this policy's name");
    await policyNote.locator('summary').click();
    await expect(policyNote).toContainText('Strategic accounts');
    await shots(page, 'ladder-policy');
    await page.getByRole('tab', { name: 'Templates' }).click();
    await page.getByTestId('template-list').getByRole('button', { name: 'Gentle nudge' }).click();
    const templateNote = page.getByTestId('template-form').getByTestId('overwrite-note');
    await expect(templateNote).toContainText("Sam changed this template's subject");
    await shots(page, 'template');
  } finally {
    await sam.dispose();
  }
});

import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { CHARGE_REF_PREFIX } from '../../shared/charges';
import { odooConnection, seedOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { expect, test } from './fixtures';

let server: OdooServer;
test.beforeEach(async () => {
  server = await startOdooServer();
  seedOdoo(server);
});
test.afterEach(async () => server.close());

/**
 * Shift+I on a customer page: the statement opens with the charges' invoice button focused; Enter
 * invoices the charges in Odoo and the push shows with Odoo's number. Light and dark at 1280×800,
 * and axe finds nothing serious on the panel.
 */
test('Shift+I then Enter invoices the charges in the ERP and shows its number', async ({ page, app }) => {
  await app.core.dispatch('sync.connection.save', odooConnection(server));
  await app.core.dispatch('sync.run', {});
  await app.core.dispatch('charges.savePolicies', {
    policies: [{ id: 'contract', name: 'Contract', segments: [], kind: 'contractual', rateBp: 150, ratePer: 'month', fixedFeeMinor: 4_000 }],
  });
  mkdirSync('/tmp/shots-charges-erp', { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(app.url);
  // Deco Addict owes the most: first in the worklist, selected.
  await expect(page.getByRole('option', { name: /Deco Addict/, selected: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer-page')).toBeVisible();

  await page.keyboard.press('Shift+I');
  const section = page.getByTestId('charges-push');
  const button = section.getByRole('button', { name: /Invoice charges in the ERP/ });
  await expect(button).toBeFocused();
  await expect(section).toContainText('None yet');
  await page.keyboard.press('Enter');
  await expect(section.getByRole('status')).toHaveText('Invoiced in the ERP.');
  const move = server.store.table('account.move').find((row) => String(row.ref).startsWith(CHARGE_REF_PREFIX));
  expect(move).toMatchObject({ state: 'posted' });
  await expect(section).toContainText(`Odoo ${String(move!.name)}`);
  await expect(section).toContainText(String(move!.ref));

  await page.screenshot({ path: '/tmp/shots-charges-erp/charges-push-light.png' });
  const light = await new AxeBuilder({ page }).include('[data-testid="statement-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/tmp/shots-charges-erp/charges-push-dark.png' });
  const dark = await new AxeBuilder({ page }).include('[data-testid="statement-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  const serious = [...light.violations, ...dark.violations].filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  expect(serious).toEqual([]);

  // Asked again: nothing new, and still one invoice in Odoo.
  await button.click();
  await expect(section.getByRole('status')).toContainText('Nothing new to invoice');
  expect(server.store.table('account.move').filter((row) => String(row.ref).startsWith(CHARGE_REF_PREFIX))).toHaveLength(1);
});

import { afterEach, beforeEach, expect, it } from 'vitest';
import { formatMoney } from '../../shared/money';
import { pdfText } from '../helpers/pdf-tools';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * A statement's printed words follow the customer's language, as its emails do (issue 23): German,
 * French and Spanish readers get their own labels, with their locale's amounts; English stays English.
 */
let t: TempCore;

beforeEach(async () => {
  t = tempCore();
  await t.core.call('import.run', {
    jobId: JOB(),
    preset: 'generic-customers',
    fileId: t.stageText('c.csv', 'Customer ID,Name,Currency\nC-DE,Müller GmbH,EUR\nC-FR,Dupont SARL,EUR\nC-ES,García SL,EUR\nC-EN,Acme Ltd,EUR\n'),
  });
  await t.core.call('import.run', {
    jobId: JOB(),
    preset: 'generic-invoices',
    fileId: t.stageText(
      'i.csv',
      [
        'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Open Balance,Currency',
        ...['DE', 'FR', 'ES', 'EN'].map((c) => `${c}-1,C-${c},2026-09-01,2026-10-01,1234.56,1234.56,EUR`),
      ].join('\n'),
    ),
  });
  await t.core.call('documents.saveCompany', { addressLines: ['1 Quay'], registrationId: 'R-1', taxId: 'T-1', bankDetails: ['IBAN X'] });
});
afterEach(() => t.dispose());

async function statementText(externalId: string, locale: string | null): Promise<string> {
  const { customerId } = await t.core.call('customer.lookup', { externalId });
  await t.core.call('customer.setLocale', { customerId, locale });
  const doc = await t.core.call('documents.statement', { customerId, asOf: '2026-11-22' });
  return pdfText(Buffer.from(doc.base64, 'base64'));
}

it.each([
  ['C-DE', 'de-DE', ['Kontoauszug', 'Gesamt EUR', 'Verzugstage', 'Nicht fällig', 'Zahlungsavis', 'Kundennr.', 'Seite 1 von 1'], 'Total due'],
  ['C-FR', 'fr-FR', ['Relevé de compte', 'Total dû EUR', 'Retard (j)', 'Non échu', 'Avis de paiement', 'N° client', 'Page 1 sur 1'], 'Total due'],
  ['C-ES', 'es-ES', ['Extracto de cuenta', 'Total EUR', 'Días mora', 'No vencido', 'Aviso de pago', 'N.º de cliente', 'Página 1 de 1'], 'Total due'],
  ['C-EN', 'en-IE', ['Statement of account', 'Total due EUR', 'Days overdue', 'Not yet due', 'Remittance advice', 'Customer no.', 'Page 1 of 1'], 'Gesamt'],
])('%s (%s) reads its statement in its own language', async (externalId, locale, words, foreign) => {
  const text = await statementText(externalId, locale);
  for (const word of words) expect(text, word).toContain(word);
  // Nothing cut short to fit its column.
  expect(text).not.toContain('…');
  expect(text).not.toContain(foreign);
  const total = text.split('\n').find((line) => line.includes(words[1]!));
  // pdftotext gives the locale's narrow and no-break spaces back as plain ones.
  expect(total).toContain(formatMoney(123_456, 'EUR', locale).replace(/[\u00a0\u202f]/g, ' '));
});

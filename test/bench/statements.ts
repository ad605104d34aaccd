import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openDatabase } from '../../electron/db/open';
import { startCoreWorker } from '../../electron/hosts/core-client';

/**
 * P10: statements to PDF for a thousand customers (3 to 12 open items each, a postal address, a
 * letterhead), made by the core in its worker thread as the app makes them, while the host's event
 * loop is watched: the window's side of the app must stay responsive however long the job runs.
 */
function seed(dbPath: string, key: Buffer, customers: number): void {
  const db = openDatabase(dbPath, key);
  const now = new Date().toISOString();
  const { sqlite } = db;
  sqlite.transaction(() => {
    const customer = sqlite.prepare(
      "INSERT INTO customers (source, external_id, name, currency, postal_address, created_at, updated_at) VALUES ('bench', ?, ?, 'EUR', ?, ?, ?)",
    );
    const invoice =
      sqlite.prepare(`INSERT INTO invoices (customer_id, source, external_id, number, issue_date, due_date, currency, amount_minor, open_minor, status, created_at, updated_at)
      VALUES (?, 'bench', ?, ?, ?, ?, 'EUR', ?, ?, 'open', ?, ?)`);
    for (let c = 1; c <= customers; c++) {
      const address = JSON.stringify([`Attn. Accounts Payable`, `${c} Rue de l'Église`, `75001 Paris`, 'France']);
      const id = Number(customer.run(`S${c}`, `Bénéficiaire Société ${c} SARL`, address, now, now).lastInsertRowid);
      for (let i = 0; i < 3 + (c % 10); i++) {
        const month = String(1 + ((c + i) % 11)).padStart(2, '0');
        invoice.run(id, `S${c}-${i}`, `INV-${c}-${i}`, `2026-${month}-01`, `2026-${month}-28`, 10_000 + c * 7 + i, 10_000 + c * 7 + i, now, now);
      }
    }
    sqlite.prepare("INSERT INTO settings (key, value) VALUES ('companyProfile', ?)").run(
      JSON.stringify({
        addressLines: ['12 Harbour Street', 'Dublin D02 X285', 'Ireland'],
        registrationId: 'IE 123456',
        taxId: 'IE9876543W',
        bankDetails: ['IBAN IE29 AIBK 9311 5212 3456 78 · BIC AIBKIE2D'],
        paper: 'a4',
      }),
    );
  })();
  void db.close();
}

export async function benchStatements(dir: string, count = 1_000): Promise<{ count: number; ms: number; lagP99: number; idleLagP99: number; bytes: number }> {
  const key = randomBytes(32);
  const dbPath = join(dir, 'statements.db');
  seed(dbPath, key, count);
  const core = await startCoreWorker(new URL('../../electron/hosts/core-worker.ts', import.meta.url), dbPath, key);
  await core.dispatch('settings.outreach.save', { companyName: 'Harbour Supplies Ltd', locale: 'fr-FR' });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const start = performance.now();
  const result = (await core.dispatch('documents.statements', { customerIds: Array.from({ length: count }, (_, i) => i + 1), asOf: '2026-12-01' })) as {
    base64: string;
    statements: number;
  };
  const ms = performance.now() - start;
  lag.disable();
  // The same host with the core idle, just after, for as long (30 s at most): what the machine alone costs it.
  const idle = monitorEventLoopDelay({ resolution: 10 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 30_000)));
  idle.disable();
  await core.close();
  if (result.statements !== count) throw new Error(`made ${result.statements} of ${count} statements`);
  console.log(`${`${count} statements to PDF`.padEnd(40)} ${ms.toFixed(0).padStart(8)} ms`);
  return { count, ms, lagP99: lag.percentile(99) / 1e6, idleLagP99: idle.percentile(99) / 1e6, bytes: Math.round((result.base64.length * 3) / 4) };
}

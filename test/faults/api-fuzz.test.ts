import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, PROCEDURE_NAMES } from '../../shared/api';
import { ERROR_CODES } from '../../shared/errors';
import { startCoreWorker, type CoreClient } from '../../electron/hosts/core-client';
import { startHttpHost, type HttpHost } from '../../electron/hosts/http';
import { inputWith, valueFields, type ValueKind } from '../helpers/schema-fields';

/**
 * Every procedure of the API, called over the loopback host with inputs no window would send: wrong
 * types, out-of-range numbers, impossible dates, huge and hostile strings. Each answer is a
 * structured error with a stable code (or a normal answer where the input happens to be valid),
 * never a 500, and the core is still answering at the end. And every date, currency code and
 * email address any procedure takes is judged by one shared schema: impossible or malformed values
 * are refused with INVALID_INPUT naming the field.
 */
let dir: string;
let core: CoreClient;
let host: HttpHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-fuzz-'));
  core = await startCoreWorker(new URL('../../electron/hosts/core-worker.ts', import.meta.url), join(dir, 'inflow.db'), randomBytes(32));
  host = await startHttpHost(core, dir);
  await core.dispatch('sample.load', {});
});
afterAll(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Seeded, so a failure names an input that reproduces. */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296;
}

const HOSTILE = [
  '',
  ' ',
  'x'.repeat(100_000),
  '<script>alert(1)</script>',
  '{{{customer.name}}}',
  'a\r\nBcc: evil@example.com',
  '\u0000',
  '\u202eRTL',
  '💸',
  '2026-02-30',
  '-1',
  'NaN',
  '__proto__',
];
const FIELDS = [
  'customerId',
  'id',
  'invoiceIds',
  'asOf',
  'from',
  'to',
  'limit',
  'offset',
  'templateId',
  'fileId',
  'jobId',
  'amountMinor',
  'currency',
  'promisedDate',
  'draft',
  'messages',
  'policy',
  'steps',
  'status',
  'batchId',
  'messageId',
  'action',
  'channel',
  'text',
  'name',
  'host',
  'port',
  'password',
  'externalId',
];

function junk(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 2 ? 6 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return HOSTILE[Math.floor(random() * HOSTILE.length)];
    case 2:
      return [-1, 0, 1.5, 2 ** 53, -(2 ** 60), Number.MAX_VALUE][Math.floor(random() * 6)];
    case 3:
      return random() < 0.5;
    case 4:
      return 'INV-000123';
    case 5:
      return 7;
    case 6:
      return Array.from({ length: Math.floor(random() * 4) }, () => junk(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: 1 + Math.floor(random() * 5) }, () => [FIELDS[Math.floor(random() * FIELDS.length)]!, junk(random, depth + 1)]),
      );
  }
}

async function rpc(name: string, body: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(`/api/rpc/${name}`, host.url), {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', 'X-Inflow-Token': host.token },
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

it("answers every procedure's invalid input with a structured error, never a 500 or a crash", { timeout: 240_000 }, async () => {
  const random = generator(20_261_201);
  const failures: string[] = [];
  let refused = 0;
  for (const name of PROCEDURE_NAMES) {
    // The long jobs that would rewrite the whole book (reload the sample) are exercised elsewhere.
    if (name === 'sample.load') continue;
    const bodies = ['null', '[]', '"x"', '42', '{"__proto__": {"polluted": true}}', '{', ...Array.from({ length: 12 }, () => JSON.stringify(junk(random)))];
    for (const body of bodies) {
      const { status, json } = await rpc(name, body);
      const error = (json as { error?: { code?: string } } | null)?.error?.code;
      if (status >= 500 || (status >= 400 && !(ERROR_CODES as readonly string[]).includes(error ?? '')) || error === 'INTERNAL') {
        failures.push(`${name} ${body.slice(0, 120)} → ${status} ${JSON.stringify(json).slice(0, 200)}`);
      }
      if (status >= 400) refused += 1;
    }
  }
  expect(failures).toEqual([]);
  expect(refused).toBeGreaterThan(PROCEDURE_NAMES.length * 10);
  expect((await rpc('app.status', '{}')).status).toBe(200);
});

/** Values each shared schema must refuse, and one it must let through (to show the refusal is the value's). */
const INVALID: Record<ValueKind, { bad: string[]; good: string }> = {
  date: { bad: ['2026-02-31', '2026-13-45', '0000-00-00', '2025-02-29', '2026-2-3', '20260101', '2026-01-01T00:00:00Z', ''], good: '2026-02-28' },
  currency: { bad: ['usd', 'XYZ', 'US', 'EURO', ''], good: 'USD' },
  email: {
    bad: [
      '(comment)ap@acme.example',
      'ap@acme.example(comment)',
      'group: ap@acme.example;',
      '"quoted"@acme.example',
      'ap@acme.example\\',
      'Jane <ap@acme.example>',
      'ap@b@acme.example',
      'ap@acme.example, ar@acme.example',
      'ap@acme',
    ],
    good: 'ap@acme.example',
  },
};

it('refuses impossible dates, unknown currencies and anything but a plain address with INVALID_INPUT, in every procedure', { timeout: 240_000 }, async () => {
  const problems: string[] = [];
  let checked = 0;
  for (const name of PROCEDURE_NAMES) {
    const { fields, strays } = valueFields(api[name].input);
    problems.push(...strays.map((stray) => `${name}: ${stray}`));
    for (const field of fields) {
      const at = field.path.join('.');
      const issuesFor = async (value: string) => {
        const { status, json } = await rpc(name, JSON.stringify(inputWith(field, value)));
        const error = (json as { error?: { code?: string; details?: { issues?: { path: string }[] } } }).error;
        return { status, code: error?.code, paths: (error?.details?.issues ?? []).map((issue) => issue.path) };
      };
      for (const bad of INVALID[field.kind].bad) {
        const answer = await issuesFor(bad);
        checked += 1;
        const named = answer.paths.some((path) => path === at || path.startsWith(`${at}.`));
        if (answer.status !== 400 || answer.code !== 'INVALID_INPUT' || !named)
          problems.push(`${name} ${at}=${JSON.stringify(bad)} → ${answer.status} ${answer.code} ${answer.paths.join(',')}`);
      }
      const good = await issuesFor(INVALID[field.kind].good);
      if (good.paths.some((path) => path === at)) problems.push(`${name} ${at}=${INVALID[field.kind].good} was refused`);
    }
  }
  expect(problems).toEqual([]);
  expect(checked).toBeGreaterThan(100);
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requestJson } from '../../electron/core/sync/erp-http';

/** A server that answers each request with the next scripted reply. */
let server: Server | null = null;
async function scripted(replies: { status: number; headers?: Record<string, string>; body: string }[]): Promise<string> {
  let next = 0;
  server = createServer((_req, res) => {
    const reply = replies[Math.min(next++, replies.length - 1)]!;
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Records every wait instead of waiting it. */
function recorder(): { waits: number[]; wait: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, wait: async (ms) => void waits.push(ms) };
}

describe('requestJson retries', () => {
  it('waits as long as Retry-After says on a 429, not the default backoff', async () => {
    const url = await scripted([
      { status: 429, headers: { 'retry-after': '7' }, body: '{}' },
      { status: 200, body: '{"ok":true}' },
    ]);
    const { waits, wait } = recorder();
    expect(await requestJson(url, {}, new AbortController().signal, { wait })).toEqual({ status: 200, body: { ok: true } });
    expect(waits).toEqual([7000]);
  });

  it('a 429 without Retry-After and a 500 wait the default backoff, in order', async () => {
    const url = await scripted([
      { status: 429, body: '{}' },
      { status: 503, body: '{}' },
      { status: 200, body: '[]' },
    ]);
    const { waits, wait } = recorder();
    await requestJson(url, {}, new AbortController().signal, { wait });
    expect(waits).toEqual([250, 1000]);
  });

  it('a Retry-After longer than a minute is not waited for: the sync fails now and the scheduler retries later', async () => {
    const url = await scripted([{ status: 429, headers: { 'retry-after': '3600' }, body: '{}' }]);
    const { waits, wait } = recorder();
    await expect(requestJson(url, {}, new AbortController().signal, { wait })).rejects.toMatchObject({
      code: 'SYNC_FAILED',
      message: expect.stringMatching(/limiting requests \(HTTP 429\)/),
    });
    expect(waits).toEqual([]);
  });
});

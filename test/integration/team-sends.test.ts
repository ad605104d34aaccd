import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * No reminder twice across desks: each send is claimed on the team server first, and a desk that
 * cannot reach the server holds its team sends, saying why, until it can. Real PostgreSQL, real SMTP.
 */
let server: PostgresServer;
let sink: SmtpSink;
let desks: TeamDesk[];
let now: Date;
let n = 0;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());
beforeEach(async () => {
  sink = await startSmtpSink();
  now = new Date('2026-11-22T15:00:00Z');
  desks = [];
});
afterEach(async () => {
  await Promise.all(desks.map((desk) => desk.dispose()));
  await sink.close();
});

async function sendingDesks(...collectors: string[]): Promise<TeamDesk[]> {
  const database = await server.createDatabase(`sends_${++n}`);
  for (const collector of collectors) {
    const desk = await openDesk(server, database, { collector, sendMail: true, clock: () => now });
    desks.push(desk);
    await desk.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
    await desk.core.call('settings.outreach.save', { senderName: collector, companyName: 'Northwind', messagesPerMinute: 600 });
    await desk.core.call('team.join', {});
  }
  return desks;
}

const queueReminder = async (desk: TeamDesk) => {
  const { customerId } = await desk.core.call('customer.lookup', { externalId: 'C-001' });
  return desk.core.call('outreach.queue', { messages: [{ customerId, templateId: 'first-reminder' }] });
};
const settled = async (desk: TeamDesk) => {
  await vi.waitFor(
    async () => {
      const counts = await desk.core.call('outbox.counts', {});
      expect(counts.queued + counts.sending).toBe(0);
    },
    { timeout: 15_000, interval: 20 },
  );
  return desk.core.call('outbox.list', {});
};

it('two desks racing to send the same reminder: one message; the other desk says who sent it', async () => {
  const [maya, sam] = await sendingDesks('Maya', 'Sam');
  await Promise.all([queueReminder(maya!), queueReminder(sam!)]);
  const rows = [...(await settled(maya!)), ...(await settled(sam!))];
  expect(sink.received).toHaveLength(1);
  expect(rows.map((row) => row.status).sort()).toEqual(['cancelled', 'sent']);
  // Each desk signs as its collector: the message that arrived names the winner.
  const winner = sink.received[0]!.mail.from!.value[0]!.name;
  expect(rows.find((row) => row.status === 'cancelled')).toMatchObject({
    lastError: `Another desk of the team sent this reminder first, so this one was not sent (${winner}).`,
  });
});

it('without the server a team desk holds its sends and says why; they go once it reconnects', async () => {
  const [maya] = await sendingDesks('Maya');
  server.pause();
  try {
    await queueReminder(maya!);
    await vi.waitFor(
      async () => {
        const [row] = await maya!.core.call('outbox.list', {});
        expect(row).toMatchObject({ status: 'queued', lastError: expect.stringMatching(/team server cannot be reached: team sends wait/) });
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(sink.received).toHaveLength(0);
  } finally {
    server.resume();
  }
  now = new Date(now.getTime() + 61_000);
  await maya!.core.call('outbox.pause', { paused: false });
  const [row] = await settled(maya!);
  expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  expect(sink.received).toHaveLength(1);
});

it('a solo desk sends as it always did, with no server at all', async () => {
  const database = await server.createDatabase(`sends_${++n}`);
  const solo = await openDesk(server, database, { collector: 'Lee', sendMail: true, clock: () => now });
  desks.push(solo);
  await solo.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  await solo.core.call('settings.outreach.save', { senderName: 'Lee', companyName: 'Northwind', messagesPerMinute: 600 });
  server.pause();
  try {
    await queueReminder(solo);
    expect((await settled(solo))[0]).toMatchObject({ status: 'sent' });
  } finally {
    server.resume();
  }
});

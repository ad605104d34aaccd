import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../electron/core/inbox/classify/classify-message';
import { readMessage } from '../../electron/core/inbox/mime/inbound-message';

/** Real bounces and answers from many servers (test/fixtures/inbox-corpus/README.md), each with what it should be read as. */
const corpus = join(import.meta.dirname, '..', 'fixtures', 'inbox-corpus');

interface PublicExpectation {
  kind: string;
  status?: string | null;
  permanent?: boolean | null;
  holdout: boolean;
}

function read(path: string) {
  return classifyMessage(readMessage(readFileSync(path)), '2026-01-01');
}

/** Share of the public corpus read right, per measure; the held-out quarter was never tuned on. */
function score(holdout: boolean) {
  const expected = JSON.parse(readFileSync(join(corpus, 'sisimai-expected.json'), 'utf8')) as Record<string, PublicExpectation>;
  const tally = { files: 0, kind: 0, statuses: 0, status: 0, permanents: 0, permanent: 0, bounces: 0, recipient: 0, misses: [] as string[] };
  for (const [file, want] of Object.entries(expected)) {
    if (want.holdout !== holdout) continue;
    tally.files += 1;
    const got = read(join(corpus, 'sisimai', file));
    if (got.kind !== want.kind) {
      tally.misses.push(`${file}: ${got.kind}, expected ${want.kind}`);
      continue;
    }
    tally.kind += 1;
    if (want.kind !== 'bounce' || !got.bounce) continue;
    tally.bounces += 1;
    if (got.bounce.recipient) tally.recipient += 1;
    // sisimai's X.0.9nn codes stand for "the message gave none": only their class is a fact.
    if (want.status && !/\.0\.9\d\d$/.test(want.status)) {
      tally.statuses += 1;
      if (got.bounce.status === want.status) tally.status += 1;
    }
    if (want.permanent !== null && want.permanent !== undefined) {
      tally.permanents += 1;
      if (got.bounce.permanent === want.permanent) tally.permanent += 1;
    }
  }
  return tally;
}

describe('inbox classification over real-world mail', () => {
  for (const [label, holdout] of [
    ['tuned-on', false],
    ['held-out', true],
  ] as const) {
    it(`reads the ${label} part of the public corpus`, () => {
      const t = score(holdout);
      console.log(
        `${label}: ${t.files} files; kind ${t.kind}/${t.files}; status ${t.status}/${t.statuses}; permanent ${t.permanent}/${t.permanents}; recipient named ${t.recipient}/${t.bounces}`,
      );
      expect(t.files).toBeGreaterThan(100);
      expect(t.kind / t.files, t.misses.join('\n')).toBeGreaterThanOrEqual(0.93);
      expect(t.status / t.statuses).toBeGreaterThanOrEqual(0.9);
      expect(t.permanent / t.permanents).toBeGreaterThanOrEqual(0.93);
      expect(t.recipient / t.bounces).toBeGreaterThanOrEqual(0.97);
    });
  }

  it('reads a DSN exactly: recipient, status, permanence and the returned message', () => {
    const got = read(join(corpus, 'sisimai', 'lhost-postfix-01.eml'));
    expect(got.kind).toBe('bounce');
    expect(got.bounce).toMatchObject({ recipient: 'r@p351355.pool.example.ne.jp', status: '5.1.1', permanent: true, delayed: false });
  });

  const written = JSON.parse(readFileSync(join(corpus, 'written-expected.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  for (const [file, want] of Object.entries(written)) {
    it(`reads ${file}`, () => {
      const got = read(join(corpus, 'written', file));
      expect(got.kind).toBe(want.kind);
      if ('returnDate' in want) expect(got.autoReply?.returnDate ?? null).toBe(want.returnDate);
      if ('alternative' in want) expect(got.autoReply?.alternative ?? null).toEqual(want.alternative);
      if ('intent' in want) expect(got.reply?.intent).toBe(want.intent);
      if ('promiseDate' in want) expect(got.reply?.promiseDate).toBe(want.promiseDate);
      if ('amount' in want) expect(got.reply?.amount).toEqual(want.amount);
      if (got.kind !== 'reply' && got.kind !== 'other') expect(got.evidence.length).toBeGreaterThan(0);
    });
  }
});

describe('the worklist reason for a reply', () => {
  it('reads "Replied 2 h ago"', async () => {
    const { describeReason } = await import('../../shared/worklist');
    expect(describeReason({ code: 'replied', at: '2026-11-22T10:00:00Z' }, '2026-11-22', 'en-US', new Date('2026-11-22T12:05:00Z'))).toBe('Replied 2 h ago');
  });
});

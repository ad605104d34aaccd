import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ledgerFollowedUp, noteLedgerFollowedUp, noteLedgerWritten } from '../../electron/core/ledger/follow-up';
import { objectParts, packPart, partText, unpackPart } from '../../electron/core/team/snapshot-part';

describe("a team snapshot's part (format 2)", () => {
  it('carries column names and a flat array of values, gzipped, and comes back the same', async () => {
    const rows = { columns: ['id', 'number', 'open_minor', 'closed_date'], values: [1, 'INV-1', 1250, null, 2, 'INV-2 “é”', 0, '2026-11-01'] };
    const packed = await packPart(partText(rows));
    expect(packed.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(await unpackPart(packed)).toEqual(rows);
  });

  it('is made from objects (the shared tables) in parts of the size asked, a missing value as null', () => {
    const parts = objectParts(
      [
        { id: 1, note: 'a' },
        { id: 2, note: undefined },
        { id: 3, note: 'c' },
      ],
      2,
    );
    expect(parts).toEqual([
      { columns: ['id', 'note'], values: [1, 'a', 2, null] },
      { columns: ['id', 'note'], values: [3, 'c'] },
    ]);
    expect(objectParts([], 2)).toEqual([]);
  });

  it('refuses a part of another shape rather than loading it wrong', async () => {
    await expect(unpackPart(gzipSync(JSON.stringify([{ id: 1 }])))).rejects.toThrow(/not in the shape/);
    await expect(unpackPart(Buffer.from('not gzip'))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/snapshot on the server could not be read/),
    });
    await expect(unpackPart(gzipSync(JSON.stringify({ columns: ['a', 'b'], values: [1, 2, 3] })))).rejects.toThrow(/not in the shape/);
  });
});

describe('ledger writes awaiting their follow-up (risk, queue)', () => {
  // Kept per connection: any object stands for one here.
  type Connection = Parameters<typeof ledgerFollowedUp>[0];
  it('are pending from the write until re-scored by customer or learned again whole', () => {
    const sqlite = {} as Connection;
    expect(ledgerFollowedUp(sqlite)).toBe(true);
    noteLedgerWritten(sqlite, [1, 2]);
    noteLedgerWritten(sqlite, [3]);
    noteLedgerFollowedUp(sqlite, [1, 2]);
    // Another writer's customer is still waiting (an ERP sync between its pages).
    expect(ledgerFollowedUp(sqlite)).toBe(false);
    noteLedgerFollowedUp(sqlite, [3]);
    expect(ledgerFollowedUp(sqlite)).toBe(true);
    noteLedgerWritten(sqlite, [4]);
    expect(ledgerFollowedUp({} as Connection)).toBe(true);
    noteLedgerFollowedUp(sqlite);
    expect(ledgerFollowedUp(sqlite)).toBe(true);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { readActivityBody } from '../../electron/core/activity/activity-body';
import { setLogSink } from '../../electron/log/log';

afterEach(() => setLogSink(null));

describe('an activity body read by its kind', () => {
  it('gives the kind its typed fields and keeps the ones it does not name', () => {
    expect(readActivityBody(1, 'call', JSON.stringify({ outcome: 'reached', notes: 'Will pay Friday', ladderStep: 'Call', durationSeconds: 60 }))).toEqual({
      kind: 'call',
      body: { outcome: 'reached', notes: 'Will pay Friday', ladderStep: 'Call', durationSeconds: 60 },
    });
  });

  it('is null, with an error in the log naming the activity and never its words, when the stored body does not fit', () => {
    const lines: Record<string, unknown>[] = [];
    setLogSink({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    expect(readActivityBody(42, 'discount_offered', JSON.stringify({ payBy: '2026-12-01', note: 'Call me, Jane' }))).toBeNull();
    expect(readActivityBody(43, 'a kind no version wrote', '{}')).toBeNull();
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', event: 'activity.body.unreadable', activityId: 42, kind: 'discount_offered', path: 'body.percentBp' }),
      expect.objectContaining({ level: 'error', event: 'activity.body.unreadable', activityId: 43 }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('Jane');
  });
});

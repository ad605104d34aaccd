import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/outreach/default-policy';
import type { LadderPolicy } from '../../shared/outreach/ladder';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/** Editing the ladder: what savePolicy refuses beyond the schema, deleting a policy, and the segments offered. */
let t: TempCore;
beforeEach(async () => {
  t = tempCore();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
});
afterEach(() => t.dispose());

const enterprise: LadderPolicy = {
  ...DEFAULT_POLICY,
  id: 'strategic',
  name: 'Strategic',
  segments: ['Enterprise'],
  steps: DEFAULT_POLICY.steps.filter((step) => step.offsetDays > 0).map((step) => ({ ...step, offsetDays: step.offsetDays + 7 })),
};
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code: string; message: string; details?: { issues: unknown[] } }) => error,
  );
const audit = () => t.query<{ action: string; entity_id: string }>("SELECT action, entity_id FROM audit_log WHERE entity = 'ladder_policy' ORDER BY id");

describe('ladder policies', () => {
  it('offers the segments customers are in, once each, sorted', async () => {
    expect(await t.core.call('customers.segments', {})).toEqual(['Enterprise', 'Mid-market', 'SMB']);
  });

  it('refuses a step whose template does not exist, naming the step and the field', async () => {
    const steps = enterprise.steps.map((step, index) => (index === 1 ? { ...step, templateId: 'no-such-template' } : step));
    const error = await refusal(t.core.call('ladder.savePolicy', { ...enterprise, steps }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { issues: [{ path: 'steps.1.templateId', message: 'no template "no-such-template"' }] } });
    expect(error?.message).toContain('Step 2 ("Firm reminder"), template: no template "no-such-template"');
    expect((await t.core.call('ladder.policies', {})).map((p) => p.id)).toEqual(['standard']);
  });

  it('refuses two steps on one day at the field, and a segment or "everyone else" another policy has', async () => {
    const sameDay = enterprise.steps.map((step, index) => (index === 2 ? { ...step, offsetDays: enterprise.steps[1]!.offsetDays } : step));
    expect(await refusal(t.core.call('ladder.savePolicy', { ...enterprise, steps: sameDay }))).toMatchObject({
      code: 'INVALID_INPUT',
      details: { issues: [{ path: 'steps.2.offsetDays', message: 'same day as step 2 ("Firm reminder"); two steps cannot fall on one day' }] },
    });
    // Every problem at once, not the same-day one only after the others are fixed.
    const alsoUnnamed = sameDay.map((step, index) => (index === 0 ? { ...step, label: ' ' } : step));
    expect((await refusal(t.core.call('ladder.savePolicy', { ...enterprise, steps: alsoUnnamed })))?.details?.issues).toEqual([
      { path: 'steps.0.label', message: 'give the step a name' },
      { path: 'steps.2.offsetDays', message: 'same day as step 2 ("Firm reminder"); two steps cannot fall on one day' },
    ]);
    await t.core.call('ladder.savePolicy', enterprise);
    expect(await refusal(t.core.call('ladder.savePolicy', { ...enterprise, id: 'big', name: 'Big', segments: ['SMB', 'Enterprise'] }))).toMatchObject({
      details: { issues: [{ path: 'segments.1', message: '"Enterprise" is already on the "Strategic" policy' }] },
    });
    expect(await refusal(t.core.call('ladder.savePolicy', { ...enterprise, id: 'other', name: 'Other', segments: [] }))).toMatchObject({
      details: { issues: [{ path: 'segments', message: '"Standard" already covers everyone else; choose the segments this policy is for' }] },
    });
  });

  it('deletes a saved policy with an audit entry; its customers fall back to the default, and the shipped Standard returns', async () => {
    await t.core.call('ladder.savePolicy', enterprise);
    await t.core.call('ladder.savePolicy', { ...DEFAULT_POLICY, name: 'House rules' });
    expect((await t.core.call('ladder.policies', {})).map((p) => p.name)).toEqual(['Strategic', 'House rules']);
    expect(await t.core.call('ladder.deletePolicy', { id: 'strategic' })).toEqual({ id: 'strategic' });
    expect(await t.core.call('ladder.deletePolicy', { id: 'standard' })).toEqual({ id: 'standard' });
    expect(await t.core.call('ladder.policies', {})).toEqual([DEFAULT_POLICY]);
    expect(audit()).toEqual([
      { action: 'ladder.save', entity_id: 'strategic' },
      { action: 'ladder.save', entity_id: 'standard' },
      { action: 'ladder.delete', entity_id: 'strategic' },
      { action: 'ladder.delete', entity_id: 'standard' },
    ]);
    expect(await refusal(t.core.call('ladder.deletePolicy', { id: 'standard' }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

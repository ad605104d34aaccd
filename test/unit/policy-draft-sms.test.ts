import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/outreach/default-policy';
import { checkDraft, copyOf, knownTemplateIds, templatesFor, withChannel, type TemplateChoices } from '../../renderer/src/features/outreach/policy-draft';

// The editor's check of a ladder step on the text channel, against the ids the core accepts.
const choices: TemplateChoices = {
  email: [
    { id: 'first-reminder', name: 'First reminder' },
    { id: 'final-notice', name: 'Final notice' },
  ],
  sms: [
    { id: 'payment-link', name: 'Text: payment link' },
    { id: 'final-text', name: 'Text: final notice' },
  ],
};
const base = copyOf(DEFAULT_POLICY);
const draft = { ...base, name: 'Texts too', segments: ['retail'], steps: base.steps.slice(1, 3) };

describe('ladder steps on the text channel', () => {
  it('offers text templates to an sms step and email templates to the others', () => {
    expect(templatesFor('sms', choices).map((t) => t.id)).toEqual(['payment-link', 'final-text']);
    expect(templatesFor('letter', choices).map((t) => t.id)).toEqual(['first-reminder', 'final-notice']);
    expect([...knownTemplateIds(choices)]).toEqual(['first-reminder', 'final-notice', 'sms:payment-link', 'sms:final-text']);
  });

  it('switching a step to Text picks a text template, and back to Email an email one', () => {
    const step = draft.steps[0]!;
    const text = withChannel(step, 'sms', choices);
    expect(text).toMatchObject({ channel: 'sms', templateId: 'payment-link' });
    expect(withChannel(text, 'email', choices)).toMatchObject({ channel: 'email', templateId: 'first-reminder' });
    expect(withChannel({ ...step, channel: 'sms', templateId: 'final-text' }, 'sms', choices).templateId).toBe('final-text');
  });

  it('accepts an sms step naming a text template and refuses one naming an email template', () => {
    const ids = knownTemplateIds(choices);
    const ok = { ...draft, steps: [draft.steps[0]!, withChannel(draft.steps[1]!, 'sms', choices)] };
    expect(checkDraft(ok, [DEFAULT_POLICY], ids).issues).toEqual([]);
    expect(checkDraft(ok, [DEFAULT_POLICY], ids).policy?.steps[1]).toMatchObject({ channel: 'sms', templateId: 'payment-link' });
    const wrong = { ...draft, steps: [draft.steps[0]!, { ...draft.steps[1]!, channel: 'sms' as const, templateId: 'first-reminder' }] };
    expect(checkDraft(wrong, [DEFAULT_POLICY], ids).issues).toEqual([{ path: 'steps.1.templateId', message: 'no text template "first-reminder"' }]);
  });
});

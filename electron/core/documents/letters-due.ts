import type { IsoDate } from '../../../shared/dates';
import type { DueLetter, HeldLetter, LetterDay } from '../../../shared/documents';
import type { DroppedInvoice } from '../../../shared/outreach/guard';
import { describeHold } from '../../../shared/outreach/guard-words';
import type { LadderExclusion, LadderStep } from '../../../shared/outreach/ladder';
import type { SqliteDb } from '../../db/sqlite';
import { readPolicies } from '../ladder/ladder-facts';
import { guardedLadderRun, messageHoldOf } from '../ladder/send-plan';

type PaperChannel = DueLetter['channel'];
const isPaper = (channel: string): channel is PaperChannel => channel === 'letter' || channel === 'agency_referral';

/**
 * The ladder's paper steps due today (a final demand is a letter step with the final-notice
 * template), through the one send guard (docs/ARCHITECTURE.md, Principles) like every email: a paid, in-transit,
 * disputed, promised or planned invoice is never in a letter, and a snoozed customer or stale ERP
 * data holds the letter. Called when the list is shown, again when the PDF is made, and again when
 * the letters are marked posted, so what changed in between is caught. The contact rhythm counts
 * emails only: paper is work for a person.
 */
export function letterDay(sqlite: SqliteDb, today: IsoDate, customerIds?: readonly number[]): LetterDay {
  const run = guardedLadderRun(sqlite, today, today, customerIds);
  const policies = readPolicies(sqlite);
  const stepOf = (policyId: string, stepId: string): LadderStep | undefined => policies.find((p) => p.id === policyId)?.steps.find((s) => s.id === stepId);
  const key = (customerId: number, channel: PaperChannel): string => `${customerId}|${channel}`;
  const excluded = new Map<string, { exclusion: LadderExclusion; step: LadderStep }[]>();
  for (const exclusion of run.excluded) {
    const step = stepOf(exclusion.policyId, exclusion.stepId);
    if (!step || !isPaper(step.channel)) continue;
    const k = key(exclusion.customerId, step.channel);
    excluded.set(k, [...(excluded.get(k) ?? []), { exclusion, step }]);
  }
  const droppedOf = (k: string): DroppedInvoice[] =>
    (excluded.get(k) ?? []).map(({ exclusion: { invoiceId, number, reason } }) => ({ invoiceId, number, reason }));
  const letters: DueLetter[] = [];
  for (const m of run.messages) {
    if (!isPaper(m.step.channel)) continue;
    const k = key(m.customerId, m.step.channel);
    letters.push({
      customerId: m.customerId,
      customerName: m.customerName,
      externalId: m.customerExternalId,
      stepLabel: m.step.label,
      channel: m.step.channel,
      templateId: m.step.templateId,
      senderRole: m.step.senderRole,
      invoiceIds: m.invoices.map((i) => i.invoiceId),
      invoiceNumbers: m.invoices.map((i) => i.number),
      dropped: droppedOf(k),
    });
    excluded.delete(k);
  }
  const held = [...excluded].map(([k, entries]): HeldLetter => {
    const [{ exclusion, step }] = entries as [(typeof entries)[number]];
    const dropped = droppedOf(k);
    const hold = messageHoldOf(dropped.map((d) => d.reason));
    // The most advanced step held names the letter that is not going.
    const lead = entries.reduce((most, entry) => (entry.step.offsetDays > most.step.offsetDays ? entry : most)).step;
    return {
      customerId: exclusion.customerId,
      customerName: exclusion.customerName,
      externalId: exclusion.customerExternalId,
      stepLabel: lead.label,
      channel: step.channel as PaperChannel,
      hold,
      message: describeHold(hold, { dropped, recent: [] }, today, 0),
      dropped,
    };
  });
  return { letters, held };
}

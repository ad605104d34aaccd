import type { ParsedInput, ProcedureName } from '../../../shared/api';
import { daysBetween } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { collectableInvoice, writeOffAmount } from '../activity/write-offs';
import { chargesReport } from '../charges/charges-report';
import { nowOf, todayOf, type CoreContext } from '../context';
import { parseProcedureInput } from '../dispatch';
import type { Handlers } from '../handler-types';
import { getSetting } from '../settings';
import { keepRequest, type HeldAction } from '../team/approval-requests';
import { beyondAuthority, percentOf, type ActionFacts } from '../team/authority-limits';
import type { ColumnsRow } from '../../db/typed-row';

type Guarded = 'activity.createPlan' | 'activity.offerDiscount' | 'activity.recordPromise' | 'charges.waive' | 'activity.writeOff';

const money = (minor: number, currency: string): string => formatMoney(minor, currency, 'en-US');

/**
 * Authority limits in front of the actions that have one. On a team desk whose collector is not a
 * manager, an action beyond their role's limit is not recorded: it becomes a request on the
 * managers' worklist, and the desk records it as asked once one approves (authority-exchange.ts).
 * A solo desk has no limits. The server's row-level security, not this guard, stops a member
 * from approving for themself.
 */
export function withAuthority(handlers: Handlers<ProcedureName>): Handlers<ProcedureName> {
  const guard =
    <P extends Guarded>(procedure: P, held: (input: ParsedInput<P>, ctx: CoreContext) => { facts: ActionFacts; customerId: number; summary: string }) =>
    async (input: ParsedInput<P>, ctx: CoreContext) => {
      await holdBeyondAuthority(ctx, procedure, input, held(input, ctx));
      return handlers[procedure](input, ctx);
    };
  return {
    ...handlers,
    // The amount is settled before the limit is judged: a request approved later writes off what was asked, not what is left then.
    'activity.writeOff': async (input, ctx) => {
      const invoice = collectableInvoice(ctx.database.sqlite, input.invoiceId);
      const amountMinor = writeOffAmount(invoice, input.amountMinor, (minor) => money(minor, invoice.currency));
      const asked = { ...input, amountMinor };
      await holdBeyondAuthority(ctx, 'activity.writeOff', asked, {
        facts: { kind: 'write_off', currency: invoice.currency, amountMinor },
        customerId: invoice.customerId,
        summary: `Approve write-off: ${money(amountMinor, invoice.currency)} of invoice ${invoice.number} for ${customerName(ctx, invoice.customerId)} (${input.reason})`,
      });
      return handlers['activity.writeOff'](asked, ctx);
    },
    'activity.createPlan': guard('activity.createPlan', (input, ctx) => {
      const total = input.installments.reduce((sum, i) => sum + i.amountMinor, 0);
      const [first] = input.installments;
      const even = input.installments.every((i) => i.amountMinor === first!.amountMinor);
      const shape = even
        ? `${input.installments.length} × ${money(first!.amountMinor, input.currency)}`
        : `${input.installments.length} installments, ${money(total, input.currency)} in all`;
      return {
        facts: { kind: 'plan', currency: input.currency, installments: input.installments.length, totalMinor: total },
        customerId: input.customerId,
        summary: `Approve plan: ${shape} for ${customerName(ctx, input.customerId)}`,
      };
    }),
    'activity.offerDiscount': guard('activity.offerDiscount', (input, ctx) => ({
      facts: { kind: 'discount', percentBp: input.percentBp },
      customerId: input.customerId,
      summary: `Approve discount: ${percentOf(input.percentBp)} if paid by ${input.payBy} for ${customerName(ctx, input.customerId)}`,
    })),
    'activity.recordPromise': guard('activity.recordPromise', (input, ctx) => ({
      facts: { kind: 'promise', daysOut: daysBetween(todayOf(ctx), input.promisedDate) },
      customerId: input.customerId,
      summary: `Approve promise: ${money(input.amountMinor, input.currency)} by ${input.promisedDate} for ${customerName(ctx, input.customerId)}`,
    })),
    'charges.waive': guard('charges.waive', (input, ctx) => {
      const { customerId, number, amountMinor, currency } = chargeOf(ctx, input.invoiceId, input.component);
      return {
        facts: { kind: 'waiver', currency, amountMinor },
        customerId,
        summary: `Approve waiver: the ${input.component === 'interest' ? 'interest' : 'fixed fee'} of ${money(amountMinor, currency)} on invoice ${number} for ${customerName(ctx, customerId)}`,
      };
    }),
  };
}

async function holdBeyondAuthority(
  ctx: CoreContext,
  procedure: Guarded,
  input: unknown,
  held: { facts: ActionFacts; customerId: number; summary: string },
): Promise<void> {
  const { sqlite } = ctx.database;
  const authority = getSetting(sqlite, 'teamAuthority');
  if (!authority || ctx.team.status().mode !== 'team') return;
  const reasons = beyondAuthority(authority, held.facts);
  if (reasons.length === 0) return;
  const request: HeldAction = { kind: held.facts.kind, customerId: held.customerId, summary: held.summary, procedure, input };
  keepRequest(sqlite, request, nowOf(ctx));
  // Filed now when the server answers; otherwise at the next exchange.
  const filed = await ctx.team.syncNow().then(
    () => true,
    () => false,
  );
  throw new AppError(
    'NEEDS_APPROVAL',
    `Beyond your authority (${reasons.join('; ')}): "${held.summary}" ${filed ? 'waits for a manager' : 'goes to a manager once the team server can be reached'}. It is recorded here once approved.`,
  );
}

function customerName(ctx: CoreContext, customerId: number): string {
  const row = ctx.database.sqlite.prepare('SELECT name FROM customers WHERE id = ?').get(customerId) as ColumnsRow<'customers', 'name'> | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
  return row.name;
}

/** The charge a waiver gives up: that component of the invoice as accrued today. */
function chargeOf(
  ctx: CoreContext,
  invoiceId: number,
  component: 'interest' | 'fixed_fee',
): { customerId: number; number: string; amountMinor: number; currency: string } {
  const invoice = ctx.database.sqlite.prepare('SELECT customer_id AS customerId FROM invoices WHERE id = ?').get(invoiceId) as
    { customerId: number } | undefined;
  if (!invoice) throw new AppError('NOT_FOUND', `No invoice with id ${invoiceId}.`);
  for (const customer of chargesReport(ctx.database.sqlite, todayOf(ctx), invoice.customerId).customers) {
    const charge = customer.invoices.find((row) => row.invoiceId === invoiceId);
    if (charge)
      return {
        customerId: invoice.customerId,
        number: charge.number,
        amountMinor: component === 'interest' ? charge.interest : charge.fixedFee,
        currency: customer.currency,
      };
  }
  return { customerId: invoice.customerId, number: String(invoiceId), amountMinor: 0, currency: '' };
}

/**
 * How a desk records an action a manager approved: its own handler, past the guard, synchronously
 * (authority-exchange.ts runs it in the transaction that settles the request).
 */
export function approvedRunner(handlers: Handlers<ProcedureName>, ctx: CoreContext) {
  return (procedure: string, input: unknown): void => {
    const name = procedure as ProcedureName;
    const handler = handlers[name] as (parsed: unknown, context: CoreContext) => unknown;
    const result = handler(parseProcedureInput(name, input), ctx);
    if (result instanceof Promise) throw new AppError('INTERNAL', `${procedure} cannot be recorded from an approval: it is not synchronous.`);
  };
}

import type { ReactElement } from 'react';
import { useCommand } from '../../app/use-command';
import { AssignForm } from './AssignForm';
import { CallForm } from './CallForm';
import { DisputeForm } from './DisputeForm';
import { NoteForm } from './NoteForm';
import { PlanForm } from './PlanForm';
import { PromiseForm, type PromisePrefill } from './PromiseForm';
import { SnoozeForm } from './SnoozeForm';
import { WriteOffForm } from './WriteOffForm';

export type FormKind = 'call' | 'dial' | 'promise' | 'dispute' | 'plan' | 'note' | 'assign' | 'snooze' | 'writeOff';

/** Every action a collector records, with its key; the worklist pane and the customer page offer the same ones. */
export const ACTIONS: { kind: FormKind; key: string; label: string }[] = [
  { kind: 'call', key: 'c', label: 'call' },
  { kind: 'dial', key: 'C', label: 'dial' },
  { kind: 'promise', key: 'p', label: 'promise' },
  { kind: 'dispute', key: 'd', label: 'dispute' },
  { kind: 'plan', key: 'l', label: 'plan' },
  { kind: 'note', key: 'n', label: 'note' },
  { kind: 'assign', key: 'a', label: 'assign' },
  { kind: 'snooze', key: 's', label: 'snooze' },
  { kind: 'writeOff', key: 'o', label: 'write off' },
];

/** The caps an action's key shows: an upper-case letter is typed with Shift. */
export const actionKeyCaps = (key: string): string[] => (/^[A-Z]$/.test(key) ? ['Shift', key] : [key]);

/** Registers the action keys, each also a palette command; `open` is called with the form to show. */
export function useActionKeys(open: (kind: FormKind) => void): void {
  useCommand('activity.call', () => open('call'));
  useCommand('activity.dial', () => open('dial'));
  useCommand('activity.promise', () => open('promise'));
  useCommand('activity.dispute', () => open('dispute'));
  useCommand('activity.plan', () => open('plan'));
  useCommand('activity.note', () => open('note'));
  useCommand('activity.assign', () => open('assign'));
  useCommand('activity.snooze', () => open('snooze'));
  useCommand('activity.writeOff', () => open('writeOff'));
}

interface Props {
  kind: FormKind;
  customer: { customerId: number; currency: string; collector: string | null; country?: string | null | undefined };
  today: string;
  /** Invoices ticked on the customer page, pre-chosen in the promise, dispute, plan and write-off forms. */
  invoiceIds?: number[];
  /** The promise form's start when a call handed on to it. */
  prefill?: PromisePrefill | undefined;
  /** `promise` is set when the saved form hands on to the promise form (a call that ended in one). */
  onSaved(promise?: PromisePrefill): void;
  onCancel(): void;
}

/** The form for one action on one customer. */
export function ActivityForm({ kind, customer, today, invoiceIds, prefill, onSaved, onCancel }: Props) {
  const { customerId, currency } = customer;
  const common = { customerId, onSaved: () => onSaved(), onCancel };
  const forms: Record<FormKind, () => ReactElement> = {
    call: () => <CallForm customerId={customerId} country={customer.country} today={today} onSaved={onSaved} onCancel={onCancel} />,
    dial: () => <CallForm customerId={customerId} country={customer.country} dial today={today} onSaved={onSaved} onCancel={onCancel} />,
    promise: () => <PromiseForm {...common} currency={currency} today={today} invoiceIds={invoiceIds} prefill={prefill} />,
    dispute: () => <DisputeForm {...common} invoiceIds={invoiceIds} />,
    plan: () => <PlanForm {...common} currency={currency} today={today} invoiceIds={invoiceIds} />,
    note: () => <NoteForm {...common} />,
    assign: () => <AssignForm {...common} current={customer.collector} />,
    snooze: () => <SnoozeForm {...common} today={today} />,
    writeOff: () => <WriteOffForm {...common} invoiceIds={invoiceIds} />,
  };
  return forms[kind]();
}

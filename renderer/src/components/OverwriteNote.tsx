import type { OverwriteNote as Note, OverwritesInput } from '../../../shared/team-overwrites';
import { fieldLabel } from '../../../shared/field-label';
import { useCoreQuery } from '../lib/core-query';
import { formatDateTime, formatRelative, formatSpan } from '../lib/format';
import './overwrite-note.css';

/** Other desks' edits that replaced this desk's own, for a customer's page or one kind of team-wide record (none on a solo desk). */
export function useOverwrites(input: OverwritesInput | null): Note[] {
  return useCoreQuery('team.overwrites', input).data ?? [];
}

/** The note of one record, if it has one. */
export const noteOf = (notes: readonly Note[], entity: string, entityId: string | number): Note | undefined =>
  notes.find((note) => note.entity === entity && note.entityId === String(entityId));

/** A value as a line of text: long lists and records shortened (the full one is in the audit log). */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * "Sam changed this contact's email 2 minutes after you", beside the value it replaced: who, when,
 * and (opened with Enter or a click) what this desk had. React escapes every part of it.
 */
export function OverwriteNote({ note, subject }: { note: Note; subject: string }) {
  const fields = note.fields.map((field) => fieldLabel(field).toLowerCase()).join(', ');
  const after = Date.parse(note.changedAt) - Date.parse(note.yourEditAt);
  return (
    <details className="overwrite-note" data-testid="overwrite-note">
      <summary>
        <strong>{note.by}</strong> changed {subject}
        {fields ? ` ${fields}` : ''} {after > 0 ? `${formatSpan(after)} after you` : 'after you'} ·{' '}
        <time dateTime={note.changedAt} title={formatDateTime(note.changedAt)}>
          {formatRelative(note.changedAt)}
        </time>
      </summary>
      <dl>
        {Object.entries(note.yours).map(([field, value]) => (
          <div key={field}>
            <dt>Yours ({fieldLabel(field).toLowerCase()})</dt>
            <dd>{shown(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

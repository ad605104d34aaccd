import type { BackupPreview } from '../../../shared/backups';
import { formatCount, plural } from '../lib/format';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** What a backup holds and how recent it is: read before restoring it. */
export function BackupSummary({ preview }: { preview: BackupPreview }) {
  return (
    <p>
      Backup of <strong>{dateTime.format(new Date(preview.takenAt))}</strong>: {plural(preview.customers, 'customer')}, {plural(preview.invoices, 'invoice')} (
      {formatCount(preview.openInvoices)} open), {plural(preview.activities, 'activity', 'activities')}
      {preview.latestActivityAt ? `; newest entry ${dateTime.format(new Date(preview.latestActivityAt))}` : ''}.
    </p>
  );
}

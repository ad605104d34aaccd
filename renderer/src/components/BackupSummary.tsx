import type { BackupPreview } from '../../../shared/backups';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const count = new Intl.NumberFormat();

/** What a backup holds and how recent it is: read before restoring it. */
export function BackupSummary({ preview }: { preview: BackupPreview }) {
  return (
    <p>
      Backup of <strong>{dateTime.format(new Date(preview.takenAt))}</strong>: {count.format(preview.customers)} customers, {count.format(preview.invoices)} invoices
      ({count.format(preview.openInvoices)} open), {count.format(preview.activities)} activities
      {preview.latestActivityAt ? `; newest entry ${dateTime.format(new Date(preview.latestActivityAt))}` : ''}.
    </p>
  );
}

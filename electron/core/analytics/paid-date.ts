/**
 * SQL for the day an invoice (alias `i`) stopped being open: the last day anything was applied to
 * it, else its ERP closed date. Imports with a paid-date column leave `closed_date` empty on some
 * paths, while the allocations always carry the day the balance reached zero.
 */
export const SETTLED_DATE_SQL = `CASE WHEN i.status != 'open' THEN COALESCE((SELECT MAX(a.applied_date) FROM allocations a WHERE a.invoice_id = i.id), i.closed_date) END`;

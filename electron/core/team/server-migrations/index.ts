import type { ServerMigration } from './server-migration';
import { desksChangesClaims } from './0001-desks-changes-claims';
import { ledgerLeases } from './0002-ledger-leases';
import { bookSnapshots } from './0003-book-snapshots';
import { authority } from './0004-authority';
import { snapshotChanges } from './0005-snapshot-changes';
import { teamWideChanges } from './0006-team-wide-changes';
import { writeOffApprovals } from './0007-write-off-approvals';
import { changeNotices } from './0008-change-notices';
import { snapshotFormat } from './0009-snapshot-format';

/** In order; position + 1 is the step's version in `team_migrations`. Never reorder or edit a shipped one. */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  desksChangesClaims,
  ledgerLeases,
  bookSnapshots,
  authority,
  snapshotChanges,
  teamWideChanges,
  writeOffApprovals,
  changeNotices,
  snapshotFormat,
];

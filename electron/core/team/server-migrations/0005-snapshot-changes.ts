import type { ServerMigration } from './server-migration';

/**
 * A snapshot carries the team's shared activities too (shared-snapshot.ts), as of team_changes
 * position `changes_through`: a desk that loads it pulls only the changes after that. Null on a
 * snapshot of the ledger alone (made before this step): its loader pulls every change.
 */
export const snapshotChanges: ServerMigration = {
  name: 'snapshot-changes',
  sql: `
    ALTER TABLE team_snapshots ADD COLUMN changes_through bigint;
  `,
};

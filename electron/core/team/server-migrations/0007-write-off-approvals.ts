import type { ServerMigration } from './server-migration';

/** A write-off above its collector's limit waits for a manager like a plan or a waiver (issue 24, item 6). */
export const writeOffApprovals: ServerMigration = {
  name: 'write-off-approvals',
  sql: `
    ALTER TABLE team_approvals DROP CONSTRAINT team_approvals_kind_check;
    ALTER TABLE team_approvals ADD CONSTRAINT team_approvals_kind_check CHECK (kind IN ('plan', 'discount', 'promise', 'waiver', 'write_off'));
  `,
};

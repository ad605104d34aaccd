import type { ServerMigration } from './server-migration';

/**
 * Changes about no customer (issue 24): a team setting, a ladder policy or an email template, edited
 * on one desk and last-writer-wins on every desk in server order, like a contact. Such a change has
 * no customer_key; every other change keeps one. Members already publish into team_changes
 * (MEMBER_WRITES), so no grant changes; nothing a member writes may carry a desk's secret (the desk
 * publishes only the team settings' shared fields, see electron/core/settings.ts).
 */
export const teamWideChanges: ServerMigration = {
  name: 'team-wide-changes',
  sql: `
    ALTER TABLE team_changes ALTER COLUMN customer_key DROP NOT NULL;
    ALTER TABLE team_changes ADD CONSTRAINT team_changes_customer_or_team_wide
      CHECK (customer_key IS NOT NULL OR entity IN ('setting', 'ladder_policy', 'template'));
  `,
};

/** One step of the team server's schema: SQL run in one transaction with its `team_migrations` row. */
export interface ServerMigration {
  name: string;
  sql: string;
}

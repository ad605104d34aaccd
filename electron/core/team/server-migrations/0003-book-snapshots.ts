import type { ServerMigration } from './server-migration';

/**
 * A new desk joins from a snapshot of the book rather than a replay of every ledger batch: the sync
 * leader stores its ledger tables as they are after batch `ledger_through` (in parts, rows as JSON),
 * and a desk with no book of its own loads the latest complete one, then pulls the batches after it.
 */
export const bookSnapshots: ServerMigration = {
  name: 'book-snapshots',
  sql: `
    CREATE TABLE team_snapshots (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      desk_id uuid NOT NULL REFERENCES team_desks (desk_id),
      ledger_through bigint NOT NULL,
      -- Set once every part is stored: a snapshot cut short is never loaded.
      complete boolean NOT NULL DEFAULT false,
      made_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE team_snapshot_parts (
      snapshot_id bigint NOT NULL REFERENCES team_snapshots (id) ON DELETE CASCADE,
      part integer NOT NULL,
      table_name text NOT NULL,
      rows jsonb NOT NULL,
      PRIMARY KEY (snapshot_id, part)
    );
  `,
};

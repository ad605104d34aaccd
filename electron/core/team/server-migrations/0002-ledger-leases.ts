import type { ServerMigration } from './server-migration';

/**
 * The shared ledger and who writes it. `team_leases` names the desk that runs the ERP sync (and
 * folder imports) for the team until `expires_at`: the holder renews it at each exchange, a desk
 * that leaves gives it up, and one that dies loses it when it runs out, so another desk takes over
 * (a lease row rather than a session advisory lock: a pooled connection's session is not the desk's).
 * `team_server.lease_seconds` is how long a lease lasts; `synced_at` is how fresh the holder's ledger is. `team_ledger_batches` is each ledger batch
 * a desk wrote, in server order (published under the same lock as team_changes, see push-changes.ts).
 */
export const ledgerLeases: ServerMigration = {
  name: 'ledger-leases',
  sql: `
    ALTER TABLE team_server ADD COLUMN lease_seconds integer NOT NULL DEFAULT 30 CHECK (lease_seconds BETWEEN 2 AND 3600);

    CREATE TABLE team_leases (
      name text PRIMARY KEY,
      desk_id uuid NOT NULL REFERENCES team_desks (desk_id),
      collector text NOT NULL,
      expires_at timestamptz NOT NULL,
      -- When the holder's ledger last took in the ERP's data (pushed by then): the others are as fresh.
      synced_at timestamptz
    );

    CREATE TABLE team_ledger_batches (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      desk_id uuid NOT NULL REFERENCES team_desks (desk_id),
      -- The row's id in the origin desk's team_ledger_outbox.
      local_id bigint NOT NULL,
      source text NOT NULL,
      -- The origin's day when it wrote the batch: an unexplained balance change is dated by it.
      today date NOT NULL,
      batch jsonb NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (desk_id, local_id)
    );
  `,
};

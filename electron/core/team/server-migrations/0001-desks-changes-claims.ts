import type { ServerMigration } from './server-migration';

/**
 * The team's shared store. `team_changes` is every desk's sync outbox, published in server order:
 * `seq` is that order (pushes commit one at a time, see push-changes.ts, so a desk that read up to
 * seq N never misses a smaller seq committed later). (desk_id, local_id) makes a retried push harmless.
 * `team_send_claims` lets one desk only send a given reminder: the first insert of its key wins.
 */
export const desksChangesClaims: ServerMigration = {
  name: 'desks-changes-claims',
  sql: `
    -- Which server a desk's cursors belong to, whatever name it is reached by.
    CREATE TABLE team_server (
      id integer PRIMARY KEY CHECK (id = 1),
      server_id uuid NOT NULL DEFAULT gen_random_uuid()
    );
    INSERT INTO team_server (id) VALUES (1);

    CREATE TABLE team_desks (
      desk_id uuid PRIMARY KEY,
      collector text NOT NULL,
      joined_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      left_at timestamptz
    );

    CREATE TABLE team_changes (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      desk_id uuid NOT NULL REFERENCES team_desks (desk_id),
      -- The row's id in the origin desk's sync outbox.
      local_id bigint NOT NULL,
      entity text NOT NULL,
      action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
      -- The customer it is about, the same on every desk: [source, external id] as JSON text.
      customer_key text NOT NULL,
      -- The shared record it changes (an activity, a contact, an assignment), the same on every desk.
      record_key text NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (desk_id, local_id)
    );
    CREATE INDEX team_changes_record ON team_changes (record_key, seq);

    CREATE TABLE team_send_claims (
      claim_key text PRIMARY KEY,
      desk_id uuid NOT NULL REFERENCES team_desks (desk_id),
      collector text NOT NULL,
      claimed_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};

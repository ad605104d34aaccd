import type { ServerMigration } from './server-migration';

/**
 * Authority limits (issue 24): who is a collector, a senior or a manager, what each role may do
 * alone, and the requests for what goes beyond. The server, not the desks, enforces who may write
 * what, with row-level security keyed on the PostgreSQL role each member signs in as:
 * - team_members and team_limits: everyone reads; only a manager writes;
 * - team_approvals: a member files requests as themself, pending; only a manager decides one, and
 *   never their own. Nobody deletes one.
 * The role that set the server up owns these tables (PostgreSQL lets an owner past its own policies)
 * and counts as a manager; a signed-in role that is no member counts as a collector.
 */
export const authority: ServerMigration = {
  name: 'authority',
  sql: `
    CREATE TABLE team_members (
      db_role name PRIMARY KEY,
      collector text NOT NULL,
      role text NOT NULL CHECK (role IN ('collector', 'senior', 'manager')),
      added_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE team_limits (
      id integer PRIMARY KEY CHECK (id = 1),
      limits jsonb NOT NULL,
      updated_by name NOT NULL DEFAULT current_user,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE team_approvals (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- The asking desk and its own id for the request: a request filed twice (a retry) is one.
      desk_id uuid NOT NULL REFERENCES team_desks (desk_id),
      local_id bigint NOT NULL,
      requested_by name NOT NULL DEFAULT current_user,
      collector text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('plan', 'discount', 'promise', 'waiver')),
      customer_key text NOT NULL,
      customer_name text NOT NULL,
      summary text NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
      decided_by name,
      decider text,
      decided_at timestamptz,
      note text,
      UNIQUE (desk_id, local_id)
    );
    CREATE INDEX team_approvals_pending ON team_approvals (status, id);

    -- A member's role by their database role. Runs as its owner so that the policies of
    -- team_members may ask it without recursing into themselves.
    CREATE FUNCTION team_role_of(who name) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT coalesce(
          (SELECT role FROM public.team_members WHERE db_role = who),
          CASE WHEN pg_has_role(who, (SELECT relowner FROM pg_class WHERE oid = 'public.team_members'::regclass), 'MEMBER') THEN 'manager' END,
          'collector')
      $$;

    ALTER TABLE team_members ENABLE ROW LEVEL SECURITY;
    CREATE POLICY members_read ON team_members FOR SELECT USING (true);
    CREATE POLICY members_add ON team_members FOR INSERT WITH CHECK (team_role_of(current_user) = 'manager');
    CREATE POLICY members_change ON team_members FOR UPDATE USING (team_role_of(current_user) = 'manager') WITH CHECK (team_role_of(current_user) = 'manager');
    CREATE POLICY members_remove ON team_members FOR DELETE USING (team_role_of(current_user) = 'manager');

    ALTER TABLE team_limits ENABLE ROW LEVEL SECURITY;
    CREATE POLICY limits_read ON team_limits FOR SELECT USING (true);
    CREATE POLICY limits_set ON team_limits FOR INSERT WITH CHECK (team_role_of(current_user) = 'manager');
    CREATE POLICY limits_change ON team_limits FOR UPDATE USING (true) WITH CHECK (team_role_of(current_user) = 'manager');

    ALTER TABLE team_approvals ENABLE ROW LEVEL SECURITY;
    CREATE POLICY approvals_read ON team_approvals FOR SELECT USING (true);
    CREATE POLICY approvals_ask ON team_approvals FOR INSERT
      WITH CHECK (requested_by = current_user AND status = 'pending' AND decided_by IS NULL AND decided_at IS NULL);
    -- Every pending row passes USING, so a refused decision is an error, not a silent "0 rows".
    CREATE POLICY approvals_decide ON team_approvals FOR UPDATE USING (status = 'pending')
      WITH CHECK (team_role_of(current_user) = 'manager' AND requested_by <> current_user AND decided_by = current_user AND status <> 'pending');
  `,
};

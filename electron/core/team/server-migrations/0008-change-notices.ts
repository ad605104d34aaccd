import type { ServerMigration } from './server-migration';

/**
 * Desks learn of a publication at once rather than at their next poll: each write the others act
 * on sends a notice on the `inflow_team` channel (team-listener.ts), from a trigger, so it goes in
 * the writing transaction and PostgreSQL delivers it only when that commits. What one desk
 * publishes (changes, ledger batches, claims) names it, so it can pass over its own; PostgreSQL
 * folds a transaction's identical notices into one, so a batch of 500 changes is one notice. A
 * request filed or decided, or the team's limits or members changed, concerns every desk.
 */
export const changeNotices: ServerMigration = {
  name: 'change-notices',
  sql: `
    CREATE FUNCTION team_notify_desk() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('inflow_team', NEW.desk_id::text);
        RETURN NULL;
      END
    $$;
    CREATE FUNCTION team_notify_all() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('inflow_team', '');
        RETURN NULL;
      END
    $$;

    CREATE TRIGGER team_changes_notice AFTER INSERT ON team_changes FOR EACH ROW EXECUTE FUNCTION team_notify_desk();
    CREATE TRIGGER team_ledger_batches_notice AFTER INSERT ON team_ledger_batches FOR EACH ROW EXECUTE FUNCTION team_notify_desk();
    CREATE TRIGGER team_send_claims_notice AFTER INSERT ON team_send_claims FOR EACH ROW EXECUTE FUNCTION team_notify_desk();
    CREATE TRIGGER team_approvals_notice AFTER INSERT OR UPDATE ON team_approvals FOR EACH STATEMENT EXECUTE FUNCTION team_notify_all();
    CREATE TRIGGER team_limits_notice AFTER INSERT OR UPDATE ON team_limits FOR EACH STATEMENT EXECUTE FUNCTION team_notify_all();
    CREATE TRIGGER team_members_notice AFTER INSERT OR UPDATE OR DELETE ON team_members FOR EACH STATEMENT EXECUTE FUNCTION team_notify_all();
  `,
};

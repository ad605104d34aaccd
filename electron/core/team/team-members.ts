import pg from 'pg';
import type { TeamMember, TeamRole } from '../../../shared/team-authority';
import { serverTransaction } from './team-connection';

/**
 * What every member's role may write, beyond reading every table. Row-level security narrows the
 * authority tables further (server migration 0004): only a manager changes members and limits or decides
 * a request. Nothing here lets a member edit or delete what was published, or the schema.
 */
const MEMBER_WRITES: readonly [privileges: string, tables: string][] = [
  ['INSERT, UPDATE', 'team_desks'],
  ['INSERT', 'team_changes, team_send_claims, team_ledger_batches, team_snapshot_parts'],
  // The ERP-sync lease: any member's desk may lead, renew and let go; snapshots are marked complete.
  ['INSERT, UPDATE, DELETE', 'team_leases'],
  ['INSERT, UPDATE', 'team_snapshots'],
  ['INSERT, UPDATE', 'team_approvals'],
  ['INSERT, UPDATE, DELETE', 'team_members, team_limits'],
];

export interface NewMember {
  dbUser: string;
  collector: string;
  role: TeamRole;
  password?: string | undefined;
}

/**
 * Makes a database role a team member: creates its login when it has none (with `password`; a
 * password for an existing one sets it anew), grants what members may do, and records its role.
 * The manager's own role must be allowed to create roles and to grant on these tables (their owner).
 */
export async function addMember(pool: pg.Pool, member: NewMember): Promise<{ created: boolean }> {
  return serverTransaction(pool, async (client) => {
    const role = pg.escapeIdentifier(member.dbUser);
    const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [member.dbUser])).rowCount === 1;
    const password = member.password === undefined ? null : client.escapeLiteral(member.password);
    if (!exists && password === null) {
      throw Object.assign(new Error(`the database user ${member.dbUser} does not exist yet: give a password to create it`), { code: 'NEEDS_PASSWORD' });
    }
    if (!exists) await client.query(`CREATE ROLE ${role} LOGIN PASSWORD ${password!}`);
    else if (password !== null) await client.query(`ALTER ROLE ${role} PASSWORD ${password}`);
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.query(`GRANT CONNECT ON DATABASE ${pg.escapeIdentifier(rows[0]!.db)} TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    for (const [privileges, tables] of MEMBER_WRITES) await client.query(`GRANT ${privileges} ON ${tables} TO ${role}`);
    await client.query(
      `INSERT INTO team_members (db_role, collector, role) VALUES ($1, $2, $3)
      ON CONFLICT (db_role) DO UPDATE SET collector = excluded.collector, role = excluded.role`,
      [member.dbUser, member.collector, member.role],
    );
    return { created: !exists };
  });
}

/** Every member, by collector (row-level security lets every member read them). */
export async function listMembers(pool: pg.Pool): Promise<TeamMember[]> {
  const { rows } = await pool.query<{ db_role: string; collector: string; role: TeamRole; added_at: Date }>(
    'SELECT db_role, collector, role, added_at FROM team_members ORDER BY collector, db_role',
  );
  return rows.map((row) => ({ dbUser: row.db_role, collector: row.collector, role: row.role, addedAt: row.added_at.toISOString() }));
}

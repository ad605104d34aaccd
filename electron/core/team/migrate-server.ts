import { createHash } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../../shared/errors';
import { SERVER_MIGRATIONS } from './server-migrations';
import type { ServerMigration } from './server-migrations/server-migration';

/** Every desk migrating the same server at once: one at a time, the others then find nothing to do. */
const MIGRATION_LOCK = 'inflow.team.migrations';

export const serverChecksum = (step: ServerMigration): string => createHash('sha256').update(step.sql.replace(/\r\n/g, '\n')).digest('hex');

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings the team server's schema up to this build's: the missing steps and their `team_migrations`
 * rows in one transaction (PostgreSQL's DDL is transactional), so a desk killed part-way leaves none. A server already past this build (a newer Inflow set it up) or whose
 * recorded steps differ from ours (an edited migration, another product's tables) is refused: a desk
 * must never write to a schema it does not know.
 */
export async function migrateTeamServer(client: pg.ClientBase): Promise<{ version: number; applied: number }> {
  await client.query('BEGIN');
  try {
    // Locked before the table is created: two desks creating it at once would collide in the catalog.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MIGRATION_LOCK]);
    // Created only when missing: a member's role may not create tables, even "if not exists".
    const {
      rows: [found],
    } = await client.query<{ table: string | null }>("SELECT to_regclass('team_migrations')::text AS table");
    if (!found?.table) {
      await client.query(`CREATE TABLE team_migrations (
        version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    }
    const applied = (await client.query<AppliedRow>('SELECT version, name, checksum FROM team_migrations ORDER BY version')).rows;
    checkApplied(applied);
    for (const [index, step] of SERVER_MIGRATIONS.entries()) {
      if (index < applied.length) continue;
      await client.query(step.sql);
      await client.query('INSERT INTO team_migrations (version, name, checksum) VALUES ($1, $2, $3)', [index + 1, step.name, serverChecksum(step)]);
    }
    await client.query('COMMIT');
    return { version: SERVER_MIGRATIONS.length, applied: SERVER_MIGRATIONS.length - applied.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function checkApplied(applied: readonly AppliedRow[]): void {
  if (applied.length > SERVER_MIGRATIONS.length) {
    throw new AppError(
      'DB_TOO_NEW',
      `The team server's schema is version ${applied.length}, newer than this Inflow knows (${SERVER_MIGRATIONS.length}): update Inflow on this desk to join.`,
    );
  }
  applied.forEach((row, index) => {
    const step = SERVER_MIGRATIONS[index]!;
    if (row.version !== index + 1 || row.name !== step.name || row.checksum !== serverChecksum(step)) {
      throw new AppError(
        'CONFLICT',
        `The team server's schema step ${row.version} (${row.name}) is not the one this Inflow shipped; the server was set up by a different build. Nothing was written.`,
      );
    }
  });
}

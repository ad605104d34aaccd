import type pg from 'pg';

/** The one lease a team has today: running the ERP sync and folder imports, and publishing what they write. */
const ERP_SYNC = 'erp-sync';
const COLUMNS = 'desk_id, collector, expires_at, synced_at';

export interface LeaseHolder {
  deskId: string;
  collector: string;
  expiresAt: string;
  /** When the holder's ledger last took in the ERP's data, its batches all published by then. */
  syncedAt: string | null;
}

/**
 * Takes the ERP-sync lease for this desk, or renews it when this desk holds it; another desk's lease
 * that has not run out is left alone. Two desks asking at once cannot both win: the row's lock orders
 * them. Returns who holds it now: the loser reads the holder in a second statement (one statement's
 * snapshot may not show a row a concurrent winner committed while it waited, as in send-claim.ts).
 */
export async function holdErpLease(pool: pg.Pool, deskId: string, collector: string, syncedAt: string | null): Promise<LeaseHolder> {
  const { rows } = await pool.query<LeaseRow>(
    `
    INSERT INTO team_leases (name, desk_id, collector, expires_at, synced_at)
    SELECT $1, $2, $3, now() + make_interval(secs => lease_seconds), $4::timestamptz FROM team_server WHERE id = 1
    ON CONFLICT (name) DO UPDATE SET desk_id = excluded.desk_id, collector = excluded.collector, expires_at = excluded.expires_at,
      synced_at = greatest(team_leases.synced_at, excluded.synced_at)
      WHERE team_leases.desk_id = excluded.desk_id OR team_leases.expires_at < now()
    RETURNING ${COLUMNS}`,
    [ERP_SYNC, deskId, collector, syncedAt],
  );
  if (rows[0]) return holderOf(rows[0]);
  const holder = await erpLeaseHolder(pool);
  // It ran out between the two statements: nobody holds it, so ask again.
  return holder ?? holdErpLease(pool, deskId, collector, syncedAt);
}

interface LeaseRow {
  desk_id: string;
  collector: string;
  expires_at: Date;
  synced_at: Date | null;
}

const holderOf = (row: LeaseRow): LeaseHolder => ({
  deskId: row.desk_id,
  collector: row.collector,
  expiresAt: row.expires_at.toISOString(),
  syncedAt: row.synced_at?.toISOString() ?? null,
});

/** Who holds the lease, if anyone does and it has not run out. */
export async function erpLeaseHolder(pool: pg.Pool): Promise<LeaseHolder | null> {
  const { rows } = await pool.query<LeaseRow>(`SELECT ${COLUMNS} FROM team_leases WHERE name = $1 AND expires_at >= now()`, [ERP_SYNC]);
  return rows[0] ? holderOf(rows[0]) : null;
}

/** A desk leaving gives the lease up at once, so the next one need not wait for it to run out. */
export async function releaseErpLease(pool: pg.Pool, deskId: string): Promise<void> {
  await pool.query('DELETE FROM team_leases WHERE name = $1 AND desk_id = $2', [ERP_SYNC, deskId]);
}

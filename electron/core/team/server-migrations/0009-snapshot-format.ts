import type { ServerMigration } from './server-migration';

/**
 * A denser snapshot (team/snapshot-part.ts): each part's rows as one gzipped JSON text of the
 * column names and every value in a flat array, in `data`, rather than a JSON object per row in
 * `rows`. `format` says which a snapshot uses: 1 for every snapshot made before this step (still
 * loaded as it is), 2 after. The parts are compressed already: PostgreSQL stores them as they are.
 */
export const snapshotFormat: ServerMigration = {
  name: 'snapshot-format',
  sql: `
    ALTER TABLE team_snapshots ADD COLUMN format smallint NOT NULL DEFAULT 1;
    ALTER TABLE team_snapshot_parts ALTER COLUMN rows DROP NOT NULL;
    ALTER TABLE team_snapshot_parts ADD COLUMN data bytea;
    ALTER TABLE team_snapshot_parts ALTER COLUMN data SET STORAGE EXTERNAL;
    ALTER TABLE team_snapshot_parts ADD CONSTRAINT team_snapshot_parts_one_form CHECK ((rows IS NULL) <> (data IS NULL));
  `,
};

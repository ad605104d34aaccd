import type { SqliteDb } from '../sqlite';

/** One schema step. `up` runs inside its own transaction together with the user_version bump. */
export interface Migration {
  name: string;
  up: (db: SqliteDb) => void;
}

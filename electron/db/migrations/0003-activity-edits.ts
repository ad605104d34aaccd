import type { Migration } from './migration';

/**
 * Calls and notes can be corrected or withdrawn. Neither loses anything: the row keeps its id and
 * is only marked, and the audit log holds every earlier version.
 */
export const activityEdits: Migration = {
  name: 'activity-edits',
  up: (db) => {
    db.exec(`
      ALTER TABLE activities ADD COLUMN edited_at TEXT;
      ALTER TABLE activities ADD COLUMN deleted_at TEXT;
    `);
  },
};

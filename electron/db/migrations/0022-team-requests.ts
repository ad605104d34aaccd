import type { Migration } from './migration';

/**
 * Actions this desk asked a manager to approve (issue 24: authority limits). The request is kept
 * here first, so a collector offline can still ask (it reaches the server at the next exchange),
 * with the procedure and input that run once a manager approves: they name this desk's own rows.
 * `server_id` is the request's id on the team server once it is there; `settled_at` when the
 * outcome was acted on here (the action recorded, or the refusal noted).
 */
export const teamRequests: Migration = {
  name: 'team-requests',
  up: (db) => {
    db.exec(`
      CREATE TABLE team_requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        server_id INTEGER UNIQUE,
        kind TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        summary TEXT NOT NULL,
        procedure TEXT NOT NULL,
        input TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
        decided_by TEXT,
        decided_at TEXT,
        note TEXT,
        created_at TEXT NOT NULL,
        settled_at TEXT
      );
      CREATE INDEX team_requests_open ON team_requests(settled_at) WHERE settled_at IS NULL;
    `);
  },
};

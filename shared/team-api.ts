import { z } from 'zod';
import { returns } from './procedure';
import { teamSaveSchema, type TeamConnectionView, type TeamStatus, type TeamSyncResult } from './team';

/** A team of desks sharing one book through PostgreSQL (issue 24); part of the contract in api.ts. */
export const teamApi = {
  'settings.team.get': returns<TeamConnectionView | null>()(z.object({})),
  /** Without a password the stored one is kept, unless the server, database or user changed. */
  'settings.team.save': returns<TeamConnectionView>()(teamSaveSchema),
  /** Connects, brings the server's schema up to date, registers this desk and exchanges changes once. */
  'team.join': returns<TeamStatus>()(z.object({})),
  /** Back to solo: this desk stops exchanging; everything it shared stays on the server for the others. */
  'team.leave': returns<TeamStatus>()(z.object({})),
  'team.status': returns<TeamStatus>()(z.object({})),
  /** Pushes this desk's changes and pulls the others' now. */
  'team.sync': returns<TeamSyncResult>()(z.object({})),
} as const;

import type { OpenDatabase } from '../db/open';
import { localToday, type IsoDate } from '../../shared/dates';
import type { JobRegistry } from './jobs/job-registry';
import type { StagedFiles } from './staged-files';
import type { WorklistCache } from './worklist/worklist-cache';

/** What every handler gets: the database, the clock, long-job tracking and staged files. */
export interface CoreContext {
  database: OpenDatabase;
  jobs: JobRegistry;
  files: StagedFiles;
  worklist: WorklistCache;
  /** Injectable so tests can freeze time. */
  clock: () => Date;
}

export function todayOf(ctx: CoreContext): IsoDate {
  return localToday(ctx.clock());
}

export function nowOf(ctx: CoreContext): string {
  return ctx.clock().toISOString();
}

import { z } from 'zod';
import { jobIdSchema as jobId, returns } from './procedure';
import {
  addMemberInput,
  decideApprovalInput,
  handoverInput,
  teamLimitsSchema,
  type ApprovalRequest,
  type TeamAuthority,
  type TeamLimits,
  type TeamMember,
} from './team-authority';
import { overwritesInput, type OverwriteNote } from './team-overwrites';
import { teamSaveSchema, type TeamConnectionView, type TeamStatus, type TeamSyncResult } from './team';

/** A team of desks sharing one book through PostgreSQL (issue 24); part of the contract in api.ts. */
export const teamApi = {
  'settings.team.get': returns<TeamConnectionView | null>()(z.object({})),
  /** Without a password the stored one is kept, unless the server, database or user changed. */
  'settings.team.save': returns<TeamConnectionView>()(teamSaveSchema),
  /** Connects, brings the server's schema up to date, registers this desk and exchanges changes once. */
  'team.join': returns<TeamStatus>()(z.object({ jobId: jobId.optional() })),
  /** Back to solo: this desk stops exchanging; everything it shared stays on the server for the others. */
  'team.leave': returns<TeamStatus>()(z.object({})),
  'team.status': returns<TeamStatus>()(z.object({})),
  /** Pushes this desk's changes and pulls the others' now. */
  'team.sync': returns<TeamSyncResult>()(z.object({})),
  /** This desk's role and the team's limits as last read from the server; null on a solo desk (no limits). */
  'team.authority': returns<TeamAuthority | null>()(z.object({})),
  /** Sets the team's limits on the server: a manager only (the server refuses anyone else). */
  'team.limits.save': returns<TeamLimits>()(teamLimitsSchema),
  /** The team's members, by collector; every member may read them. */
  'team.members.list': returns<TeamMember[]>()(z.object({})),
  /** Makes a database role a member (created with `password` if new) with its grants: a manager whose role may create roles. */
  'team.members.add': returns<{ dbUser: string; created: boolean }>()(addMemberInput),
  /** Requests waiting for a manager, and this desk's own with their outcome, newest first. */
  'team.approvals.list': returns<ApprovalRequest[]>()(z.object({})),
  /** A manager approves or declines another member's request; the asking desk acts on it at its next exchange. */
  'team.approvals.decide': returns<ApprovalRequest>()(decideApprovalInput),
  /** Other desks' edits that replaced this desk's own, still standing: a customer's contacts and collector, or one kind of team-wide record. */
  'team.overwrites': returns<OverwriteNote[]>()(overwritesInput),
  /** Hands every customer of one collector to another, each with an assignment entry carrying the note. */
  'customers.handover': returns<{ moved: number }>()(handoverInput),
} as const;

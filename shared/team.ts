import { z } from 'zod';
import { isLoopbackHost } from './loopback';
import { oneLineText } from './text';

/**
 * A desk's connection to the team's PostgreSQL server. The password is stored like every other
 * secret (the encrypted database, never the audit log or the window) and follows its server: a save
 * that changes host, port, database or user forgets it. TLS (with the server's certificate checked)
 * is always used except to a server on this machine.
 */
const teamFields = z.object({
  host: oneLineText(253).min(1, 'the server name'),
  port: z.number().int().min(1).max(65_535).default(5432),
  database: oneLineText(63).min(1, 'the database name'),
  user: oneLineText(63).min(1, 'the database user'),
  password: z.string().max(1024).default(''),
  /** Who works at this desk: the name on the team's assignments and on what this desk records. */
  collector: oneLineText(120).min(1, "this desk's collector"),
});
export const teamConnectionSchema = teamFields;
export type TeamConnection = z.output<typeof teamConnectionSchema>;
/** A save: without a password the stored one is kept, if it was for this same server, database and user. */
export const teamSaveSchema = teamFields.extend({ password: z.string().max(1024).optional() });
/** Where the password goes and as whom: changing any of them forgets it. */
export const TEAM_SERVER_FIELDS = ['host', 'port', 'database', 'user'] as const;
/** What the window sees: never the password; whether the connection is encrypted (it is, unless the server is this machine). */
export type TeamConnectionView = Omit<TeamConnection, 'password'> & { hasPassword: boolean; tls: boolean };

export const usesTls = (host: string): boolean => !isLoopbackHost(host);

/** Where this desk stands with its team (`team status --json`). */
export interface TeamStatus {
  /** Solo until this desk joins a team; solo is the default and needs no server. */
  mode: 'solo' | 'team';
  deskId: string | null;
  collector: string | null;
  server: { host: string; port: number; database: string; tls: boolean } | null;
  /** Whether the last exchange with the server worked; null before the first one. */
  reachable: boolean | null;
  lastSyncAt: string | null;
  /** Why the last exchange failed, in words; null when it worked. */
  lastError: string | null;
  /** This desk's changes not on the server yet. */
  pendingPush: number;
  /** The server position this desk has applied everything up to. */
  pulledThrough: number;
  /** The collector whose desk runs the ERP sync for the team (holds its lease), as last seen; null solo or when nobody does. */
  syncLeader: string | null;
}

/** One exchange with the server (`team sync --json`). */
/** Whether this desk may run the ERP sync and folder imports now: solo always, in a team only the lease holder. */
export interface ErpLead {
  leads: boolean;
  /** Who does, when another desk. */
  holder: string | null;
}

export interface TeamSyncResult {
  pushed: number;
  pulled: number;
  applied: number;
  /** Pulled changes about customers this desk does not have yet; applied once they arrive from the ERP. */
  waiting: number;
}

/** How far a new desk has got loading the team's book as it joins: what it is doing, and parts done of the total. */
export type JoinProgress = (step: string, done: number, total: number) => void;

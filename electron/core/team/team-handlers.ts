import { TEAM_SERVER_FIELDS, usesTls, type TeamConnection, type TeamConnectionView } from '../../../shared/team';
import { nowOf } from '../context';
import type { Handlers } from '../handler-types';
import { sameServer } from '../server-secret';
import { getSetting, setSetting } from '../settings';
import { overwriteNotes } from './overwrite-notes';

const view = ({ password, ...rest }: TeamConnection): TeamConnectionView => ({ ...rest, hasPassword: password !== '', tls: usesTls(rest.host) });

export const teamHandlers: Handlers<'settings.team.get' | 'settings.team.save' | 'team.join' | 'team.leave' | 'team.status' | 'team.sync' | 'team.overwrites'> =
  {
    'settings.team.get': (_input, ctx) => {
      const team = getSetting(ctx.database.sqlite, 'team');
      return team ? view(team) : null;
    },
    /** Without a password the stored one is kept, only for the same server, database and user (server-secret.ts). */
    'settings.team.save': (input, ctx) => {
      const { sqlite } = ctx.database;
      const stored = getSetting(sqlite, 'team');
      const kept = sameServer(stored, input, TEAM_SERVER_FIELDS) ? stored.password : '';
      const team = { ...input, password: input.password ?? kept };
      setSetting(sqlite, 'team', team, nowOf(ctx));
      ctx.team.reconnect();
      return view(team);
    },
    'team.join': ({ jobId }, ctx) => ctx.jobs.run(jobId, (job) => ctx.team.join((step, done, total) => job.progress('writing', done, total, step))),
    'team.leave': (_input, ctx) => ctx.team.leave(),
    'team.status': (_input, ctx) => ctx.team.status(),
    'team.sync': (_input, ctx) => ctx.team.syncNow(),
    'team.overwrites': (input, ctx) => overwriteNotes(ctx.database.sqlite, input),
  };

import { randomUUID } from 'node:crypto';
import type { ProcedureInput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { TeamStatus } from '../../shared/team';
import type { Core } from '../core';
import { teamAuthorityCommand } from './cli-team-authority';

/**
 * `team join|leave|status|sync`. The connection comes from INFLOW_TEAM_HOST, _PORT, _DATABASE, _USER,
 * _PASSWORD and _COLLECTOR (never flags, so the password stays out of shell history and `ps`), stored
 * like Settings → Team stores it; without them the stored connection is used.
 */
export async function teamCommand(
  core: Core,
  sub: string | undefined,
  options: Parameters<typeof teamAuthorityCommand>[2],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  switch (sub) {
    case 'join': {
      const fromEnv = teamFromEnv(env);
      if (fromEnv) {
        const stored = await core.call('settings.team.get', {});
        const { hasPassword: _hasPassword, tls: _tls, ...kept } = stored ?? { hasPassword: false, tls: false };
        await core.call('settings.team.save', { ...kept, ...fromEnv } as ProcedureInput<'settings.team.save'>);
      }
      return describe(await joinWithProgress(core), options.json);
    }
    case 'leave':
      return describe(await core.call('team.leave', {}), options.json);
    case 'status':
      return describe(await core.call('team.status', {}), options.json);
    case 'sync': {
      const result = await core.call('team.sync', {});
      return options.json
        ? JSON.stringify(result)
        : `Pushed ${result.pushed} changes, pulled ${result.pulled} (${result.applied} applied${result.waiting ? `, ${result.waiting} waiting for customers not imported yet` : ''}).`;
    }
    default: {
      const answer = sub ? await teamAuthorityCommand(core, sub, options, env) : null;
      if (answer === null) throw new AppError('INVALID_INPUT', 'team needs join, leave, status, sync, add-member, limits, approvals, approve or decline.');
      return answer;
    }
  }
}

/**
 * Joins, telling on stderr how far a new desk's load of the team's book has got: a bar redrawn on a
 * terminal, otherwise a line each time the step changes (a log stays short).
 */
async function joinWithProgress(core: Core): Promise<TeamStatus> {
  const jobId = randomUUID();
  const tty = process.stderr.isTTY;
  let lastStep = '';
  const stop = core.onEvent((event) => {
    if (event.type !== 'job.progress' || event.jobId !== jobId || event.phase === 'done' || !event.step) return;
    const percent = Math.floor((event.done / Math.max(1, event.total)) * 100);
    if (tty) process.stderr.write(`\r${event.step}: ${'#'.repeat(percent / 5).padEnd(20, '.')} ${percent} %\x1b[K`);
    else if (event.step !== lastStep) process.stderr.write(`${event.step} …\n`);
    lastStep = event.step;
  });
  try {
    return await core.call('team.join', { jobId });
  } finally {
    stop();
    if (tty && lastStep) process.stderr.write('\n');
  }
}

function describe(status: TeamStatus, json: boolean): string {
  if (json) return JSON.stringify(status);
  if (status.mode === 'solo') return 'Solo desk: not part of a team.';
  const { server } = status;
  return [
    `Team desk of ${status.collector ?? '?'} on ${server ? `${server.host}:${server.port}/${server.database}${server.tls ? ' (TLS)' : ' (this machine)'}` : '?'}.`,
    `Last exchange: ${status.lastSyncAt ?? 'never'}${status.lastError ? `; failed since: ${status.lastError}` : ''}. ${status.pendingPush} change(s) to push.`,
    `ERP sync: ${status.syncLeader ? `run by ${status.syncLeader}'s desk` : 'no desk runs it yet'}.`,
  ].join('\n');
}

function teamFromEnv(env: NodeJS.ProcessEnv) {
  const port = env.INFLOW_TEAM_PORT === undefined ? undefined : Number(env.INFLOW_TEAM_PORT);
  if (port !== undefined && !Number.isInteger(port)) throw new AppError('INVALID_INPUT', 'INFLOW_TEAM_PORT must be a port number.');
  const values = {
    ...(env.INFLOW_TEAM_HOST ? { host: env.INFLOW_TEAM_HOST } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(env.INFLOW_TEAM_DATABASE ? { database: env.INFLOW_TEAM_DATABASE } : {}),
    ...(env.INFLOW_TEAM_USER ? { user: env.INFLOW_TEAM_USER } : {}),
    ...(env.INFLOW_TEAM_PASSWORD ? { password: env.INFLOW_TEAM_PASSWORD } : {}),
    ...(env.INFLOW_TEAM_COLLECTOR ? { collector: env.INFLOW_TEAM_COLLECTOR } : {}),
  };
  return Object.keys(values).length ? values : null;
}

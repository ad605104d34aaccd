import { readFileSync } from 'node:fs';
import type { ProcedureInput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { ApprovalRequest } from '../../shared/team-authority';
import type { Core } from '../core';
import type { CliValues } from './cli-program';

type Options = Pick<CliValues, 'json' | 'db-user' | 'collector' | 'role' | 'limits' | 'id' | 'notes'>;

/**
 * `team add-member|limits|approvals|approve|decline`: a manager's side of authority limits. A new
 * member's password comes from INFLOW_TEAM_MEMBER_PASSWORD (never a flag: shell history and `ps`).
 */
export async function teamAuthorityCommand(core: Core, sub: string, options: Options, env: NodeJS.ProcessEnv): Promise<string | null> {
  switch (sub) {
    case 'add-member': {
      const input = {
        dbUser: options['db-user'] ?? '',
        collector: options.collector ?? '',
        role: options.role ?? 'collector',
        ...(env.INFLOW_TEAM_MEMBER_PASSWORD ? { password: env.INFLOW_TEAM_MEMBER_PASSWORD } : {}),
      } as ProcedureInput<'team.members.add'>;
      const added = await core.call('team.members.add', input);
      return options.json ? JSON.stringify(added) : `${added.created ? 'Created' : 'Updated'} ${added.dbUser}: ${input.collector}, ${input.role}.`;
    }
    case 'limits': {
      if (options.limits) await core.call('team.limits.save', JSON.parse(readFileSync(options.limits, 'utf8')) as ProcedureInput<'team.limits.save'>);
      const authority = await core.call('team.authority', {});
      if (options.json) return JSON.stringify(authority);
      if (!authority) return 'Solo desk: no limits.';
      return `This desk's role: ${authority.role}.\n${authority.limits ? JSON.stringify(authority.limits, null, 2) : 'The team has set no limits.'}`;
    }
    case 'approvals': {
      const requests = await core.call('team.approvals.list', {});
      if (options.json) return JSON.stringify(requests);
      return requests.length ? requests.map(describe).join('\n') : 'No requests.';
    }
    case 'approve':
    case 'decline': {
      const id = Number(options.id);
      if (!Number.isInteger(id) || id <= 0) throw new AppError('INVALID_INPUT', `team ${sub} needs --id N (from team approvals).`);
      const decided = await core.call('team.approvals.decide', { id, decision: sub, note: options.notes ?? '' });
      return options.json ? JSON.stringify(decided) : describe(decided);
    }
    default:
      return null;
  }
}

const describe = (request: ApprovalRequest): string =>
  `#${request.id} ${request.status}${request.decidedBy ? ` by ${request.decidedBy}` : ''}: ${request.summary}${request.note ? ` (${request.note})` : ''}`;

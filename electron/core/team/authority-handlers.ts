import { AppError } from '../../../shared/errors';
import { nowOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting } from '../settings';
import { decideApproval, listApprovals } from './approval-requests';
import { keepAuthority, readAuthority } from './authority-exchange';
import { addMember, listMembers } from './team-members';

const collectorOf = (sqlite: Parameters<typeof getSetting>[0]): string => getSetting(sqlite, 'team')?.collector ?? 'a manager';

export const authorityHandlers: Handlers<
  'team.authority' | 'team.limits.save' | 'team.members.list' | 'team.members.add' | 'team.approvals.list' | 'team.approvals.decide'
> = {
  'team.authority': (_input, ctx) => (ctx.team.status().mode === 'team' ? getSetting(ctx.database.sqlite, 'teamAuthority') : null),
  'team.limits.save': async (limits, ctx) => {
    const { sqlite } = ctx.database;
    await ctx.team.onServer(async (pool) => {
      await pool.query(
        `INSERT INTO team_limits (id, limits) VALUES (1, $1)
        ON CONFLICT (id) DO UPDATE SET limits = excluded.limits, updated_by = current_user, updated_at = now()`,
        [JSON.stringify(limits)],
      );
      keepAuthority(sqlite, await readAuthority(pool), nowOf(ctx));
    });
    return limits;
  },
  'team.members.list': (_input, ctx) => ctx.team.onServer((pool) => listMembers(pool)),
  'team.members.add': async (member, ctx) => {
    const { created } = await ctx.team.onServer((pool) =>
      addMember(pool, member).catch((error: unknown) => {
        if ((error as { code?: string }).code === 'NEEDS_PASSWORD')
          throw new AppError('INVALID_INPUT', `The database user ${member.dbUser} does not exist yet: give a password to create it.`, { field: 'password' });
        throw error;
      }),
    );
    ctx.database.sqlite
      .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'user', 'team.member.add', 'team', NULL, ?)")
      .run(nowOf(ctx), JSON.stringify({ dbUser: member.dbUser, collector: member.collector, role: member.role, created }));
    return { dbUser: member.dbUser, created };
  },
  'team.approvals.list': (_input, ctx) => ctx.team.onServer((pool, deskId) => listApprovals(pool, deskId)),
  'team.approvals.decide': (input, ctx) => ctx.team.onServer((pool, deskId) => decideApproval(pool, deskId, collectorOf(ctx.database.sqlite), input)),
};

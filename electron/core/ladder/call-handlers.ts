import { recordActivity } from '../activity/record-activity';
import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { takeLadderTask } from './ladder-tasks';

/**
 * Logging a call sits with the ladder rather than with activity's handlers: the activity folder is
 * below the ladder in the order of core folders (docs/ARCHITECTURE.md), and a logged call also does
 * the ladder's call step when one is due, so the queue stops asking for it.
 */
export const callHandlers: Handlers<'activity.logCall'> = {
  'activity.logCall': (input, ctx) => {
    const { customerId, ...call } = input;
    const { sqlite } = ctx.database;
    return sqlite.transaction(() => {
      const task = takeLadderTask(sqlite, customerId, 'call_task', todayOf(ctx), nowOf(ctx));
      return { activityId: recordActivity(ctx, { customerId, kind: 'call', body: task ? { ...call, ladderStep: task.label } : call }).activityId };
    })();
  },
};

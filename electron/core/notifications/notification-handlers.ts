import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting, setSetting } from '../settings';
import { readNotificationFacts } from './notification-facts';
import { notificationsDue } from './notifications-due';

/** Enough memory for weeks of notices; the oldest keys are forgotten first. */
const MAX_REMEMBERED = 2000;

export const notificationHandlers: Handlers<'notifications.due' | 'tray.summary'> = {
  /** The notices to show now; they are remembered as shown at once, so a second caller gets none of them. */
  'notifications.due': (_input, ctx) => {
    const { sqlite } = ctx.database;
    if (!getSetting(sqlite, 'shell').notifications) return [];
    const facts = readNotificationFacts(sqlite, todayOf(ctx), ctx.clock(), getSetting(sqlite, 'outreach').syncFreshnessDays);
    const remembered = getSetting(sqlite, 'notifiedKeys');
    const notices = notificationsDue(facts, new Set(remembered));
    if (notices.length > 0) setSetting(sqlite, 'notifiedKeys', [...remembered, ...notices.flatMap((n) => n.keys)].slice(-MAX_REMEMBERED), nowOf(ctx));
    return notices;
  },
  'tray.summary': (_input, ctx) => {
    const today = todayOf(ctx);
    const facts = readNotificationFacts(ctx.database.sqlite, today, ctx.clock(), getSetting(ctx.database.sqlite, 'outreach').syncFreshnessDays);
    return { queue: ctx.worklist.ranked(today).length, promisesDueToday: facts.promisesDueToday.length };
  },
};

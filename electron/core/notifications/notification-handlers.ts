import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting, setSetting } from '../settings';
import { readNotificationFacts } from './notification-facts';
import { notificationsDue } from './notifications-due';

/** Enough memory for weeks of notices; the oldest keys are forgotten first. */
const MAX_REMEMBERED = 2000;

export const notificationHandlers: Handlers<'notifications.due'> = {
  /**
   * The notices to show now, and the tray's summary from the same facts (read once for both). Notices
   * are remembered as shown at once, so a second caller gets none of them. Between polls the tray's
   * count follows the queue.changed event.
   */
  'notifications.due': (_input, ctx) => {
    const { sqlite } = ctx.database;
    const today = todayOf(ctx);
    const facts = readNotificationFacts(sqlite, today, ctx.clock(), getSetting(sqlite, 'outreach').syncFreshnessDays);
    const tray = { queue: ctx.worklist.ranked(today).length, promisesDueToday: facts.promisesDueToday.length };
    if (!getSetting(sqlite, 'shell').notifications) return { notices: [], tray };
    const remembered = getSetting(sqlite, 'notifiedKeys');
    const notices = notificationsDue(facts, new Set(remembered));
    if (notices.length > 0) setSetting(sqlite, 'notifiedKeys', [...remembered, ...notices.flatMap((n) => n.keys)].slice(-MAX_REMEMBERED), nowOf(ctx));
    return { notices, tray };
  },
};

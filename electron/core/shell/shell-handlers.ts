import { dirname } from 'node:path';
import { pruneBackups } from '../../db/backup';
import { nowOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting, setSetting } from '../settings';

/** What the desktop shell asks the core: is it safe to restart, and the shell's own settings. */
export const shellHandlers: Handlers<'app.busy' | 'settings.shell.get' | 'settings.shell.save'> = {
  'app.busy': (_input, ctx) => ({ outboxSending: ctx.outbox.isSending, jobsRunning: ctx.jobs.runningCount }),
  'settings.shell.get': (_input, ctx) => ({ ...getSetting(ctx.database.sqlite, 'shell'), dataFolder: dirname(ctx.database.path) }),
  'settings.shell.save': (settings, ctx) => {
    setSetting(ctx.database.sqlite, 'shell', settings, nowOf(ctx));
    pruneBackups(ctx.database.path, settings.keepBackups);
    return { ...settings, dataFolder: dirname(ctx.database.path) };
  },
};

import { AppError } from '../../../shared/errors';
import { IMAP_SERVER_FIELDS, type ImapSettings, type ImapSettingsView } from '../../../shared/inbox';
import { nowOf } from '../context';
import type { Handlers } from '../handler-types';
import { sameServer } from '../server-secret';
import { getSetting, setSetting } from '../settings';
import { fetchMailbox } from './fetch-mailbox';
import { inboxItem, listInbox } from './inbox-list';
import { messageView, attachmentOf } from './message-view';
import { assignMessage, handleMessage } from './handle-message';

function view(settings: ImapSettings): ImapSettingsView {
  const { password, ...rest } = settings;
  return { ...rest, hasPassword: password !== '' };
}

/** The Inbox's procedures: the mailbox settings, reading it now, listing, opening, assigning and handling messages. */
export const inboxHandlers: Handlers<'inbox.settings.get' | 'inbox.settings.save' | 'inbox.fetch' | 'inbox.list' | 'inbox.message' | 'inbox.attachment' | 'inbox.assign' | 'inbox.handle'> = {
  'inbox.settings.get': (_input, ctx) => {
    const settings = getSetting(ctx.database.sqlite, 'imap');
    return settings ? view(settings) : null;
  },
  /** Without a password the stored one is kept, unless the server or login changed: a password goes only where it was entered for. */
  'inbox.settings.save': (input, ctx) => {
    const stored = getSetting(ctx.database.sqlite, 'imap');
    const kept = sameServer(stored, input, IMAP_SERVER_FIELDS) ? stored.password : '';
    const settings = { ...input, password: input.password ?? kept };
    setSetting(ctx.database.sqlite, 'imap', settings, nowOf(ctx));
    ctx.inbox.restart();
    return view(settings);
  },
  /** Reads what is new, then appends the sent copies still waiting for the Sent folder. */
  'inbox.fetch': async (_input, ctx) => {
    const result = await ctx.inbox.fetchNow(() => fetchMailbox(ctx));
    await ctx.inbox.appendCopies();
    return result;
  },
  'inbox.list': ({ filter, all, limit }, ctx) => listInbox(ctx.database.sqlite, filter, all, limit),
  'inbox.message': ({ id }, ctx) => messageView(ctx.database.sqlite, id),
  'inbox.attachment': ({ id, path }, ctx) => attachmentOf(ctx.database.sqlite, id, path),
  'inbox.assign': ({ id, customerId }, ctx) => {
    assignMessage(ctx, id, customerId);
    return inboxItem(ctx.database.sqlite, id) ?? notFound(id);
  },
  'inbox.handle': ({ id, action }, ctx) => {
    handleMessage(ctx, id, action);
    return inboxItem(ctx.database.sqlite, id) ?? notFound(id);
  },
};

function notFound(id: number): never {
  throw new AppError('NOT_FOUND', `No message ${id} in the Inbox.`);
}

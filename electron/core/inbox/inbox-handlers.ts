import { AppError } from '../../../shared/errors';
import { IMAP_SERVER_FIELDS, type ImapSettings, type ImapSettingsView } from '../../../shared/inbox';
import { nowOf } from '../context';
import type { Handlers } from '../handler-types';
import { sameServer } from '../server-secret';
import { getSetting, setSetting } from '../settings';
import { fetchMailbox } from './fetch-mailbox';
import { isOAuth } from './mailbox-oauth';
import { signInToMailbox } from './mailbox-sign-in';
import type { MailboxTokens } from '../../../shared/mailbox-tokens';
import { tokensFor } from './mailbox-tokens';
import { inboxItem, listInbox } from './inbox-list';
import { messageView, attachmentOf } from './message-view';
import { assignMessage, handleMessage } from './handle-message';

function view(settings: ImapSettings, stored: MailboxTokens | null): ImapSettingsView {
  const { password, clientSecret, ...rest } = settings;
  const tokens = isOAuth(settings) ? tokensFor(settings, stored) : null;
  return {
    ...rest,
    hasPassword: password !== '',
    hasClientSecret: clientSecret !== '',
    oauth: { signedInAs: tokens && tokens.refreshToken !== '' ? settings.user : null, reconnect: tokens?.refreshToken === '' },
  };
}

/** The Inbox's procedures: the mailbox settings, reading it now, listing, opening, assigning and handling messages. */
export const inboxHandlers: Handlers<
  | 'inbox.settings.get'
  | 'inbox.settings.save'
  | 'inbox.oauth.signIn'
  | 'inbox.fetch'
  | 'inbox.list'
  | 'inbox.message'
  | 'inbox.attachment'
  | 'inbox.assign'
  | 'inbox.handle'
> = {
  'inbox.settings.get': (_input, ctx) => {
    const settings = getSetting(ctx.database.sqlite, 'imap');
    return settings ? view(settings, getSetting(ctx.database.sqlite, 'imapTokens')) : null;
  },
  /**
   * Without a password (or client secret) the stored one is kept, unless the server, login or sign-in
   * changed: a secret goes only where it was entered for, and OAuth tokens are forgotten the same way.
   */
  'inbox.settings.save': (input, ctx) => {
    const { sqlite } = ctx.database;
    const stored = getSetting(sqlite, 'imap');
    const same = sameServer(stored, input, IMAP_SERVER_FIELDS);
    const settings = {
      ...input,
      password: input.password ?? (same ? stored.password : ''),
      clientSecret: input.clientSecret ?? (same ? stored.clientSecret : ''),
    };
    sqlite.transaction(() => {
      setSetting(sqlite, 'imap', settings, nowOf(ctx));
      if (!same && getSetting(sqlite, 'imapTokens')) setSetting(sqlite, 'imapTokens', null, nowOf(ctx));
    })();
    ctx.inbox.restart();
    return view(settings, getSetting(sqlite, 'imapTokens'));
  },
  'inbox.oauth.signIn': async (_input, ctx) => ({ signedInAs: await signInToMailbox(ctx) }),
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

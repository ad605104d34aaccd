import type { ImapFlow } from 'imapflow';
import { AppError } from '../../../shared/errors';
import type { ImapSettings } from '../../../shared/inbox';
import { nowOf, type CoreContext } from '../context';
import { getSetting, setSetting } from '../settings';
import { openImap } from './imap-connection';
import { isOAuth, needsRefresh, reconnectError, refreshTokens } from './mailbox-oauth';
import type { MailboxTokens } from '../../../shared/mailbox-tokens';
import { tokensFor } from './mailbox-tokens';

type OAuthSettings = Parameters<typeof refreshTokens>[0];

/** One refresh at a time per database: two at once would spend a rotating refresh token twice. */
const refreshing = new WeakMap<object, Promise<MailboxTokens>>();

/**
 * The mailbox, signed in the way its settings say: the password, or an OAuth access token (XOAUTH2
 * or OAUTHBEARER, whichever the server offers) renewed shortly before it expires. A server that
 * refuses the token gets one fresh token and one more try, since a token can stop working before the
 * time it was issued for (revoked sessions, a changed password).
 */
export async function openMailbox(ctx: CoreContext, settings: ImapSettings): Promise<ImapFlow> {
  if (!isOAuth(settings)) return openImap(settings);
  const tokens = await accessTokens(ctx, settings, false);
  try {
    return await openImap(settings, tokens.accessToken);
  } catch (error) {
    if (!(error instanceof AppError) || !(error.details as { loginRefused?: boolean } | undefined)?.loginRefused) throw error;
    return openImap(settings, (await accessTokens(ctx, settings, true)).accessToken);
  }
}

async function accessTokens(ctx: CoreContext, settings: OAuthSettings, force: boolean): Promise<MailboxTokens> {
  const { sqlite } = ctx.database;
  const stored = tokensFor(settings, getSetting(sqlite, 'imapTokens'));
  if (!stored) throw new AppError('MAILBOX_FAILED', `Inflow is not signed in to ${settings.user} yet: Settings → Inbox → Sign in.`);
  if (stored.refreshToken === '') throw reconnectError(settings);
  if (!force && !needsRefresh(stored, ctx.clock())) return stored;
  const running = refreshing.get(sqlite);
  if (running) return running;
  const refresh = refreshTokens(settings, stored, ctx.clock())
    .then(
      (fresh) => {
        setSetting(sqlite, 'imapTokens', fresh, nowOf(ctx));
        return fresh;
      },
      (error: unknown) => {
        // A refused grant stays refused: remember it, so the status says "sign in again" and nothing retries it.
        if (error instanceof AppError && (error.details as { reconnect?: boolean } | undefined)?.reconnect) {
          setSetting(sqlite, 'imapTokens', { ...stored, accessToken: '', refreshToken: '' }, nowOf(ctx));
        }
        throw error;
      },
    )
    .finally(() => refreshing.delete(sqlite));
  refreshing.set(sqlite, refresh);
  return refresh;
}

import { AppError } from '../../../shared/errors';
import { nowOf, type CoreContext } from '../context';
import { startLoopbackSignIn } from '../oauth-loopback';
import { setSetting } from '../settings';
import { imapSettingsOf } from './fetch-mailbox';
import { openMailbox } from './mailbox-login';
import { exchangeCode, isOAuth, loopbackProvider, providerName } from './mailbox-oauth';

/**
 * Signs in to the saved mailbox with Google or Microsoft 365 through the same PKCE loopback as
 * QuickBooks: the consent page goes to the user's browser (a `browser.open` event the host acts on),
 * the redirect brings the code, the tokens are stored for this server and login only, and one IMAP
 * login with the new token proves it before the watcher reads with it.
 */
export async function signInToMailbox(ctx: CoreContext): Promise<string> {
  const settings = imapSettingsOf(ctx);
  if (!isOAuth(settings))
    throw new AppError('INVALID_INPUT', 'This mailbox signs in with its password. Choose Google or Microsoft 365 as the sign-in method and save first.');
  if (settings.signIn === 'google' && !settings.clientSecret) {
    throw new AppError('INVALID_INPUT', 'Enter the client secret Google gave with the client id (Google Cloud → Credentials → your Desktop app), and save.');
  }
  const pending = await startLoopbackSignIn(loopbackProvider(settings));
  ctx.emit({ type: 'browser.open', url: pending.url });
  const tokens = await exchangeCode(settings, await pending.grant, ctx.clock());
  setSetting(ctx.database.sqlite, 'imapTokens', tokens, nowOf(ctx));
  const client = await openMailbox(ctx, settings).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'MAILBOX_FAILED'
      ? new AppError('MAILBOX_FAILED', `Signed in with ${providerName(settings)}, but the mailbox refused the token: ${error.message}`)
      : error;
  });
  await client.logout().catch(() => client.close());
  ctx.inbox.restart();
  return settings.user;
}

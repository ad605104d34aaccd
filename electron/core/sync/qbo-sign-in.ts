import { AppError } from '../../../shared/errors';
import type { ErpConnection } from '../../../shared/sync';
import { nowOf, type CoreContext } from '../context';
import { qboClient } from './qbo-client';
import { companyName } from './qbo-connector';
import { exchangeCode, startSignIn } from './qbo-oauth';
import { settingsTokenStore } from './qbo-token-store';

const EXCHANGE_TIMEOUT_MS = 60_000;

/**
 * Signs in to QuickBooks: the authorize page goes to the user's browser (a `browser.open` event the
 * host acts on), the loopback redirect brings the code, the tokens are stored as secret settings, and
 * the company's name is read to say whom Inflow is connected to. Another company starts from scratch.
 */
export async function signInToQuickBooks(ctx: CoreContext, connection: ErpConnection): Promise<string> {
  if (!connection.apiKey) throw new AppError('INVALID_INPUT', 'Enter the client secret of your Intuit app and save the connection first.');
  const signIn = await startSignIn(connection);
  ctx.emit({ type: 'browser.open', url: signIn.url });
  const grant = await signIn.grant;
  const signal = AbortSignal.timeout(EXCHANGE_TIMEOUT_MS);
  const tokens = await exchangeCode(connection, grant, ctx.clock(), signal);
  const { sqlite } = ctx.database;
  const store = settingsTokenStore(sqlite, () => nowOf(ctx));
  sqlite.transaction(() => {
    if (store.read()?.realmId !== tokens.realmId) sqlite.prepare("DELETE FROM sync_cursors WHERE connector = 'qbo'").run();
    store.save(tokens);
  })();
  const connectedAs = await companyName(qboClient(connection, store, ctx.clock), signal);
  store.save({ ...store.read()!, companyName: connectedAs });
  return connectedAs;
}

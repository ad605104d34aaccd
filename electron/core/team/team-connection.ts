import pg from 'pg';
import { AppError } from '../../../shared/errors';
import { usesTls, type TeamConnection } from '../../../shared/team';

/** Long enough for a server across the country, short enough that a desk offline says so quickly. */
const CONNECT_TIMEOUT_MS = 5000;
const QUERY_TIMEOUT_MS = 30_000;

/**
 * The pool a desk talks to its team server through. TLS with the server's certificate checked
 * against the system's authorities, always, except to a server on this machine (loopback): the
 * password and every change would otherwise cross the network in clear. Two connections: the sync
 * loop and a send claim never wait for each other.
 */
export function teamPool(connection: TeamConnection): pg.Pool {
  const pool = new pg.Pool({ ...serverConfig(connection), max: 2, query_timeout: QUERY_TIMEOUT_MS, idleTimeoutMillis: 30_000 });
  // A server restart drops idle connections: the pool replaces them; nothing to do but not crash.
  pool.on('error', () => undefined);
  return pool;
}

/** How a desk reaches its team server, for the pool and for the listener's own connection (team-listener.ts). */
export function serverConfig(connection: TeamConnection): pg.ClientConfig {
  return {
    host: connection.host.replace(/^\[(.*)\]$/, '$1'),
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    ssl: usesTls(connection.host) ? { rejectUnauthorized: true, servername: connection.host } : false,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'inflow',
  };
}

/**
 * A client taken from the pool for a transaction. A connection that drops while it is out is
 * reported on the client as an 'error' event, which would end the process with nobody listening;
 * the query under way fails anyway, so the event only needs a listener.
 */
export async function checkOut(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  client.on('error', ignoreDroppedConnection);
  return client;
}

export function checkIn(client: pg.PoolClient, broken = false): void {
  client.off('error', ignoreDroppedConnection);
  client.release(broken);
}

const ignoreDroppedConnection = (): void => undefined;

/**
 * `work` in one server transaction on a client of its own: committed when it returns, rolled back
 * when it throws, and a client whose transaction failed is dropped rather than reused (its state
 * is unknown after, say, a connection cut mid-statement).
 */
export async function serverTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await checkOut(pool);
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = true;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    checkIn(client, broken);
  }
}

/** Node's names for a certificate this computer does not trust, or that is not the server's. */
const TLS_CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** What a failed exchange with the server means to the collector, without the password or the server's internals. */
export function teamError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const failure = error as { code?: string; message?: string };
  if (failure.code === '28P01' || failure.code === '28000')
    return new AppError('CONFLICT', 'The team server refused the user name or password (Settings → Team).');
  if (failure.code === '3D000') return new AppError('CONFLICT', 'The team server has no database of that name (Settings → Team).');
  if (failure.code === '42501') return new AppError('CONFLICT', 'The team server refused this desk: its database user may not do that.');
  if (/does not support SSL/i.test(failure.message ?? '')) {
    return new AppError(
      'CONFLICT',
      'The team server does not offer TLS. A server on another machine is reached only over TLS: turn on ssl in its postgresql.conf (Settings → Team).',
    );
  }
  if (failure.code && TLS_CERTIFICATE_CODES.has(failure.code)) {
    return new AppError(
      'CONFLICT',
      `The team server's TLS certificate is not trusted by this computer (${failure.code}): install its authority's certificate, or use the name the certificate was issued for (Settings → Team).`,
    );
  }
  return new AppError('OFFLINE', `The team server cannot be reached: ${failure.message ?? 'no answer'}.`);
}

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

/** A real IMAP server for tests: Debian's Dovecot as an unprivileged process on 127.0.0.1, a temp maildir. */
export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** The maildir root (one folder per user). */
  dir: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Sign-in with OAuth access tokens (XOAUTH2, OAUTHBEARER) through Dovecot's oauth2 passdb: each
 * token is checked at `tokeninfoUrl` (Google's tokeninfo: the token appended, `email` in the answer
 * names the account).
 */
export interface DovecotOAuth {
  tokeninfoUrl: string;
  mechanisms: ('xoauth2' | 'oauthbearer')[];
}

/**
 * Starts a private Dovecot (no root install, no system config) with one account. As root it runs as `nobody`, with the
 * temp dir handed to that user: Dovecot refuses to run its services as root.
 */
export async function startDovecot(user = 'ar@inflow-test.example', password = 'secret', oauth?: DovecotOAuth): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-dovecot-'));
  const root = process.getuid?.() === 0;
  const account = root ? { name: 'nobody', uid: 65534, gid: 65534 } : { name: userInfo().username, uid: userInfo().uid, gid: userInfo().gid };
  const port = await freePort();
  const config = join(dir, 'dovecot.conf');
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  if (oauth) writeFileSync(join(dir, 'oauth2.conf'), `tokeninfo_url = ${oauth.tokeninfoUrl}\nusername_attribute = email\ntimeout_msecs = 5000\n`);
  writeFileSync(
    config,
    `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${oauth ? ` ${oauth.mechanisms.join(' ')}\nauth_failure_delay = 0` : ''}
default_internal_user = ${account.name}
default_login_user = ${account.name}
default_internal_group = ${root ? 'nogroup' : account.name}
mail_location = maildir:${dir}/mail/%u
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
${
  oauth
    ? `passdb {
  driver = oauth2
  mechanisms = ${oauth.mechanisms.join(' ')}
  args = ${dir}/oauth2.conf
}`
    : ''
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${account.uid} gid=${account.gid} home=${dir}/home/%u
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
`,
  );
  if (root) {
    execFileSync('chown', ['-R', `${account.uid}:${account.gid}`, dir]);
    chownSync(dir, account.uid, account.gid);
  }
  chmodSync(dir, 0o755);
  const command = root ? ['runuser', '-u', 'nobody', '--', 'dovecot', '-c', config] : ['dovecot', '-c', config];
  // Dovecot daemonises: with pipes for its output the child would hold them open and this call would never return.
  const started = spawnSync(command[0]!, command.slice(1), { stdio: 'ignore' });
  if (started.status !== 0) throw new Error(`dovecot did not start (exit ${started.status}); see ${join(dir, 'dovecot.log')}`);
  await waitForPort(port);
  return {
    port,
    user,
    password,
    dir: join(dir, 'mail'),
    stop: () => {
      const stop = root ? ['runuser', '-u', 'nobody', '--', 'doveadm', '-c', config, 'stop'] : ['doveadm', '-c', config, 'stop'];
      spawnSync(stop[0]!, stop.slice(1), { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number): Promise<void> {
  const { connect } = await import('node:net');
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      }).once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`dovecot never listened on ${port}`);
}

/** A client signed in to the test account, for putting messages in the mailbox (plain IMAP on loopback). */
export async function imapClient(dovecot: Dovecot): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
    // The test server offers no TLS: imapflow would otherwise try STARTTLS (the option is missing from its types).
    ...({ doSTARTTLS: false } as object),
  });
  await client.connect();
  return client;
}

/** Runs `work` with a signed-in client, and signs out. */
export async function withImap<T>(dovecot: Dovecot, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = await imapClient(dovecot);
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { localToday } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import type { ProcedureInput } from '../../shared/api';
import { IMAP_SECURITY, INBOX_FILTERS, type InboxFilter } from '../../shared/inbox';
import { classifyRaw, MAX_MESSAGE_BYTES, type ClassifiedFile, type Core } from '../core';

/**
 * `inbox classify FILE.eml…`: reads each file as one raw message and prints what the inbox would make
 * of it, without a database (for support, and for checking the classifier on a folder of mail).
 */
export function classifyCommand(files: string[], json: boolean): string {
  if (files.length === 0) throw new AppError('INVALID_INPUT', 'inbox classify needs one or more .eml files.');
  const today = localToday();
  const results = files.map((file): ClassifiedFile => {
    const path = resolve(file);
    let size: number;
    try {
      size = statSync(path).size;
    } catch (error) {
      throw new AppError('INVALID_INPUT', `${file} cannot be read: ${(error as Error).message}`);
    }
    // A file too large is refused before it is read into memory.
    return size > MAX_MESSAGE_BYTES ? classifyRaw(file, Buffer.alloc(MAX_MESSAGE_BYTES + 1), today) : classifyRaw(file, readFileSync(path), today);
  });
  if (json) return JSON.stringify(results);
  return results.map((r) => `${r.file}: ${r.refused ? `refused (${r.refused})` : describe(r)}`).join('\n');
}

function describe(r: ClassifiedFile): string {
  if (r.kind === 'bounce' && r.bounce)
    return `bounce, ${r.bounce.permanent ? 'permanent' : 'temporary'} ${r.bounce.status ?? '(no status)'} for ${r.bounce.recipient ?? '(recipient not named)'}`;
  if (r.kind === 'auto_reply') return `automatic answer${r.returnDate ? `, back ${r.returnDate}` : ''}`;
  return r.kind;
}

export interface InboxOptions {
  json: boolean;
  kind?: string | undefined;
}

/**
 * `inbox fetch` reads the mailbox now (the IMAP account from INFLOW_IMAP_* when given, stored like
 * Settings → Inbox stores it; else the stored one); `inbox list` prints what is open in the Inbox.
 */
export async function inboxCommand(core: Core, sub: string | undefined, options: InboxOptions, env: NodeJS.ProcessEnv): Promise<string> {
  if (sub === 'fetch') {
    const fromEnv = imapFromEnv(env);
    if (fromEnv) {
      const stored = await core.call('inbox.settings.get', {});
      await core.call('inbox.settings.save', { ...(stored ?? {}), ...fromEnv } as ProcedureInput<'inbox.settings.save'>);
    }
    const result = await core.call('inbox.fetch', {});
    return options.json
      ? JSON.stringify(result)
      : `Fetched ${result.fetched}: ${result.replies} replies, ${result.bounces} bounces, ${result.autoReplies} automatic answers; ${result.matched} matched, ${result.unmatched} unmatched.`;
  }
  if (sub === 'list') {
    const kind = options.kind;
    if (kind !== undefined && !(INBOX_FILTERS as readonly string[]).includes(kind))
      throw new AppError('INVALID_INPUT', `--kind must be one of ${INBOX_FILTERS.join(', ')}.`);
    const items = await core.call('inbox.list', kind ? { filter: kind as InboxFilter } : {});
    if (options.json) return JSON.stringify(items.map(({ reading, ...item }) => ({ ...item, evidence: reading.evidence, actions: reading.actions })));
    return (
      items.map((i) => `${i.receivedAt.slice(0, 16)}  ${i.kind.padEnd(10)} ${(i.customerName ?? '(unmatched)').padEnd(24)} ${i.summary}`).join('\n') ||
      'The Inbox is empty.'
    );
  }
  throw new AppError('INVALID_INPUT', 'inbox takes fetch, list or classify.');
}

function imapFromEnv(env: NodeJS.ProcessEnv) {
  if (!env.INFLOW_IMAP_HOST && !env.INFLOW_IMAP_USER && !env.INFLOW_IMAP_PASSWORD) return null;
  const security = env.INFLOW_IMAP_SECURITY ?? 'tls';
  if (!(IMAP_SECURITY as readonly string[]).includes(security))
    throw new AppError('INVALID_INPUT', `INFLOW_IMAP_SECURITY must be ${IMAP_SECURITY.join(', ')}.`);
  return {
    ...(env.INFLOW_IMAP_HOST ? { host: env.INFLOW_IMAP_HOST } : {}),
    port: Number(env.INFLOW_IMAP_PORT ?? (security === 'tls' ? 993 : 143)),
    security: security as (typeof IMAP_SECURITY)[number],
    ...(env.INFLOW_IMAP_USER ? { user: env.INFLOW_IMAP_USER } : {}),
    ...(env.INFLOW_IMAP_PASSWORD ? { password: env.INFLOW_IMAP_PASSWORD } : {}),
    ...(env.INFLOW_IMAP_FOLDER ? { folder: env.INFLOW_IMAP_FOLDER } : {}),
  };
}

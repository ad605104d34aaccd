import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pinoRoll from 'pino-roll';
import { makePrivate, makePrivateDir, PRIVATE_FILE_MODE } from '../core';
import { setLogSink } from '../log/log';

/** A few days of a busy collector's work in each file; the oldest goes when a fifth fills. */
const FILE_SIZE = '5m';
const KEEP_OLDER = 4;

export interface LogFile {
  folder: string;
  close(): void;
}

/**
 * Sends this process's log (and its core worker's, forwarded) to `<dataFolder>/logs/inflow.N.log`,
 * rotated by size. The folder is the user's alone (0700) and so are the files (0600). Lines are
 * written synchronously: few, and the last one before a crash is the one that matters.
 */
export async function openLogFile(dataFolder: string): Promise<LogFile> {
  const folder = join(dataFolder, 'logs');
  makePrivateDir(folder);
  // Files an earlier version (or a copy) left readable by others are closed up too.
  makePrivate(...readdirSync(folder).map((name) => join(folder, name)));
  const stream = await pinoRoll({
    file: join(folder, 'inflow'),
    extension: '.log',
    size: FILE_SIZE,
    limit: { count: KEEP_OLDER },
    mode: PRIVATE_FILE_MODE,
    sync: true,
  });
  setLogSink(stream);
  return {
    folder,
    close: () => {
      setLogSink(null);
      stream.end();
    },
  };
}

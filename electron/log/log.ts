import pino from 'pino';

/**
 * The app's log: structured lines for a person helping a collector, about what Inflow did, never
 * about whom (DESIGN §7: logs are for ids, not people). A line holds an event name and fields:
 * numbers and flags freely (ids, counts, milliseconds, status codes), text only as a short code (a
 * procedure name, an error code, a connector); any other text is replaced before it is written.
 * Errors go in as their type, code and stack frames, never their message, which may quote what a
 * user typed or an ERP or mail server sent. Plain Node, below every other layer: the core, the
 * database layer and the hosts all log through it; where its lines go is the host's choice.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Where finished lines go: a rotating file (log-file.ts), or the host's thread from a worker. */
export interface LogSink {
  write(line: string): void;
}

const CODE = /^[A-Za-z0-9_.:/-]{1,80}$/;
/** Stack frames as safeError writes them: function@file:line, space-separated. */
const FRAMES = /^[\w.$<>@:/ -]{1,600}$/;
const OMITTED = '[text omitted]';

let sink: LogSink | null = null;
const logger = pino(
  { base: null, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
  { write: (line: string) => sink?.write(line) },
);

/** Sends this thread's lines to `next` (null: nowhere, the default, as in tests). */
export function setLogSink(next: LogSink | null): void {
  sink = next;
}

/** A line another thread already wrote (the core's worker), passed on as it is. */
export function writeLogLine(line: string): void {
  sink?.write(line);
}

function clean(event: string, fields: LogFields): Record<string, unknown> {
  const line: Record<string, unknown> = { event: CODE.test(event) ? event : OMITTED };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || !CODE.test(key)) continue;
    if (typeof value !== 'string') line[key] = typeof value === 'number' && !Number.isFinite(value) ? null : value;
    else line[key] = (key === 'at' ? FRAMES : CODE).test(value) ? value : OMITTED;
  }
  return line;
}

export const log = {
  info: (event: string, fields: LogFields = {}): void => logger.info(clean(event, fields)),
  warn: (event: string, fields: LogFields = {}): void => logger.warn(clean(event, fields)),
  error: (event: string, fields: LogFields = {}): void => logger.error(clean(event, fields)),
};

/** Where the error was thrown, as `fn@file.ts:12` frames (file names only, no folders); never its message. */
function frames(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const found = stack
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      const match = /^\s*at (?:(.+?) \()?(.+?):(\d+):\d+\)?$/.exec(line);
      if (!match) return [];
      const fn = (match[1] ?? '<anonymous>').replace(/[^\w.$<>]/g, '');
      const file = match[2]!
        .split(/[\\/]/)
        .pop()!
        .replace(/[^\w.-]/g, '');
      return [`${fn}@${file}:${match[3]}`];
    });
  return found.slice(0, 8).join(' ') || undefined;
}

/** An error as log fields: its type, its code (an AppError's, a system call's, SQLite's) and where it came from. */
export function safeError(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: typeof error };
  const code = (error as { code?: unknown }).code;
  return { error: error.name, ...(typeof code === 'string' ? { errorCode: code } : {}), at: frames(error.stack) };
}

/**
 * Errors cross every host boundary as plain `{ code, message, details }` objects. Codes are stable
 * so the UI can translate them; messages are already readable English for logs and the CLI.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'IMPORT_REJECTED',
  'DB_CANNOT_OPEN',
  /** The database file is there, but this key is not the one it was written with. */
  'DB_WRONG_KEY',
  /** The database file is damaged, truncated, emptied or lost its write-ahead log: restore a backup. */
  'DB_CORRUPT',
  'DB_TOO_NEW',
  'CANCELLED',
  'CONFLICT',
  /** The mail server refused or could not be reached; the message carries its words. */
  'SEND_FAILED',
  /** The ERP answered but refused or sent something unusable; the message says what and what to check. */
  'SYNC_FAILED',
  /** The mailbox (IMAP) refused the login or a command; the message carries its words. */
  'MAILBOX_FAILED',
  /** The ERP could not be reached at all (no network, server down): retried later with backoff. */
  'OFFLINE',
  /** Above the collector's authority limit: filed as a request for a manager, recorded once approved. */
  'NEEDS_APPROVAL',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toShape(): ErrorShape {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorShape(value: unknown): value is ErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorShape).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as ErrorShape).code) &&
    typeof (value as ErrorShape).message === 'string'
  );
}

/** Turns anything thrown into the wire shape, hiding internals of unexpected errors. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof AppError) return error.toShape();
  if (isErrorShape(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` };
}

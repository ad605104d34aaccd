/**
 * A stored secret (a mailbox password, an ERP API key, QuickBooks' tokens) belongs to the server and
 * account it was entered for. A save keeps it only when none of the fields saying where it goes and
 * as whom changed; otherwise the next "test" would hand it to whatever server the new address names.
 */
export function sameServer<T extends object, K extends keyof T>(stored: T | null, next: Pick<T, K>, fields: readonly K[]): stored is T {
  return stored !== null && fields.every((field) => stored[field] === next[field]);
}

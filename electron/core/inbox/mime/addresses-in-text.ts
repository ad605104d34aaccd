/**
 * An email address inside free text (a bounce's explanation, an out-of-office answer): a dot-atom
 * local part @ host labels and a top-level domain of letters, so a sentence's full stop or a
 * bracket after it is not taken as part of the address.
 */
const ADDRESS_IN_TEXT = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,24}\b/gi;

/** Every address in `text`, lower-cased, with where it starts. */
export function addressesIn(text: string): { address: string; index: number }[] {
  return [...text.matchAll(ADDRESS_IN_TEXT)].map((match) => ({ address: match[0].toLowerCase(), index: match.index }));
}

/** Whether a header's or report's whole value is one address (user@host.tld): a loose check, since what is received is read, never sent to. */
export function looksLikeAddress(value: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

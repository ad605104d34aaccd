import { z } from 'zod';

/** The shortest passphrase Inflow accepts, wherever one is chosen: no keychain, a new one, an export. */
export const MIN_PASSPHRASE_LENGTH = 10;

/** A passphrase being chosen (not one being typed to unlock, which is checked by trying it). */
export const newPassphraseSchema = z.string().min(MIN_PASSPHRASE_LENGTH, `at least ${MIN_PASSPHRASE_LENGTH} characters`).max(1024);

/** A passphrase typed to unlock or to confirm who is asking: any length, since only trying it tells. */
export const passphraseSubmissionSchema = z.string().min(1).max(1024);

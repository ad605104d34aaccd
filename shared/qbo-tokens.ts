import { z } from 'zod';

/** What signing in to QuickBooks leaves: the company (realm) and the tokens that act for it. */
export const qboTokensSchema = z.object({
  realmId: z.string().max(30),
  /** Empty once Intuit refused the refresh token: only signing in again helps. */
  accessToken: z.string().max(8192),
  refreshToken: z.string().max(4096),
  /** When the access token stops working (Intuit: an hour after it was issued). */
  accessTokenExpiresAt: z.string(),
  companyName: z.string().max(500).default(''),
  /** SHA-256 of a refresh token given from outside (the CLI's environment), so the same one given again does not undo a rotation. */
  seed: z.string().max(64).default(''),
});
export type QboTokens = z.output<typeof qboTokensSchema>;

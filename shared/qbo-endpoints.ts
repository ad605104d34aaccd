/** Intuit's OAuth and accounting endpoints: the only places QuickBooks secrets go (tests stand in on loopback). */
export const INTUIT_AUTHORIZE_URL = 'https://appcenter.intuit.com/connect/oauth2';
export const INTUIT_TOKEN_URL = 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer';
export const INTUIT_REVOKE_URL = 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke';
export const INTUIT_API_URL = 'https://quickbooks.api.intuit.com';
export const INTUIT_SANDBOX_API_URL = 'https://sandbox-quickbooks.api.intuit.com';

/**
 * Where Google and Microsoft 365 take the mailbox's OAuth sign-in (installed-app flows, as each
 * documents it): the only places its client secret and tokens go (tests stand in on loopback).
 */
export const GOOGLE_AUTHORIZE_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** Microsoft identity platform v2.0; the path names the directory (tenant). */
export const MICROSOFT_LOGIN_ORIGIN = 'https://login.microsoftonline.com';

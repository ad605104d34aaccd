import { createHash } from 'node:crypto';
import { EMAIL_STYLES } from '../mail/email-styles';

/** Where the policy is delivered: a `<meta>` tag cannot carry frame-ancestors (browsers ignore it there). */
export type CspTarget = 'meta' | 'header';

const styleHash = (style: string): string => `'sha256-${createHash('sha256').update(style).digest('base64')}'`;

/**
 * The one Content-Security-Policy of the window, for both the page's meta tag (injected at build) and
 * the response header (web host, Electron session), so the two can never drift apart. Own scripts
 * only, nothing inline or eval, nothing remote; inline styles only the email's own, by hash, because
 * the message preview frame inherits this policy (see email-styles.ts).
 */
export function contentSecurityPolicy(target: CspTarget): string {
  const directives = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `style-src-attr 'unsafe-hashes' ${Object.values(EMAIL_STYLES).map(styleHash).join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(target === 'header' ? ["frame-ancestors 'none'"] : []),
  ];
  return directives.join('; ');
}

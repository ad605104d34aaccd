import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMAIL_STYLES } from '../../electron/core/mail/email-styles';
import { contentSecurityPolicy } from '../../electron/core/security/csp';
import { CSP as HOST_CSP } from '../../electron/hosts/http';

const styleAttrSources = (csp: string): string[] => /(?:^|;)\s*style-src-attr ([^;]+)/.exec(csp)?.[1]?.trim().split(/\s+/) ?? [];
const hashOf = (style: string): string => `'sha256-${createHash('sha256').update(style).digest('base64')}'`;

/**
 * A preview frame inherits the window's CSP, so an email's inline styles apply there only by hash. The
 * CSP in the page's meta tag (written at build) and in the web host's header must list exactly the hashes of EMAIL_STYLES: a style
 * changed in one place and not the other would silently unstyle the preview (or allow a stale one).
 */
describe('inline email styles and the CSP', () => {
  it.each([
    ['the page meta tag', contentSecurityPolicy('meta')],
    ['the web host header', HOST_CSP],
  ])('%s allows exactly the email styles, by hash', (_where, csp) => {
    expect(styleAttrSources(csp).sort()).toEqual(["'unsafe-hashes'", ...Object.values(EMAIL_STYLES).map(hashOf)].sort());
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});

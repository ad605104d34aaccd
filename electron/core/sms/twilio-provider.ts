import type { SmsSettings } from '../../../shared/sms/sms-settings';
import { ProviderError, type DeliveryStatus, type OutgoingText, type ProviderMessage, type SendOutcome, type SmsProvider } from './sms-provider';

/** Twilio's opt-out refusal (the recipient replied STOP to this sender) and its "cannot text this number" codes. */
const OPT_OUT_CODES = new Set(['21610']);
const BAD_NUMBER_CODES = new Set(['21211', '21614', '21408', '21612']);
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_INBOUND_PAGES = 20;

interface TwilioMessage {
  sid: string;
  direction: string;
  from: string;
  to: string;
  body: string | null;
  status: DeliveryStatus;
  error_code: number | string | null;
  date_sent: string | null;
  num_segments?: string | null;
}

/** Errors Node's fetch reports when the connection never carried the request: nothing reached the provider. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as { code?: string }).code;
}

/** Twilio's Retry-After is seconds. */
function retryAfterMs(response: Response): number | null {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) * 1000 : null;
}

const iso = (rfc2822: string | null): string | null => (rfc2822 && !Number.isNaN(Date.parse(rfc2822)) ? new Date(rfc2822).toISOString() : null);

function toMessage(message: TwilioMessage): ProviderMessage {
  return {
    providerId: message.sid,
    direction: message.direction === 'inbound' ? 'inbound' : 'outbound',
    from: message.from,
    to: message.to,
    body: message.body ?? '',
    status: message.status,
    errorCode: message.error_code === null ? null : String(message.error_code),
    sentAt: iso(message.date_sent),
  };
}

/**
 * Twilio's Programmable Messaging REST API (2010-04-01): Messages.json to send (form-encoded To,
 * Body and From or MessagingServiceSid) and to list, Messages/{Sid}.json to read one; HTTP Basic
 * authentication with the Account SID and auth token; errors as `{code, message, more_info, status}`.
 */
export class TwilioProvider implements SmsProvider {
  private readonly base: string;
  private readonly auth: string;

  /** `quit` drops a request in flight (the app is closing); each request also gives up after `timeoutMs`. */
  constructor(
    private readonly settings: SmsSettings,
    private readonly quit?: AbortSignal,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {
    this.base = `${settings.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}`;
    this.auth = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  }

  async send(text: OutgoingText): Promise<SendOutcome> {
    const form = new URLSearchParams({ To: text.to, Body: text.body });
    form.set(this.settings.sender.startsWith('MG') ? 'MessagingServiceSid' : 'From', this.settings.sender);
    if (this.settings.shortenLinks) form.set('ShortenUrls', 'true');
    let response: Response;
    try {
      response = await fetch(`${this.base}/Messages.json`, {
        method: 'POST',
        body: form,
        headers: { authorization: this.auth, accept: 'application/json' },
        signal: this.signal(),
      });
    } catch (error) {
      const code = causeCode(error);
      if (code && NEVER_SENT.has(code)) return { outcome: 'retry', message: `The provider could not be reached (${code}).`, afterMs: null };
      const timedOut = (error as Error).name === 'TimeoutError';
      return {
        outcome: 'unknown',
        message: timedOut ? 'The provider did not answer in time.' : `The connection dropped before the provider answered (${code ?? 'no code'}).`,
      };
    }
    const body = (await response.json().catch(() => null)) as (TwilioMessage & { code?: number; message?: string }) | null;
    if (response.ok && body?.sid) return { outcome: 'accepted', providerId: body.sid, status: body.status, segments: Number(body.num_segments) || null };
    const words = body?.message ?? `HTTP ${response.status}`;
    // 429: over the rate; 503: not taken now. Neither created a message.
    if (response.status === 429 || response.status === 503) return { outcome: 'retry', message: words, afterMs: retryAfterMs(response) };
    if (response.status >= 500 || response.ok) return { outcome: 'unknown', message: `The provider answered ${response.status} (${words}).` };
    const code = body?.code === undefined ? String(response.status) : String(body.code);
    return { outcome: 'refused', code, message: words, optOut: OPT_OUT_CODES.has(code), badNumber: BAD_NUMBER_CODES.has(code) };
  }

  async fetch(providerId: string): Promise<ProviderMessage> {
    return toMessage((await this.get(`${this.base}/Messages/${encodeURIComponent(providerId)}.json`)) as TwilioMessage);
  }

  async received(sinceDay: string): Promise<ProviderMessage[]> {
    const query = new URLSearchParams({ 'DateSent>': sinceDay, PageSize: '100' });
    if (!this.settings.sender.startsWith('MG')) query.set('To', this.settings.sender);
    let url: string | null = `${this.base}/Messages.json?${query}`;
    const found: ProviderMessage[] = [];
    for (let page = 0; url && page < MAX_INBOUND_PAGES; page += 1) {
      const body = (await this.get(url)) as { messages: TwilioMessage[]; next_page_uri: string | null };
      found.push(...body.messages.map(toMessage).filter((message) => message.direction === 'inbound'));
      // The next page only on the same server: the credentials go with the request.
      const next = body.next_page_uri ? new URL(body.next_page_uri, this.settings.baseUrl) : null;
      url = next && next.origin === new URL(this.settings.baseUrl).origin ? next.toString() : null;
    }
    return found;
  }

  private signal(): AbortSignal {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return this.quit ? AbortSignal.any([timeout, this.quit]) : timeout;
  }

  private async get(url: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: this.auth, accept: 'application/json' }, signal: this.signal() });
    } catch (error) {
      throw new ProviderError(`The provider could not be reached (${causeCode(error) ?? (error as Error).name}).`, null);
    }
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    if (!response.ok) throw new ProviderError(body?.message ?? `HTTP ${response.status}`, response.status);
    return body;
  }
}

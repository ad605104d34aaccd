/**
 * What Inflow needs of a text-message provider; a second provider is one more file implementing it.
 * Every outcome of a send says whether the provider may have the message: a refusal or a "try
 * later" means it certainly does not (it may be sent again), `unknown` means it might (never resent
 * without a person deciding).
 */
export interface OutgoingText {
  to: string;
  body: string;
}

/** The provider's word for where a message is: Twilio's statuses, which compatible providers share. */
export type DeliveryStatus =
  'accepted' | 'scheduled' | 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'read' | 'canceled' | 'received' | 'receiving';
export const FINAL_DELIVERY: readonly DeliveryStatus[] = ['delivered', 'undelivered', 'failed', 'read', 'canceled'];

export type SendOutcome =
  | { outcome: 'accepted'; providerId: string; status: DeliveryStatus; segments: number | null }
  /** Refused for good: `optOut` when the recipient has opted out at the provider, `badNumber` when the number cannot take texts. */
  | { outcome: 'refused'; code: string; message: string; optOut: boolean; badNumber: boolean }
  /** Not taken now (rate limit, maintenance, no connection): the same message may go later. */
  | { outcome: 'retry'; message: string; afterMs: number | null }
  /** The request went out and no clear answer came back: the provider may have the message. */
  | { outcome: 'unknown'; message: string };

export interface ProviderMessage {
  providerId: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  body: string;
  status: DeliveryStatus;
  errorCode: string | null;
  /** UTC ISO; null while not yet sent. */
  sentAt: string | null;
}

export interface SmsProvider {
  send(text: OutgoingText): Promise<SendOutcome>;
  /** One message's current state. */
  fetch(providerId: string): Promise<ProviderMessage>;
  /** Texts received on or after the day (UTC), newest first, as the provider lists them. */
  received(sinceDay: string): Promise<ProviderMessage[]>;
}

/** A provider that could not be asked (network, credentials): what the poller reports and retries later. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

import { log, safeError } from '../../log/log';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../shared/errors';

export interface RequestOptions {
  /** false for a request that writes: sent once (see requestJson). */
  retry?: boolean;
  /** How a retry waits; injected by tests to see which wait was chosen without waiting it. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** A wait cut short by cancelling ends quietly: the caller sees the abort and says so. */
const pause = (ms: number, signal: AbortSignal): Promise<void> => sleep(ms, undefined, { signal }).catch(() => undefined);

export interface JsonResponse {
  status: number;
  body: unknown;
}

/** Waits before each retry of a rate-limited (429), failing (5xx) or unreachable server. */
const RETRY_DELAYS_MS = [250, 1000, 3000];
/** A Retry-After longer than this is not waited for within one sync; the scheduler tries later. */
const MAX_RETRY_AFTER_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * One JSON request to an ERP, with the retries every ERP API asks for: Retry-After on 429, backoff on
 * 5xx and on a dropped connection. What is left after the retries becomes an AppError a collector can
 * act on: OFFLINE (nothing answered) or SYNC_FAILED (something answered, but not usefully). Other
 * statuses (401, 4xx) go back to the caller, who knows what they mean for its ERP. A request that
 * writes (`retry: false`) is sent once: the server may have done it before the answer was lost, and
 * only the caller can check.
 */
export async function requestJson(
  url: string,
  init: RequestInit,
  signal: AbortSignal,
  { retry = true, wait = pause }: RequestOptions = {},
): Promise<JsonResponse> {
  const host = new URL(url).host;
  for (let attempt = 0; ; attempt++) {
    const retryIn = retry ? RETRY_DELAYS_MS[attempt] : undefined;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) });
      text = await response.text();
    } catch (error) {
      log.info('erp.request.failed', { attempt, ...safeError(error) });
      if (signal.aborted) throw new AppError('CANCELLED', 'Sync cancelled; every page written so far is kept and the next sync resumes there.');
      if (retryIn === undefined) throw new AppError('OFFLINE', `Could not reach ${host}: ${reasonOf(error)}.`);
      await wait(retryIn, signal);
      continue;
    }
    if (response.status === 429 || response.status >= 500) log.info('erp.request.refused', { attempt, status: response.status });
    if (response.status === 429 || response.status >= 500) {
      const delay = response.status === 429 ? (retryAfterMs(response.headers.get('retry-after')) ?? retryIn) : retryIn;
      if (delay === undefined || retryIn === undefined || delay > MAX_RETRY_AFTER_MS) {
        throw new AppError(
          'SYNC_FAILED',
          response.status === 429
            ? `${host} is limiting requests (HTTP 429); Inflow will try again later.`
            : `${host} had an internal error (HTTP ${response.status})${serverMessage(text)}; Inflow will try again later.`,
        );
      }
      await wait(delay, signal);
      continue;
    }
    return { status: response.status, body: parseJson(text, host) };
  }
}

function parseJson(text: string, host: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('SYNC_FAILED', `${host} answered with something that is not JSON (${JSON.stringify(text.slice(0, 60))}); check the base URL.`);
  }
}

/** Seconds or an HTTP date, as RFC 9110 allows. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(at - Date.now(), 0);
}

function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body.message === 'string' ? `: ${body.message}` : '';
  } catch (error) {
    // An HTML error page, say: the status alone is reported.
    log.info('erp.error-body.unreadable', safeError(error));
    return '';
  }
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

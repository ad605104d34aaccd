import { z } from 'zod';
import { isIsoDate } from './dates';
import { isCurrencyCode } from './money';

/**
 * The values every procedure (and every CLI flag) takes, each refused at the boundary by one schema:
 * a business date that exists on the calendar (not 2026-02-31, 2026-13-45 or 0000-00-00; years
 * 1900–2200, as the importer reads them), and an ISO 4217 code the runtime knows ("USD", not "usd").
 */
export const isoDateSchema = z.string().refine(isIsoDate, 'a date on the calendar like 2026-01-31');

export const currencyCodeSchema = z.string().refine(isCurrencyCode, 'an ISO 4217 code like "USD"');

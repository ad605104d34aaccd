import type { z } from 'zod';
import { AppError } from './errors';

/**
 * Parses a procedure's input with its contract schema; a failure is an INVALID_INPUT naming each
 * field and why, the same whichever host or procedure map it came through.
 */
export function parseInput<S extends z.ZodType>(schema: S, name: string, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new AppError('INVALID_INPUT', `Invalid input for ${name}: ${issues.map((i) => `${i.path || 'input'}: ${i.message}`).join('; ')}`, { issues });
}

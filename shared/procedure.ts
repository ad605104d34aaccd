import { z } from 'zod';

/** One procedure of a contract: the zod schema its input is parsed by, and the type it answers with. */
export function returns<O>() {
  return <I extends z.ZodType>(input: I): { input: I; output: O } => ({ input, output: undefined as O });
}

/** The id a host gives a long job, to follow its progress and cancel it. */
export const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, "-" or "_"');

import type { z } from 'zod';

/** One procedure of a contract: the zod schema its input is parsed by, and the type it answers with. */
export function returns<O>() {
  return <I extends z.ZodType>(input: I): { input: I; output: O } => ({ input, output: undefined as O });
}

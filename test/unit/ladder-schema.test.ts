import { expect, it } from 'vitest';
import { backtestPolicySchema } from '../../shared/backtest';
import { ladderPolicySchema } from '../../shared/outreach/ladder-schema';

// The API fuzzer found `{"policy": null}` for a backtest answered with a 500: the policy's
// cross-field checks read `segments` of null before zod had said the value is no object.
it('refuses a policy that is not an object with a validation error, never a crash', () => {
  for (const value of [null, 7, 'x', [], true]) expect(ladderPolicySchema.safeParse(value).success).toBe(false);
  // A backtest's policy is a name or a whole policy.
  for (const value of [null, 7, [], true]) expect(backtestPolicySchema.safeParse(value).success).toBe(false);
  expect(backtestPolicySchema.safeParse('standard').success).toBe(true);
});

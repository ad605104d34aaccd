import type { ParsedInput, ProcedureName, ProcedureOutput } from '../../shared/api';
import type { CoreContext } from './context';

/** A domain's share of the contract: each procedure's implementation, taking the already-parsed input. */
export type Handlers<P extends ProcedureName> = {
  [K in P]: (input: ParsedInput<K>, ctx: CoreContext) => Promise<ProcedureOutput<K>> | ProcedureOutput<K>;
};

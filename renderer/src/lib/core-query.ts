import { keepPreviousData, QueryClient, useMutation, useQuery, type Query } from '@tanstack/react-query';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../shared/api';
import type { CoreEvent } from '../../../shared/core-events';
import { api, call } from './api';
import type { ApiError } from './api-error';

declare module '@tanstack/react-query' {
  // Every rejection of `call` is an ApiError (api.ts converts them), so queries and mutations say so.
  interface Register {
    defaultError: ApiError;
  }
}

/**
 * The renderer's cache of what the core answered. The core is on this machine: no retries (its
 * refusals are deterministic), no refetch on focus or reconnect (its push events say when data
 * moved), and queries run offline too (`networkMode: 'always'`).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, networkMode: 'always' },
    mutations: { retry: false, networkMode: 'always' },
  },
});

/** A procedure's cache key: its name, then its input (compared by value). */
export function coreKey<P extends ProcedureName>(name: P, input?: ProcedureInput<P>): readonly unknown[] {
  return input === undefined ? [name] : [name, input];
}

/** A procedure name, or a prefix ending in "." that names a family of them ("outbox."). */
export type ProcedureFamily = ProcedureName | `${string}.`;

/** Marks every cached answer of these procedures stale; the ones on screen are read again at once. */
export function invalidate(...families: ProcedureFamily[]): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query: Query) => families.some((family) => belongsTo(query, family)) });
}

/** Marks them stale only: read again when next shown or reloaded, not under the user's eyes now. */
function markStale(...families: ProcedureFamily[]): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query: Query) => families.some((family) => belongsTo(query, family)), refetchType: 'none' });
}

function belongsTo(query: Query, family: ProcedureFamily): boolean {
  const name = query.queryKey[0];
  return typeof name === 'string' && (family.endsWith('.') ? name.startsWith(family) : name === family);
}

/**
 * What each push event from the core makes stale: `reread` at once, `mark` when next shown. The
 * queue's pages are only marked: re-ranking them under an open form would move the selection to
 * another customer mid-action (the worklist reloads them itself once the action is saved).
 */
const STALE_AFTER: Partial<Record<CoreEvent['type'], { reread: ProcedureFamily[]; mark?: ProcedureFamily[] }>> = {
  'queue.changed': { reread: ['worklist.today', 'app.status'], mark: ['worklist.list'] },
  'outbox.changed': { reread: ['outbox.', 'customer.timeline'] },
};

/** Follows the core's push events for the app's lifetime; returns the unsubscribe. */
export function startCacheInvalidation(): () => void {
  return api.onEvent((event) => {
    const stale = STALE_AFTER[event.type];
    if (!stale) return;
    void invalidate(...stale.reread);
    if (stale.mark) void markStale(...stale.mark);
  });
}

export interface CoreQuery<T> {
  /** The last answer; kept while a newer one (another input, a re-read) loads so the screen does not jump. */
  data: T | undefined;
  /** Why the latest read failed; null once a read succeeds. */
  error: ApiError | null;
  /** A read is under way (the first, or a re-read). */
  loading: boolean;
  /** Reads again now (after an action of this screen changed the answer). */
  reload(): void;
}

interface QueryOptions {
  /** Keep the previous input's answer on screen until the new one arrives (default true). */
  keepPrevious?: boolean;
}

/**
 * Reads a procedure and keeps its answer in the cache, re-read whenever its input changes or a push
 * event or mutation makes it stale. A null input asks nothing (a view that needs it only in some states).
 */
export function useCoreQuery<P extends ProcedureName>(name: P, input: ProcedureInput<P> | null, options: QueryOptions = {}): CoreQuery<ProcedureOutput<P>> {
  const query = useQuery<ProcedureOutput<P>>({
    queryKey: coreKey(name, input ?? undefined),
    queryFn: () => call(name, input as ProcedureInput<P>),
    enabled: input !== null,
    ...(options.keepPrevious === false ? {} : { placeholderData: keepPreviousData }),
  });
  return {
    data: query.data,
    error: query.error,
    loading: query.isFetching,
    reload: () => void query.refetch(),
  };
}

export interface CoreMutation<P extends ProcedureName> {
  /** Calls the procedure; resolves with its answer once the families it touches are marked stale. */
  run(input: ProcedureInput<P>): Promise<ProcedureOutput<P>>;
  pending: boolean;
  error: ApiError | null;
}

/** A procedure that changes data, and which cached reads it makes stale when it succeeds. */
export function useCoreMutation<P extends ProcedureName>(name: P, invalidates: ProcedureFamily[]): CoreMutation<P> {
  const mutation = useMutation<ProcedureOutput<P>, ApiError, ProcedureInput<P>>({
    mutationFn: (input) => call(name, input),
    onSuccess: () => invalidate(...invalidates),
  });
  return { run: mutation.mutateAsync, pending: mutation.isPending, error: mutation.error };
}

/**
 * After an import or the sample data every answer may have changed: all of them are read again, but
 * a staged file's preview, which depends on that file alone (and an import has just used it up).
 */
export function invalidateAll(): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query: Query) => !belongsTo(query, 'import.preview') });
}

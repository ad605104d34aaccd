import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProcedureInput } from '../../../../shared/api';
import type { WorklistRow } from '../../../../shared/worklist';
import { call } from '../../lib/api';
import { toApiError, type ApiError } from '../../lib/api-error';

const PAGE = 200;

export type WorklistQuery = Omit<ProcedureInput<'worklist.list'>, 'offset' | 'limit'>;

interface Loaded {
  /** Which read of the queue a page came from; older pages stay on screen until their replacement arrives. */
  generation: number;
  rows: WorklistRow[];
}

interface State {
  key: string;
  total: number | null;
  doneToday: number;
  unratedCurrencies: string[];
  pages: Map<number, Loaded>;
}

export interface WorklistPages {
  /** Rows in the whole queue; null until the first page has arrived. */
  total: number | null;
  doneToday: number;
  /** Currencies of the queue ranked on their own for want of an exchange rate. */
  unratedCurrencies: string[];
  error: ApiError | null;
  rowAt(index: number): WorklistRow | undefined;
  /** Where a customer sits among the rows loaded so far. */
  indexOf(customerId: number): number | undefined;
  /** Every page loaded so far (the filters offer the values they have); a page keeps its identity until replaced. */
  loadedPages(): (readonly WorklistRow[])[];
  /** The rows on screen: their pages are fetched if missing. */
  want(from: number, to: number): void;
  /** Re-reads the pages on screen (after an action), keeping the old ones visible meanwhile. */
  reload(): void;
}

/**
 * The ranked queue fetched a page at a time as it scrolls, so a 50,000-customer queue costs the
 * renderer only the rows on screen. The core keeps the ranking; this only caches pages of it.
 */
export function useWorklistPages(query: WorklistQuery): WorklistPages {
  const key = JSON.stringify(query);
  const [state, setState] = useState<State>({ key, total: null, doneToday: 0, unratedCurrencies: [], pages: new Map() });
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const wanted = useRef<[number, number]>([0, 0]);
  const requested = useRef(new Set<string>());
  const keyRef = useRef(key);

  const fetchPage = useCallback((page: number) => {
    const gen = generation.current;
    const forKey = keyRef.current;
    const id = `${gen}:${forKey}:${page}`;
    if (requested.current.has(id)) return;
    requested.current.add(id);
    call('worklist.list', { ...(JSON.parse(forKey) as WorklistQuery), offset: page * PAGE, limit: PAGE }).then(
      (result) => {
        if (forKey !== keyRef.current || gen !== generation.current) return;
        setError(null);
        setState((prev) => {
          const pages = new Map(prev.key === forKey ? prev.pages : []);
          const [from, to] = wanted.current;
          // Stale pages off screen are dropped; on screen they stay until replaced, so nothing flickers.
          for (const [index, loaded] of pages) if (loaded.generation !== gen && (index < from || index > to)) pages.delete(index);
          pages.set(page, { generation: gen, rows: result.rows });
          return { key: forKey, total: result.total, doneToday: result.doneToday, unratedCurrencies: result.unratedCurrencies, pages };
        });
      },
      (failure: unknown) => setError(toApiError(failure)),
    );
  }, []);

  const fetchWanted = useCallback(() => {
    const [from, to] = wanted.current;
    for (let page = from; page <= to; page++) fetchPage(page);
  }, [fetchPage]);

  useEffect(() => {
    keyRef.current = key;
    generation.current += 1;
    fetchWanted();
  }, [key, fetchWanted]);

  // After a filter change the previous queue stays on screen until the new one's first page arrives.
  const { pages } = state;
  const rowAt = (index: number): WorklistRow | undefined => pages.get(Math.floor(index / PAGE))?.rows[index % PAGE];
  return {
    total: state.total,
    doneToday: state.doneToday,
    unratedCurrencies: state.unratedCurrencies,
    error,
    rowAt,
    indexOf: (customerId) => {
      // Fresh pages first: a stale page still on screen may show the customer where it used to rank.
      const ordered = [...pages].sort(([, a], [, b]) => Number(b.generation === generation.current) - Number(a.generation === generation.current));
      for (const [page, loaded] of ordered) {
        const at = loaded.rows.findIndex((row) => row.customerId === customerId);
        if (at >= 0) return page * PAGE + at;
      }
      return undefined;
    },
    loadedPages: () => [...pages.values()].map((loaded) => loaded.rows),
    want: (from, to) => {
      const range: [number, number] = [Math.floor(Math.max(0, from) / PAGE), Math.floor(Math.max(0, to) / PAGE)];
      wanted.current = range;
      for (let page = range[0]; page <= range[1]; page++) {
        if (pages.get(page)?.generation !== generation.current) fetchPage(page);
      }
    },
    reload: () => {
      generation.current += 1;
      fetchWanted();
    },
  };
}

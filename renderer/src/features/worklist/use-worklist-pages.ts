import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProcedureInput } from '../../../../shared/api';
import type { WorklistRow } from '../../../../shared/worklist';
import { call } from '../../lib/api';
import type { ApiError } from '../../lib/api-error';
import { coreKey, queryClient } from '../../lib/core-query';

const PAGE = 200;

export type WorklistQuery = Omit<ProcedureInput<'worklist.list'>, 'offset' | 'limit'>;

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
 * renderer only the rows on screen. The core keeps the ranking; each page is a cached query
 * (`worklist.list` at an offset), made stale by the core's `queue.changed` and by `reload`. Pages
 * are addressed by offset, not chained like an infinite query: a jump down the scroll bar loads the
 * rows it lands on, not every page before them.
 */
export function useWorklistPages(query: WorklistQuery): WorklistPages {
  const key = JSON.stringify(query);
  // The pages on screen, and those asked for under these filters (a filter change starts again from the first).
  const [wanted, setWanted] = useState<[number, number]>([0, 0]);
  const [asked, setAsked] = useState<{ key: string; pages: number[] }>({ key, pages: [0] });
  const pages = asked.key === key ? asked.pages : span(wanted);
  const pageInput = (page: number): ProcedureInput<'worklist.list'> => ({ ...query, offset: page * PAGE, limit: PAGE });
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: coreKey('worklist.list', pageInput(page)),
      queryFn: () => call('worklist.list', pageInput(page)),
      // After a filter change the previous queue stays on screen until the new one's pages arrive.
      placeholderData: keepPreviousData,
    })),
  });
  const loaded = pages.map((page, at) => ({ page, result: results[at]! }));
  const head = loaded.find(({ result }) => result.data && !result.isPlaceholderData)?.result.data ?? loaded.find(({ result }) => result.data)?.result.data;
  const rowsOf = (page: number): WorklistRow[] | undefined => loaded.find((entry) => entry.page === page)?.result.data?.rows;

  return {
    total: head?.total ?? null,
    doneToday: head?.doneToday ?? 0,
    unratedCurrencies: head?.unratedCurrencies ?? [],
    error: loaded.find(({ result }) => result.error)?.result.error ?? null,
    rowAt: (index) => rowsOf(Math.floor(index / PAGE))?.[index % PAGE],
    indexOf: (customerId) => {
      // Fresh pages first: a page still being re-read may show the customer where it used to rank.
      const fresh = (entry: (typeof loaded)[number]): number => Number(!entry.result.isFetching && !entry.result.isPlaceholderData);
      for (const { page, result } of [...loaded].sort((a, b) => fresh(b) - fresh(a))) {
        const at = result.data?.rows.findIndex((row) => row.customerId === customerId) ?? -1;
        if (at >= 0) return page * PAGE + at;
      }
      return undefined;
    },
    loadedPages: () => loaded.flatMap(({ result }) => (result.data ? [result.data.rows] : [])),
    want: (from, to) => {
      const range: [number, number] = [Math.floor(Math.max(0, from) / PAGE), Math.floor(Math.max(0, to) / PAGE)];
      if (range[0] !== wanted[0] || range[1] !== wanted[1]) setWanted(range);
      const missing = span(range).filter((page) => !pages.includes(page));
      if (missing.length > 0) setAsked({ key, pages: [...pages, ...missing].sort((a, b) => a - b) });
    },
    reload: () => {
      // Pages off screen are dropped (read again if scrolled back to); those on screen stay until re-read.
      const onScreen = span(wanted);
      setAsked({ key, pages: onScreen });
      void queryClient.invalidateQueries({ queryKey: coreKey('worklist.list'), refetchType: 'none' });
      for (const page of onScreen) void queryClient.refetchQueries({ queryKey: coreKey('worklist.list', pageInput(page)), exact: true });
    },
  };
}

function span([from, to]: [number, number]): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

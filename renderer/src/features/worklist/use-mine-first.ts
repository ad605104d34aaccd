import { useEffect, useRef } from 'react';
import { useCoreQuery } from '../../lib/core-query';
import type { Filters } from './QueueFilters';

/**
 * On a team desk the queue starts with this desk's own customers ("mine"); the collector filter
 * then works as ever, "All collectors" included. A solo desk is unchanged. Returns the desk's collector.
 */
export function useMineFirst(setFilters: (update: (filters: Filters) => Filters) => void): string | null {
  const status = useCoreQuery('team.status', {}).data;
  const me = status?.mode === 'team' ? status.collector : null;
  const applied = useRef(false);
  useEffect(() => {
    if (!me || applied.current) return;
    applied.current = true;
    setFilters((filters) => ({ collector: me, ...filters }));
  }, [me, setFilters]);
  return me;
}

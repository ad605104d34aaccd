import { useEffect, useState } from 'react';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../shared/api';
import { call } from './api';
import { toApiError, type ApiError } from './api-error';

export interface Query<T> {
  /** The last answer; kept while a newer one loads so the screen does not jump. */
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

interface Settled<T> {
  request: string;
  data: T | undefined;
  error: ApiError | null;
}

/**
 * Calls a read-only procedure whenever its input changes (compared by value, not identity); a null
 * input asks nothing (a view that needs the answer only in some states).
 */
export function useApi<P extends ProcedureName>(name: P, input: ProcedureInput<P> | null): Query<ProcedureOutput<P>> {
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled<ProcedureOutput<P>>>({ request: '', data: undefined, error: null });
  const inputJson = JSON.stringify(input);
  const request = `${generation}:${name}:${inputJson}`;

  useEffect(() => {
    if (inputJson === 'null') return;
    let live = true;
    const current = `${generation}:${name}:${inputJson}`;
    call(name, JSON.parse(inputJson) as ProcedureInput<P>).then(
      (data) => live && setSettled({ request: current, data, error: null }),
      (error: unknown) => live && setSettled((last) => ({ request: current, data: last.data, error: toApiError(error) })),
    );
    return () => {
      live = false;
    };
  }, [name, inputJson, generation]);

  return {
    data: settled.data,
    error: settled.request === request ? settled.error : null,
    loading: input !== null && settled.request !== request,
    reload: () => setGeneration((n) => n + 1),
  };
}

import type { InflowBridge, ProcedureInput, ProcedureName, ProcedureOutput } from '../../../shared/api';
import type { CoreEvent } from '../../../shared/core-events';
import { toApiError } from './api-error';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser served by the web host. */
    inflow?: InflowBridge;
  }
}

/** Every rejection leaves here as an ApiError, whichever host is underneath. */
function withApiErrors(bridge: InflowBridge): InflowBridge {
  return {
    call: (name, input) =>
      bridge.call(name, input).catch((error: unknown) => {
        throw toApiError(error);
      }),
    onEvent: (listener: (event: CoreEvent) => void) => bridge.onEvent(listener),
    shell: (name, input) =>
      bridge.shell(name, input).catch((error: unknown) => {
        throw toApiError(error);
      }),
  };
}

/** The one client of the core: the preload's bridge in the desktop app, HTTP in the browser. */
export const api: InflowBridge = withApiErrors(window.inflow ?? createHttpBridge());

export function call<P extends ProcedureName>(name: P, input: ProcedureInput<P>): Promise<ProcedureOutput<P>> {
  return api.call(name, input);
}

/** A job id the contract accepts (8–64 of [A-Za-z0-9_-]); a UUID fits. */
export function newJobId(): string {
  return crypto.randomUUID();
}

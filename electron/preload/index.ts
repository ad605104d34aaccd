import { contextBridge, ipcRenderer } from 'electron';
import type { InflowBridge } from '../../shared/api';
import type { CoreEvent } from '../../shared/core-events';
// From shared/ only (plain constants), so the sandboxed preload bundles nothing of main.
import { IPC_CHANNELS, type Reply } from '../../shared/ipc';

const { rpc: RPC_CHANNEL, event: EVENT_CHANNEL, shell: SHELL_CHANNEL } = IPC_CHANNELS;

/**
 * Rejects with the plain {code, message, details} object: an Error crossing the context bridge keeps
 * only its message, and the renderer needs the code and the import's problem list.
 */
function unwrap(reply: Reply): unknown {
  if (reply.ok) return reply.result;
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- the plain shape is the point (see above)
  throw reply.error;
}

/** Named functions only: the renderer never sees ipcRenderer or a generic channel. */
const bridge: InflowBridge = {
  call: (name, input) => ipcRenderer.invoke(RPC_CHANNEL, name, input).then(unwrap) as never,
  onEvent: (listener) => {
    const handler = (_event: unknown, payload: CoreEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  shell: (name, input) => ipcRenderer.invoke(SHELL_CHANNEL, name, input).then(unwrap) as never,
};

contextBridge.exposeInMainWorld('inflow', bridge);

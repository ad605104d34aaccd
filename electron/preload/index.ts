import { contextBridge, ipcRenderer } from 'electron';
import type { CoreEvent, InflowBridge } from '../../shared/api';
import type { ErrorShape } from '../../shared/errors';

/** Channel names are repeated here (not imported from the host) so the sandboxed preload bundles nothing of main. */
const RPC_CHANNEL = 'inflow:rpc';
const EVENT_CHANNEL = 'inflow:event';
const PICK_FILE_CHANNEL = 'inflow:pick-file';
const UPDATE_CHANNEL = 'inflow:update';
const STAGE_DROPPED_CHANNEL = 'inflow:stage-dropped';
const SHELL_CHANNEL = 'inflow:shell';

type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorShape };

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
  pickFile: (accept) => ipcRenderer.invoke(PICK_FILE_CHANNEL, accept).then(unwrap) as never,
  stageDroppedFile: (name, bytes) => ipcRenderer.invoke(STAGE_DROPPED_CHANNEL, name, bytes).then(unwrap) as never,
  update: (action) => ipcRenderer.invoke(UPDATE_CHANNEL, action).then(unwrap) as never,
  shell: (name, input) => ipcRenderer.invoke(SHELL_CHANNEL, name, input).then(unwrap) as never,
};

contextBridge.exposeInMainWorld('inflow', bridge);

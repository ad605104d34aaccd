import type { InflowBridge, ProcedureName, ProcedureOutput } from '../../../shared/api';
import type { CoreEvent } from '../../../shared/core-events';
import {
  isFileProcedure,
  type FileProcedureName,
  type ShellInput,
  type ShellOutput,
  type ShellProcedureName,
  type StagedFile,
} from '../../../shared/shell-api';
import { isErrorShape } from '../../../shared/errors';
import type { Reply } from '../../../shared/ipc';
import { ApiError } from './api-error';

/**
 * The bridge for a browser served by the loopback web host (`npm run dev:web`, browser tests): JSON RPC
 * over fetch, push events over Server-Sent Events, files uploaded as raw request bodies. The browser
 * proves who it is with the host's HttpOnly session cookie, which this code never sees.
 */
export function createHttpBridge(): InflowBridge {
  const listeners = new Set<(event: CoreEvent) => void>();
  let source: EventSource | null = null;

  function post(path: string, body: BodyInit, contentType: string): Promise<unknown> {
    return fetch(path, { method: 'POST', headers: { 'Content-Type': contentType }, body }).then(unwrap, () => {
      throw new ApiError({ code: 'INTERNAL', message: 'Inflow’s local server is not reachable. Is it still running?' });
    });
  }

  async function upload(name: string, body: BodyInit): Promise<StagedFile> {
    return (await post(`/api/files?name=${encodeURIComponent(name)}`, body, 'application/octet-stream')) as StagedFile;
  }

  /** Files never go through /api/shell: the page picks them in the browser's chooser and uploads their bytes. */
  const files: { [K in FileProcedureName]: (input: ShellInput<K>) => Promise<ShellOutput<K>> } = {
    'file.pick': async ({ accept }) => {
      const file = await chooseFile(accept);
      return file ? upload(file.name, file) : null;
    },
    'file.stageDropped': ({ name, bytes }) => upload(name, new Blob([bytes])),
  };

  function openEvents(): EventSource {
    const events = new EventSource('/api/events');
    events.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as CoreEvent;
      listeners.forEach((listener) => listener(event));
    };
    return events;
  }

  return {
    call: <P extends ProcedureName>(name: P, input: unknown) =>
      post(`/api/rpc/${name}`, JSON.stringify(input), 'application/json') as Promise<ProcedureOutput<P>>,
    shell: <P extends ShellProcedureName>(name: P, input: ShellInput<P>) =>
      (isFileProcedure(name) ? files[name](input as never) : post(`/api/shell/${name}`, JSON.stringify(input), 'application/json')) as Promise<ShellOutput<P>>,
    onEvent(listener) {
      listeners.add(listener);
      source ??= openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = null;
        }
      };
    },
  };
}

async function unwrap(response: Response): Promise<unknown> {
  const text = await response.text();
  const body = parseJson(text);
  if (response.ok && isReply(body) && body.ok) return body.result;
  if (isReply(body) && !body.ok && isErrorShape(body.error)) throw new ApiError(body.error);
  throw new ApiError({ code: 'INTERNAL', message: `The local server answered ${response.status}: ${text.slice(0, 200) || response.statusText}` });
}

/** A Reply in shape; its error is checked with isErrorShape before it is trusted. */
function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Opens the browser's file chooser; resolves null when the user cancels it. */
function chooseFile(accept: string[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept.join(',');
    input.hidden = true;
    const finish = (file: File | null): void => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => finish(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

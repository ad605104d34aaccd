import type { IncomingMessage } from 'node:http';

/** A request refused before it reaches the core, with the HTTP status that says why. */
export class RequestRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** Far deeper than any procedure's input (a ladder policy is about 5 levels); a 100,000-deep array would overflow the stack copying it to the core. */
export const MAX_JSON_DEPTH = 64;

/**
 * A request body as JSON, refused with a status rather than failing inside: 413 past `limit` bytes
 * (by Content-Length before reading, or counted as it streams), 400 when it is not JSON or nests
 * deeper than MAX_JSON_DEPTH.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge(limit);
  const text = await readText(req, limit);
  if (text === '') return {};
  if (nestingDepth(text) > MAX_JSON_DEPTH) throw new RequestRefused(400, `Request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RequestRefused(400, 'Request body is not JSON.');
  }
}

const tooLarge = (limit: number): RequestRefused => new RequestRefused(413, `Request body is larger than ${limit / 1024 / 1024} MB.`);

/** The body as text; past the limit the rest is read and dropped (not stored), so the 413 reaches the client instead of a reset connection. */
function readText(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(tooLarge(limit)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** The deepest nesting of arrays and objects, counted outside strings, in one pass. */
export function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

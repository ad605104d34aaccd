import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file under resources/, found by walking up from this module: the same code runs from
 * electron/core (tests, CLI) and from the bundled out/main (the app), at different depths.
 */
export function resourcePath(...parts: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', ...parts);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`resources/${parts.join('/')} is missing from this installation.`);
    dir = parent;
  }
}

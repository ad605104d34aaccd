import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the main process and the core import at run time must be a dependency: electron-vite keeps
 * dependencies external and electron-builder ships them, while a devDependency would be bundled
 * silently or be missing. mailparser stays a devDependency: only the tests read MIME with it (the
 * SMTP sink); the core's own reader uses libmime. The renderer is a bundle and is not checked.
 * Electron itself is the runtime, not a package the app carries.
 */
const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const PROVIDED = new Set(['electron']);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const packageOf = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('runtime dependencies', () => {
  it('every package the main process and the core import is in dependencies', () => {
    const missing: string[] = [];
    for (const file of ['electron', 'shared'].flatMap(sources)) {
      const text = readFileSync(file, 'utf8');
      // Type-only imports vanish at build time; value imports and dynamic import() do not.
      for (const [, typeOnly, specifier] of text.matchAll(/^\s*import\s+(type\s)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
        if (typeOnly || !specifier || specifier.startsWith('.') || specifier.startsWith('node:')) continue;
        const name = packageOf(specifier);
        if (!manifest.dependencies[name] && !PROVIDED.has(name)) missing.push(`${name} (${file.slice(root.length + 1)})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

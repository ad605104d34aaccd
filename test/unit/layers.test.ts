import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of DESIGN.md, checked on the real import statements of every source file
 * (the lint config states the same rules for editors; this test makes CI fail on them too).
 */
const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

/** Where an import lands, as a top-level area ("shared", "electron/core", …) or the package name. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const path = relative(root, join(root, file, '..', specifier)).replaceAll('\\', '/');
  const [top, second] = path.split('/');
  return top === 'electron' ? `electron/${second}` : top!;
}

function violations(dir: string, allowed: (target: string) => boolean): string[] {
  return sources(dir).flatMap((file) => imports(file).filter((s) => !allowed(target(file, s))).map((s) => `${file} imports ${s}`));
}

describe('layer rules', () => {
  it('shared imports nothing of ours and no package but zod', () => {
    expect(violations('shared', (t) => t === 'shared' || t === 'zod')).toEqual([]);
  });

  it('core and db never import electron, the renderer or a host (the log sits below them)', () => {
    const forbidden = (t: string) => t === 'electron' || t.startsWith('electron/') && !['electron/core', 'electron/db', 'electron/log'].includes(t) || t === 'renderer';
    expect(violations('electron/core', (t) => !forbidden(t))).toEqual([]);
    expect(violations('electron/db', (t) => !forbidden(t))).toEqual([]);
    expect(violations('electron/log', (t) => t === 'electron/log' || (!t.startsWith('electron') && t !== 'shared' && t !== 'renderer'))).toEqual([]);
  });

  it('the renderer imports only shared and itself (no node:, no electron)', () => {
    const ok = (t: string) => t === 'shared' || t === 'renderer' || (!t.startsWith('node:') && t !== 'electron' && !t.startsWith('electron/'));
    expect(violations('renderer/src', ok)).toEqual([]);
  });

  it('main and preload reach the core only through its public index', () => {
    const deep = (dir: string) =>
      sources(dir).flatMap((file) =>
        imports(file)
          .filter((s) => s.startsWith('.'))
          .map((s) => relative(root, join(root, file, '..', s)).replaceAll('\\', '/'))
          .filter((p) => p.startsWith('renderer') || p.startsWith('electron/db') || (p.startsWith('electron/core/') && p !== 'electron/core/index'))
          .map((p) => `${file} imports ${p}`),
      );
    expect(deep('electron/main')).toEqual([]);
    expect(deep('electron/preload')).toEqual([]);
  });

  it('detects a violation (the checker itself works)', () => {
    expect(target('electron/core/x.ts', '../../renderer/src/a')).toBe('renderer');
    expect(imports('test/unit/layers.test.ts')).toContain('vitest');
  });
});

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerViolation } from '../../eslint/layers.js';

/**
 * The layer rules of docs/ARCHITECTURE.md (the table in eslint/layers.js) checked a second way: on
 * the raw import statements of every source file, which no eslint-disable comment hides, plus a
 * cycle check that also counts type-only imports (ESLint's no-cycle skips those).
 */
const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name).replaceAll('\\', '/');
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const pattern = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...text.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The source file a relative import lands on, or null for a package or a non-source file. */
function resolveImport(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = relative(root, join(root, file, '..', specifier)).replaceAll('\\', '/');
  const found = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((end) => base + end).find((path) => existsSync(join(root, path)));
  return found ?? null;
}

/** Every strongly connected group of more than one file (Tarjan), each as its sorted file list. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group = stack.splice(stack.indexOf(file));
    if (group.length > 1) found.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

const files = ['electron', 'renderer/src', 'shared'].flatMap(sources);

describe('layer rules', () => {
  it('every import of every source file is one its layer may make', () => {
    const broken = files.flatMap((file) => imports(file).flatMap((s) => (layerViolation(file, s) ? [`${file} imports ${s}`] : [])));
    expect(broken).toEqual([]);
  });

  it('no import cycle between source files, type-only imports included', () => {
    const graph = new Map(files.map((file) => [file, imports(file).flatMap((s) => resolveImport(file, s) ?? [])]));
    expect(cycles(graph)).toEqual([]);
  });

  it('the checkers catch what they should (planted cases)', () => {
    expect(layerViolation('electron/hosts/x.ts', '../core/security/csp')).toMatch(/only through electron\/core\/index\.ts/);
    expect(layerViolation('electron/hosts/x.ts', '../core')).toBeNull();
    expect(layerViolation('electron/hosts/x.ts', '../db/key')).not.toBeNull();
    expect(layerViolation('electron/main/x.ts', '../core/dispatch')).not.toBeNull();
    expect(layerViolation('electron/main/x.ts', '../core/index')).toBeNull();
    expect(layerViolation('renderer/src/x.ts', 'fs')).not.toBeNull();
    expect(layerViolation('renderer/src/x.ts', 'node:fs')).not.toBeNull();
    expect(layerViolation('electron/core/x/y.ts', 'electron')).not.toBeNull();
    expect(layerViolation('shared/x.ts', 'react')).not.toBeNull();
    expect(imports('test/unit/layers.test.ts')).toContain('vitest');
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
  });
});

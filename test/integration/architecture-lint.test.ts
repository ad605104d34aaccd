import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { architecture, ROOT } from '../../eslint/layers.js';

/**
 * The lint rules of docs/ARCHITECTURE.md on planted violations: ESLint with exactly the blocks
 * eslint.config.js spreads, without the type-aware rules (which would build a whole program here).
 */
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } }, ...architecture],
});

async function ruleErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// The cycle rule reads the files it follows from disk, so the planted pair is real, under the core.
const planted = mkdtempSync(join(ROOT, 'electron', 'core', 'planted-'));
afterAll(() => rmSync(planted, { recursive: true, force: true }));

describe('architecture lint', () => {
  it.each([
    ['a host reaching a core internal', 'electron/hosts/planted.ts', "import { contentSecurityPolicy } from '../core/security/csp';\n"],
    ['a host reaching db/', 'electron/hosts/planted.ts', "import { generateKey } from '../db/key';\n"],
    ['the shell reaching a core file beside the index', 'electron/main/planted.ts', "import { dispatch } from '../core/dispatch';\n"],
    ['the renderer importing a Node built-in', 'renderer/src/planted.ts', "import { readFileSync } from 'fs';\n"],
    ['the renderer importing a node: built-in', 'renderer/src/planted.ts', "import { readFileSync } from 'node:fs';\n"],
    ['the renderer importing the core', 'renderer/src/planted.ts', "import type { Core } from '../../electron/core';\n"],
    ['the core importing electron', 'electron/core/ledger/planted.ts', "import { app } from 'electron';\n"],
    ['db/ importing the core', 'electron/db/planted.ts', "import { openCore } from '../core';\n"],
    ['shared importing a package', 'shared/planted.ts', "import React from 'react';\n"],
  ])('refuses %s', async (_what, filePath, code) => {
    const errors = await ruleErrors(`${code}export const planted = 1;\n`, filePath);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^inflow\/layers: /);
  });

  it('lets each layer import what it may', async () => {
    const clean: [string, string][] = [
      [
        'electron/hosts/planted.ts',
        "import { contentSecurityPolicy } from '../core';\nimport { log } from '../log/log';\nimport { readFileSync } from 'node:fs';\n",
      ],
      [
        'electron/main/planted.ts',
        "import { app } from 'electron';\nimport { openCore } from '../core/index';\nimport { startHttpHost } from '../hosts/http';\n",
      ],
      ['renderer/src/planted.ts', "import { z } from 'zod';\nimport { formatMoney } from '../../shared/money';\n"],
      ['electron/core/ledger/planted.ts', "import { readFileSync } from 'node:fs';\nimport { openDatabase } from '../../db/open';\n"],
    ];
    for (const [filePath, code] of clean) expect(await ruleErrors(`${code}export const planted = 1;\n`, filePath)).toEqual([]);
  });

  it('refuses a two-file import cycle', async () => {
    const a = join(planted, 'a.ts');
    const b = join(planted, 'b.ts');
    writeFileSync(a, "import { b } from './b';\nexport const a = () => b;\n");
    writeFileSync(b, "import { a } from './a';\nexport const b = () => a;\n");
    const [result] = await eslint.lintFiles([relative(ROOT, a)]);
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['import-x/no-cycle']);
    writeFileSync(b, 'export const b = () => 1;\n');
    const [fixed] = await new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...architecture],
    }).lintFiles([relative(ROOT, a)]);
    expect(fixed!.messages).toEqual([]);
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { CORE_ORDER, coreOrderBlocks } from '../../eslint/core-order.js';

/** The order of folders inside the core (docs/ARCHITECTURE.md), checked by lint: these prove the check bites. */
const root = join(import.meta.dirname, '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

// Exactly the blocks eslint.config.js spreads, without the type-aware rules (a planted file is in no program).
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { '@typescript-eslint': tseslint.plugin } },
    ...coreOrderBlocks(),
  ],
});

async function orderErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
}

describe('the order of core folders', () => {
  it('ranks every folder and top-level file of the core exactly once', () => {
    const names = readdirSync(join(root, 'electron/core'), { withFileTypes: true })
      // A folder a move left empty on disk is not part of the tree git knows; architecture-lint's
      // planted-* folder exists only while that test runs.
      .filter((entry) => !entry.isDirectory() || (!entry.name.startsWith('planted-') && readdirSync(join(entry.parentPath, entry.name)).length > 0))
      .map((entry) => (entry.isDirectory() ? entry.name : entry.name.replace(/\.ts$/, '')))
      .sort();
    expect([...CORE_ORDER.flat()].sort()).toEqual(names);
  });

  it('fails a low folder that imports a higher one, at any depth and for types too', async () => {
    expect(
      await orderErrors('electron/core/ledger/planted.ts', "import { retrainRisk } from '../risk/retrain-risk';\nexport const planted = retrainRisk;\n"),
    ).toEqual([expect.stringContaining('ledger imports only what sits below it')]);
    expect(
      await orderErrors(
        'electron/core/inbox/classify/planted.ts',
        "import type { OutboxSender } from '../../outbox/outbox-sender';\nexport type Planted = OutboxSender;\n",
      ),
    ).toHaveLength(1);
    expect(
      await orderErrors('electron/core/context.ts', "import type { WorklistCache } from './worklist/worklist-cache';\nexport type Planted = WorklistCache;\n"),
    ).toHaveLength(1);
  });

  it('fails two folders of the same rank that import each other', async () => {
    expect(
      await orderErrors('electron/core/app/planted.ts', "import { shellHandlers } from '../shell/shell-handlers';\nexport const planted = shellHandlers;\n"),
    ).toHaveLength(1);
  });

  it('lets a folder import the folders below it', async () => {
    expect(await orderErrors('electron/core/risk/planted.ts', "import { liveBook } from '../ledger/book';\nexport const planted = liveBook;\n")).toEqual([]);
    expect(
      await orderErrors('electron/core/orchestration/planted.ts', "import { retrainRisk } from '../risk/retrain-risk';\nexport const planted = retrainRisk;\n"),
    ).toEqual([]);
  });
});

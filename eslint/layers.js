// The layer rules of docs/ARCHITECTURE.md as one table, used by the `inflow/layers` lint rule and by
// test/unit/layers.test.ts (a second check over the raw text, which no eslint-disable comment skips).
import { builtinModules } from 'node:module';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const isElectron = (name) => /^electron($|\/)/.test(name);
const isNodeBuiltin = (name) => name.startsWith('node:') || NODE_BUILTINS.has(name);

/**
 * Each layer with the areas of ours it may import ("electron/core/index" is the core's public API
 * alone) and a test for the packages it may use. A file outside every layer (tests, scripts,
 * configs) is not checked.
 */
export const LAYERS = {
  shared: {
    may: ['shared'],
    package: (name) => name === 'zod',
    says: 'shared/ imports nothing but zod and itself.',
  },
  'electron/log': {
    may: ['electron/log'],
    package: (name) => !isElectron(name),
    says: 'The log sits below every layer: plain Node and its logging packages only.',
  },
  'electron/db': {
    may: ['electron/db', 'electron/log', 'shared'],
    package: (name) => !isElectron(name),
    says: 'db/ is plain Node below the core: itself, the log and shared/ only, never electron.',
  },
  'electron/core': {
    may: ['electron/core', 'electron/db', 'electron/log', 'shared', 'resources', 'package.json'],
    package: (name) => !isElectron(name),
    says: 'The core is plain Node: never electron, the renderer or a host.',
  },
  'electron/hosts': {
    may: ['electron/hosts', 'electron/core/index', 'electron/log', 'shared'],
    package: () => true,
    says: 'A host uses the core only through electron/core/index.ts (and db/ only through what it exports).',
  },
  'electron/main': {
    may: ['electron/main', 'electron/hosts', 'electron/core/index', 'electron/log', 'shared'],
    package: () => true,
    says: 'The shell uses the core only through its public API (electron/core/index.ts), never db/ or the renderer.',
  },
  'electron/preload': {
    may: ['electron/preload', 'shared'],
    package: () => true,
    says: 'The preload exposes shared/ procedures only: itself, shared/ and electron.',
  },
  renderer: {
    may: ['renderer', 'shared'],
    package: (name) => !isElectron(name) && !isNodeBuiltin(name),
    says: 'The renderer imports only shared/, itself and browser packages: no Node built-in, no electron.',
  },
};

/** Where a repository path belongs: "electron/core/index" for the core's public API, else its area. */
function areasOf(path) {
  const [top, second] = path.split('/');
  const area = top === 'electron' ? `electron/${second}` : top;
  const bare = path.replace(/\.(ts|tsx|js|mjs)$/, '').replace(/\/index$/, '');
  return bare === 'electron/core' ? [area, 'electron/core/index'] : [area];
}

/** The layer a repository file belongs to, or undefined. */
export function layerOf(file) {
  return Object.keys(LAYERS).find((layer) => file === layer || file.startsWith(`${layer}/`));
}

/**
 * Why `specifier`, imported by `file` (a path relative to the repository, with "/"), breaks the
 * layer rules, or null when it may.
 */
export function layerViolation(file, specifier) {
  const layer = layerOf(file);
  if (!layer) return null;
  const rule = LAYERS[layer];
  if (!specifier.startsWith('.')) return rule.package(specifier) ? null : rule.says;
  const target = relative(ROOT, join(ROOT, file, '..', specifier)).replaceAll('\\', '/');
  return areasOf(target).some((area) => rule.may.includes(area)) ? null : rule.says;
}

/** An ESLint plugin with the one rule, `inflow/layers`. */
export const layersPlugin = {
  rules: {
    layers: {
      meta: { type: 'problem', schema: [], docs: { description: 'Each layer imports only what docs/ARCHITECTURE.md allows it.' } },
      create(context) {
        const file = relative(ROOT, context.physicalFilename).replaceAll('\\', '/');
        if (!layerOf(file)) return {};
        const check = (source) => {
          if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
          const why = layerViolation(file, source.value);
          if (why) context.report({ node: source, message: `"${source.value}": ${why}` });
        };
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
          TSImportType: (node) => check(node.argument?.literal ?? node.source),
          TSExternalModuleReference: (node) => check(node.expression),
        };
      },
    },
  },
};

/**
 * The architecture checks as flat-config blocks (eslint.config.js spreads them; the planted-violation
 * test lints with them alone). Type-only cycles are left to test/unit/layers.test.ts, which counts them.
 */
export const architecture = [
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    plugins: { inflow: layersPlugin, 'import-x': importX },
    settings: {
      // import-x follows only files it can parse: ours are TypeScript, resolved without extensions.
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'inflow/layers': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
];

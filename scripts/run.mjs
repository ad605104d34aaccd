#!/usr/bin/env node
// Every npm script goes through here so it runs on Node 22+ with dependencies installed, whatever
// Node the machine has: on an older Node it brings Node 22 from the npm registry into .tools/ and
// re-runs itself under it. Plain JavaScript with no dependencies, so it works before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_VERSION = '22.23.3';
const MIN_MAJOR = 22;
const [task = 'help', ...args] = process.argv.slice(2);
const isWindows = process.platform === 'win32';

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell: isWindows, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(command, commandArgs, options) {
  const status = run(command, commandArgs, options);
  if (status !== 0) process.exit(status);
}

function bin(name) {
  return join(root, 'node_modules', '.bin', isWindows ? `${name}.cmd` : name);
}

function tsx(script, scriptArgs) {
  return run(bin('tsx'), [script, ...scriptArgs]);
}

/** One vitest project; its JSON report (under CI) is named after it. */
function vitestProject(name, files = []) {
  must(bin('vitest'), ['run', '--project', name, ...files, ...args], { env: { ...process.env, INFLOW_TEST_PROJECT: name } });
}

function toolNodeDir() {
  const platform = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
  return join(root, '.tools', 'node_modules', `node-${platform}-${process.arch}`);
}

/** Re-runs this script under Node 22 when the current Node is older. */
function ensureNode() {
  if (Number(process.versions.node.split('.')[0]) >= MIN_MAJOR) return;
  const dir = toolNodeDir();
  const node = join(dir, 'bin', isWindows ? 'node.exe' : 'node');
  if (!existsSync(node)) {
    console.log(`Node ${process.versions.node} is older than ${MIN_MAJOR}: installing Node ${NODE_VERSION} into .tools/ (once).`);
    must('npm', ['install', '--no-save', '--no-package-lock', '--prefix', '.tools', `${dir.split(/[\\/]/).pop()}@${NODE_VERSION}`]);
  }
  const env = { ...process.env, PATH: `${dirname(node)}${isWindows ? ';' : ':'}${process.env.PATH}`, npm_config_nodedir: dir };
  process.exit(run(node, [fileURLToPath(import.meta.url), task, ...args], { env }));
}

function dependenciesInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  return existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs;
}

// Said once per run: a first `npm start` sets up and then starts, and both would otherwise say it.
const NO_ELECTRON = 'Electron’s desktop binary is not installed here: serving the same app in your browser instead.';
let toldNoElectron = false;

function tellNoElectron() {
  if (!toldNoElectron) console.log(NO_ELECTRON);
  toldNoElectron = true;
}

/** npm ci without Electron's binary, then one try to fetch it: a machine that cannot still gets everything else. */
function setup() {
  must('npm', ['ci'], { env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  const status = run(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { stdio: 'pipe', timeout: 300_000 });
  if (status === 0 && electronAvailable()) console.log('Electron desktop shell installed.');
  else if (task === 'setup')
    console.log(
      'Desktop shell unavailable: Electron’s binary could not be downloaded here. Everything else is installed; `npm start` will serve Inflow in your browser.',
    );
  else tellNoElectron();
}

function electronAvailable() {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  return existsSync(pathFile) && existsSync(join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim()));
}

function serveWeb() {
  must(bin('electron-vite'), ['build']);
  process.exit(tsx('electron/hosts/serve-web.ts', args));
}

const tasks = {
  setup,
  start() {
    if (!electronAvailable()) {
      tellNoElectron();
      return serveWeb();
    }
    must(bin('electron-vite'), ['build']);
    process.exit(run(bin('electron-vite'), ['preview']));
  },
  dev() {
    if (!electronAvailable()) {
      tellNoElectron();
      return serveWeb();
    }
    process.exit(run(bin('electron-vite'), ['dev']));
  },
  'dev:web': serveWeb,
  build: () => must(bin('electron-vite'), ['build', ...args]),
  // The whole tree (tests reach every layer), then each layer with only its own types (no DOM in
  // the core, no Node in the renderer). Incremental: a second run reads node_modules/.cache/tsc.
  typecheck() {
    for (const project of ['tsconfig.json', 'tsconfig.core.json', 'tsconfig.shell.json', 'tsconfig.renderer.json']) {
      console.log(`tsc -p ${project}`);
      must(bin('tsc'), ['--noEmit', '-p', project]);
    }
  },
  lint: () => must(bin('eslint'), ['.', '--max-warnings', '0']),
  format: () => must(bin('prettier'), ['--write', '.', ...args]),
  'format:check': () => must(bin('prettier'), ['--check', '.', ...args]),
  // Pure tests (test/unit), then the ones with real databases, servers and processes (test/integration,
  // and the fault suite: crashes, malformed and hostile input, fuzzing); vitest.config.ts names both.
  'test:unit': () => vitestProject('unit'),
  'test:integration': () => vitestProject('integration'),
  'test:faults': () => vitestProject('integration', ['test/faults']),
  'test:e2e'() {
    must(bin('electron-vite'), ['build']);
    must(process.execPath, [join(root, 'scripts', 'check-built-core.mjs')]);
    must(process.execPath, [join(root, 'scripts', 'check-built-renderer.mjs')]);
    must(bin('playwright'), ['test', ...args]);
  },
  test() {
    for (const step of ['typecheck', 'lint', 'format:check', 'test:unit', 'test:integration', 'test:e2e']) {
      console.log(`\n▶ ${step}`);
      tasks[step]();
    }
  },
  bench() {
    // The renderer part of the bench scrolls the built app (not part of a single figure's run).
    if (!args.includes('--only')) must(bin('electron-vite'), ['build']);
    process.exit(tsx('test/bench/run.ts', args));
  },
  cli: () => process.exit(tsx('electron/hosts/cli-main.ts', args)),
  'db:types': () => process.exit(tsx('scripts/db-types.ts', args)),
  help() {
    console.log(`Tasks: ${Object.keys(tasks).join(', ')}`);
  },
};

if (!tasks[task]) {
  console.error(`Unknown task "${task}". ${Object.keys(tasks).join(', ')}`);
  process.exit(1);
}
ensureNode();
if (task !== 'setup' && !dependenciesInstalled()) {
  console.log('Installing dependencies (first run)…');
  setup();
}
tasks[task]();

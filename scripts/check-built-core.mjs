// The Electron main process loads the core from the bundle electron-vite builds, which no browser
// test runs (they serve the core from its sources). Importing the bundle's core chunk in plain Node
// catches what only bundling breaks: a top-level name the bundler also declares (a module's own
// `const require` once made the desktop app's core a SyntaxError) or a dependency left out.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = join(import.meta.dirname, '..', 'out', 'main', 'chunks');
const chunks = readdirSync(dir).filter((name) => name.startsWith('core-') && name.endsWith('.js'));
if (chunks.length === 0) throw new Error(`No core chunk in ${dir}: run the build first.`);
for (const chunk of chunks) {
  const core = await import(pathToFileURL(join(dir, chunk)).href);
  if (!Object.values(core).some((value) => typeof value === 'function' && value.name === 'openCore')) {
    throw new Error(`${chunk} does not export openCore`);
  }
}
console.log(`Built core loads in Node: ${chunks.join(', ')}`);

// Fails when a built renderer chunk is over the bundler's 500 kB warning: README promises the window's
// code is split so that nothing waits on what it does not show, and a warning in the build log is
// easy to miss. Run right after `electron-vite build` (test:e2e does).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LIMIT_BYTES = 500 * 1000; // Vite's chunkSizeWarningLimit, 500 kB as it counts them
const dir = join(import.meta.dirname, '..', 'out', 'renderer', 'assets');
const chunks = readdirSync(dir).filter((name) => name.endsWith('.js'));
if (chunks.length === 0) throw new Error(`No renderer chunk in ${dir}: run the build first.`);
const over = chunks.map((name) => ({ name, bytes: statSync(join(dir, name)).size })).filter((chunk) => chunk.bytes > LIMIT_BYTES);
if (over.length > 0) {
  throw new Error(
    `Renderer chunks over 500 kB: ${over.map((chunk) => `${chunk.name} (${Math.round(chunk.bytes / 1000)} kB)`).join(', ')}. Load the screen they belong to lazily (renderer/src/app/ScreenView.tsx) or give a library its own group (electron.vite.config.ts).`,
  );
}
console.log(`Renderer chunks all under 500 kB (${chunks.length} chunks)`);

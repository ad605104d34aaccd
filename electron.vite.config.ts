import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/core/security/csp';

const CSP_PLACEHOLDER = '__INFLOW_CSP__';

/** Writes the window's one CSP into the page's meta tag, so the meta and the header come from one function. */
function injectCsp(): Plugin {
  return {
    name: 'inflow-csp',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => {
        if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`renderer/index.html lost its CSP placeholder ${CSP_PLACEHOLDER}`);
        return html.replace(CSP_PLACEHOLDER, contentSecurityPolicy('meta'));
      },
    },
  };
}

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          'core-worker': resolve('electron/hosts/core-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts'), passphrase: resolve('electron/preload/passphrase.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [injectCsp(), react()],
    build: {
      minify: true,
      rollupOptions: {
        input: { index: resolve('renderer/index.html'), passphrase: resolve('renderer/passphrase.html') },
        output: {
          // React changes least, so it is cached apart (taken first, so the charts group cannot pull it
          // in as a dependency); the charting library and its d3 parts load only with the Reports
          // screen (a dynamic import in ScreenView), never at start-up.
          codeSplitting: {
            groups: [
              { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
              { name: 'charts', test: /[\\/]node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor|decimal\.js-light|internmap)[\\/]/, priority: 1 },
            ],
          },
        },
      },
    },
  },
});

import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startCoreWorker } from '../../electron/hosts/core-client';
import { startHttpHost } from '../../electron/hosts/http';
import { percentile } from './figures';

/**
 * Frame intervals while the page scrolls `selector` by `rows` queue rows every frame. Every frame also
 * repaints a 1 px probe of the harness's own: Chromium's display scheduler runs frames back to back
 * (vsync off) only while a frame has damage, and falls back to a ~60 Hz tick when nothing changed, so
 * without the probe an idle page measures that tick (≈ 17–18 ms here), not a frame's cost.
 */
const SCROLL_FRAMES = `async ({ selector, rows, frames }) => {
  const element = selector ? document.querySelector(selector) : null;
  const step = rows * (document.querySelector('[data-testid="worklist-row"]')?.offsetHeight ?? 0);
  const probe = document.body.appendChild(document.createElement('div'));
  probe.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;background:#808080';
  const intervals = [];
  await new Promise((resolve) => {
    let last = 0;
    const tick = (now) => {
      if (last > 0) intervals.push(now - last);
      last = now;
      if (intervals.length >= frames) return resolve();
      probe.style.opacity = intervals.length % 2 ? '0.01' : '0.02';
      if (element) element.scrollTop += step;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  probe.remove();
  return intervals;
}`;

export interface ScrollFigures {
  rows: number;
  /** p95 frame time scrolling 5 rows a frame (a fast wheel flick, ~15,000 px/s), the figure the target applies to. */
  wheelP95: number;
  /** p95 scrolling 20 rows a frame (dragging the scrollbar): every frame is all new rows. */
  dragP95: number;
  /** p95 of the same frame loop with the list still: the machine's and browser's own floor for a frame. */
  idleP95: number;
}

/**
 * The worklist of a big database in Debian's Chromium (software raster, vsync and the frame-rate limit
 * off, so a frame interval is that frame's cost): scroll 600 frames through the queue at two speeds and
 * report p95 frame times, beside the same loop on a still list as the baseline.
 */
export async function benchRendererScroll(dbPath: string, key: Buffer): Promise<ScrollFigures> {
  const core = await startCoreWorker(new URL('../../electron/hosts/core-worker.ts', import.meta.url), dbPath, key);
  const host = await startHttpHost(core, join(import.meta.dirname, '..', '..', 'out', 'renderer'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-gpu-vsync',
      '--disable-frame-rate-limit',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.launchUrl());
    await page.getByTestId('worklist-list').waitFor({ timeout: 120_000 });
    const counter = await page.getByTestId('worklist-done').innerText();
    const rows = Number(/·\s*([\d.,\s\u00a0\u202f]+?)\s+customers?/.exec(counter)?.[1]?.replace(/\D/g, '') ?? 0);
    const p95Of = async (selector: string | null, rowsPerFrame: number) => {
      const intervals = await page.evaluate<number[]>(`(${SCROLL_FRAMES})(${JSON.stringify({ selector, rows: rowsPerFrame, frames: 600 })})`);
      return percentile(intervals, 0.95);
    };
    const list = '[data-testid="worklist-list"]';
    const idleP95 = await p95Of(null, 0);
    const wheelP95 = await p95Of(list, 5);
    const dragP95 = await p95Of(list, 20);
    return { rows, wheelP95, dragP95, idleP95 };
  } finally {
    await browser.close();
    await host.close();
    await core.close();
  }
}

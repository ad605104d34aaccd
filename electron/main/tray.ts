import { join } from 'node:path';
import { app, Menu, Tray, nativeImage } from 'electron';
import type { TraySummary } from '../../shared/notifications';

export interface AppTray {
  /** The whole summary, from a notifications poll (which reads the facts once for both). */
  update(summary: TraySummary): void;
  /** Only the queue's length, as the core's queue.changed event tells it between polls. */
  setQueue(queue: number): void;
  destroy(): void;
}

/**
 * The tray (menu-bar) icon with today's queue: macOS shows the count beside a template icon and on
 * the dock, Linux on the launcher where it supports badges (Unity), every system in the tooltip and
 * the menu (Windows has no badge count). Clicking opens the window.
 */
export function createAppTray(resourcesDir: string, open: () => void, quit: () => void): AppTray {
  const mac = process.platform === 'darwin';
  const badges = mac || process.platform === 'linux';
  const icon = nativeImage.createFromPath(join(resourcesDir, 'tray', mac ? 'trayTemplate.png' : 'tray.png'));
  if (mac) icon.setTemplateImage(true);
  const tray = new Tray(icon);
  tray.on('click', open);
  let shown: TraySummary | null = null;
  const render = (summary: TraySummary | null): void => {
    shown = summary;
    const queue = summary ? `${summary.queue} in today's queue` : 'Inflow';
    const due = summary && summary.promisesDueToday > 0 ? ` · ${summary.promisesDueToday} promised today` : '';
    tray.setToolTip(`Inflow — ${queue}${due}`);
    if (mac) tray.setTitle(summary ? String(summary.queue) : '');
    if (badges) app.setBadgeCount(summary?.queue ?? 0);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: `${queue}${due}`, enabled: false },
        { type: 'separator' },
        { label: 'Open Inflow', click: open },
        { label: 'Quit Inflow', click: quit },
      ]),
    );
  };
  render(null);
  return {
    update: render,
    setQueue: (queue) => render({ promisesDueToday: shown?.promisesDueToday ?? 0, queue }),
    destroy: () => tray.destroy(),
  };
}

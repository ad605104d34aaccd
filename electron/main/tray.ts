import { join } from 'node:path';
import { Menu, Tray, nativeImage } from 'electron';
import type { TraySummary } from '../../shared/notifications';

export interface AppTray {
  update(summary: TraySummary): void;
  destroy(): void;
}

/**
 * The tray (menu-bar) icon with today's queue: macOS shows the count beside a template icon, other
 * systems in the tooltip and the menu. Clicking opens the window.
 */
export function createAppTray(resourcesDir: string, open: () => void, quit: () => void): AppTray {
  const mac = process.platform === 'darwin';
  const icon = nativeImage.createFromPath(join(resourcesDir, 'tray', mac ? 'trayTemplate.png' : 'tray.png'));
  if (mac) icon.setTemplateImage(true);
  const tray = new Tray(icon);
  tray.on('click', open);
  const render = (summary: TraySummary | null): void => {
    const queue = summary ? `${summary.queue} in today's queue` : 'Inflow';
    const due = summary && summary.promisesDueToday > 0 ? ` · ${summary.promisesDueToday} promised today` : '';
    tray.setToolTip(`Inflow — ${queue}${due}`);
    if (mac) tray.setTitle(summary ? String(summary.queue) : '');
    tray.setContextMenu(Menu.buildFromTemplate([
      { label: `${queue}${due}`, enabled: false },
      { type: 'separator' },
      { label: 'Open Inflow', click: open },
      { label: 'Quit Inflow', click: quit },
    ]));
  };
  render(null);
  return { update: render, destroy: () => tray.destroy() };
}

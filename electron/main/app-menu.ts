import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { commandSpec, SCREENS, type CommandId } from '../../shared/commands';

export interface MenuActions {
  window: () => BrowserWindow | null;
  checkForUpdates: () => void;
}

/** A key the page handles itself; the menu shows it and, when clicked, types it into the page. */
interface PageKey {
  label: string;
  keys: { keyCode: string; modifiers?: ('control' | 'meta' | 'shift')[] }[];
  accelerator?: string;
}

const isMac = process.platform === 'darwin';

/** A shell command of the registry as the keys the menu types: "Mod+k" → Ctrl/⌘ K, "g w" → g then w. */
function registryKey(id: CommandId, label = commandSpec(id).label): PageKey {
  const key = commandSpec(id).keys[0] ?? '';
  if (key.startsWith('Mod+')) {
    const letter = key.slice(4).toUpperCase();
    return { label, accelerator: `CmdOrCtrl+${letter}`, keys: [{ keyCode: letter, modifiers: [isMac ? 'meta' : 'control'] }] };
  }
  return { label: key.includes(' ') ? `${label}\t${key}` : label, keys: key.split(' ').map((keyCode) => ({ keyCode })) };
}

/**
 * The native menu: the standard roles (so copy, paste, undo, zoom and window handling work as users
 * expect) plus the app's own keys. Those stay the page's (registerAccelerator: false), so a key
 * press reaches the page exactly once; the menu item types the same keys when clicked.
 */
export function installAppMenu(actions: MenuActions): void {
  const press = (key: PageKey) => () => {
    const contents = actions.window()?.webContents;
    if (!contents) return;
    for (const { keyCode, modifiers = [] } of key.keys) {
      contents.sendInputEvent({ type: 'keyDown', keyCode, modifiers });
      if (modifiers.length === 0) contents.sendInputEvent({ type: 'char', keyCode });
      contents.sendInputEvent({ type: 'keyUp', keyCode, modifiers });
    }
  };
  const pageItem = (key: PageKey): MenuItemConstructorOptions => ({
    label: key.label,
    click: press(key),
    ...(key.accelerator ? { accelerator: key.accelerator, registerAccelerator: false } : {}),
  });

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Go',
      submenu: [
        pageItem(registryKey('app.palette', 'Command Palette')),
        pageItem(registryKey('app.keys', 'Key Map')),
        { type: 'separator' },
        ...SCREENS.map((screen) => pageItem(registryKey(`go.${screen.id}`))),
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Check for Updates…', click: actions.checkForUpdates }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 960, height: 600 };
/** How much of the window's top strip must be on a display for the user to grab and move it. */
const GRAB = { width: 120, height: 40 };

const overlap = (a: Rect, b: Rect): Rect | null => {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
};

/**
 * Where to open the window: the saved bounds if their title strip is still on a display (a monitor
 * unplugged, a resolution changed), shrunk to fit that display and moved fully onto it; otherwise the
 * default size centred on the primary display. `displays` are work areas, the primary first.
 */
export function restoreBounds(saved: unknown, displays: readonly Rect[]): Rect {
  const primary = displays[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const centred = (area: Rect): Rect => {
    const width = Math.min(DEFAULT_SIZE.width, area.width);
    const height = Math.min(DEFAULT_SIZE.height, area.height);
    return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
  };
  if (!isRect(saved)) return centred(primary);
  const strip = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(GRAB.height, saved.height) };
  const home = displays.find((area) => {
    const seen = overlap(strip, area);
    return seen !== null && seen.width >= Math.min(GRAB.width, saved.width) && seen.height >= Math.min(GRAB.height, saved.height);
  });
  if (!home) return centred(primary);
  const width = Math.min(Math.max(saved.width, MIN_SIZE.width), home.width);
  const height = Math.min(Math.max(saved.height, MIN_SIZE.height), home.height);
  const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - height);
  return { x, y, width, height };
}

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  const rect = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => Number.isFinite(rect[k])) && (rect.width as number) > 0 && (rect.height as number) > 0;
}

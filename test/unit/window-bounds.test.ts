import { describe, expect, it } from 'vitest';
import { restoreBounds } from '../../electron/main/window-bounds';

const laptop = { x: 0, y: 25, width: 1440, height: 875 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('restoreBounds', () => {
  it('centres the default size on the primary display the first time, or from a damaged file', () => {
    for (const saved of [null, undefined, 'x', { x: 1, y: 2 }, { x: 0, y: 0, width: -5, height: 10 }, { x: NaN, y: 0, width: 100, height: 100 }]) {
      expect(restoreBounds(saved, [laptop])).toEqual({ x: 80, y: 63, width: 1280, height: 800 });
    }
  });

  it('keeps bounds that are on a display', () => {
    expect(restoreBounds({ x: 1600, y: 100, width: 1400, height: 900 }, [laptop, monitor])).toEqual({ x: 1600, y: 100, width: 1400, height: 900 });
  });

  it('recentres a window left on a monitor that is gone', () => {
    expect(restoreBounds({ x: 1600, y: 100, width: 1400, height: 900 }, [laptop])).toEqual({ x: 80, y: 63, width: 1280, height: 800 });
  });

  it('pulls a window partly off-screen fully onto its display, and shrinks one too big for it', () => {
    expect(restoreBounds({ x: -200, y: 400, width: 1000, height: 700 }, [laptop])).toEqual({ x: 0, y: 200, width: 1000, height: 700 });
    expect(restoreBounds({ x: 0, y: 25, width: 3000, height: 2000 }, [laptop])).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('refuses a title bar hidden above the screen (it could not be grabbed) and grows below the minimum size', () => {
    expect(restoreBounds({ x: 100, y: -500, width: 1200, height: 520 }, [laptop])).toEqual({ x: 80, y: 63, width: 1280, height: 800 });
    expect(restoreBounds({ x: 100, y: 100, width: 300, height: 200 }, [laptop])).toEqual({ x: 100, y: 100, width: 960, height: 600 });
  });

  it('fits a display smaller than the default', () => {
    expect(restoreBounds(null, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({ x: 0, y: 0, width: 1024, height: 700 });
  });
});

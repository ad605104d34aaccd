import { create } from 'zustand';
import type { ScreenId } from './screens';

type Overlay = 'palette' | 'keys';

interface NavState {
  screen: ScreenId;
  overlay: Overlay | null;
  go(screen: ScreenId): void;
  toggle(overlay: Overlay): void;
  close(): void;
}

/** Which screen is showing and which overlay (command palette, key map) is open: the whole "router". */
export const useNav = create<NavState>()((set) => ({
  screen: 'worklist',
  overlay: null,
  go: (screen) => set({ screen, overlay: null }),
  toggle: (overlay) => set((state) => ({ overlay: state.overlay === overlay ? null : overlay })),
  close: () => set({ overlay: null }),
}));

import { create } from 'zustand';
import type { ScreenId } from './screens';

type Overlay = 'palette' | 'keys';

interface NavState {
  screen: ScreenId;
  /** The customer whose page is open (on the Customers screen), if any. */
  customerId: number | null;
  /** Where Esc on the customer page goes back to: the screen it was opened from. */
  returnTo: ScreenId;
  overlay: Overlay | null;
  go(screen: ScreenId): void;
  openCustomer(customerId: number): void;
  toggle(overlay: Overlay): void;
  close(): void;
}

/** Which screen is showing and which overlay (command palette, key map) is open: the whole "router". */
export const useNav = create<NavState>()((set) => ({
  screen: 'worklist',
  customerId: null,
  returnTo: 'customers',
  overlay: null,
  go: (screen) => set({ screen, customerId: null, overlay: null }),
  openCustomer: (customerId) => set((state) => ({ screen: 'customers', customerId, returnTo: state.screen, overlay: null })),
  toggle: (overlay) => set((state) => ({ overlay: state.overlay === overlay ? null : overlay })),
  close: () => set({ overlay: null }),
}));

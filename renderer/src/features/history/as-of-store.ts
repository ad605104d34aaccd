import { create } from 'zustand';
import type { IsoDate } from '../../../../shared/dates';

interface AsOfState {
  /** The past day the worklist and customer pages show; null is today's live book. */
  day: IsoDate | null;
  /** Why the last refused action was refused, read out in the banner (a key pressed while read-only). */
  refused: string | null;
  /** Bumped by "Back to today", so the date field shows today again instead of the text typed. */
  resets: number;
  show(day: IsoDate | null): void;
  refuse(action: string): void;
  backToToday(): void;
}

/**
 * The "as of" day shared by the worklist and the customer pages, so opening a customer from a past
 * queue shows that customer as it stood on the same day.
 */
export const useAsOf = create<AsOfState>((set) => ({
  day: null,
  refused: null,
  resets: 0,
  show: (day) => set({ day, refused: null }),
  refuse: (action) => set({ refused: action }),
  backToToday: () => set((state) => ({ day: null, refused: null, resets: state.resets + 1 })),
}));

/** The past day being shown, or null when the screens show today (a date of today or later is today). */
export function pastDay(day: IsoDate | null, today: IsoDate): IsoDate | null {
  return day !== null && day < today ? day : null;
}

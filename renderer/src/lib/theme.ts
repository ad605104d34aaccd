import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';

interface ThemeState {
  choice: ThemeChoice;
  setChoice(choice: ThemeChoice): void;
}

export const useTheme = create<ThemeState>()(persist((set) => ({ choice: 'system', setChoice: (choice) => set({ choice }) }), { name: 'inflow.theme' }));

const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

function apply(): void {
  const { choice } = useTheme.getState();
  const dark = choice === 'dark' || (choice === 'system' && systemDark.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

/** Keeps <html data-theme> on the resolved theme: the user's override, else the OS preference. */
export function startThemeSync(): void {
  apply();
  useTheme.subscribe(apply);
  systemDark.addEventListener('change', apply);
}

import { create } from 'zustand';

/** A key of the screen showing now, offered in the command palette under its words. */
export interface ScreenCommand {
  id: string;
  label: string;
  key: string;
  run(): void;
}

interface ScreenCommandsState {
  commands: ScreenCommand[];
  /** Adds a command while its screen is mounted; the returned function takes it away. */
  add(command: ScreenCommand): () => void;
}

/**
 * What the current screen's keys do, so the palette reaches every action a key does (call, promise,
 * tick, email the ticked ...) without each screen listing its actions twice.
 */
export const useScreenCommands = create<ScreenCommandsState>()((set) => ({
  commands: [],
  add: (command) => {
    set((state) => ({ commands: [...state.commands, command] }));
    return () => set((state) => ({ commands: state.commands.filter((c) => c !== command) }));
  },
}));

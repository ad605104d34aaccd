import { useState, type KeyboardEvent } from 'react';

const MOVES: Record<string, number> = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1, PageDown: 20, PageUp: -20 };

/** j/k, arrows, Page and Home/End move a highlighted row through a list of `count` rows. */
export function useRowCursor(count: number, reveal: (index: number) => void) {
  const [cursor, setCursor] = useState(-1);
  const current = Math.min(cursor, count - 1);

  function moveTo(index: number): void {
    const next = Math.max(0, Math.min(index, count - 1));
    setCursor(next);
    reveal(next);
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (count === 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    const step = MOVES[event.key];
    if (step !== undefined) moveTo(current < 0 ? 0 : current + step);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(count - 1);
    else return;
    event.preventDefault();
  }

  return { cursor: current, setCursor, onKeyDown };
}

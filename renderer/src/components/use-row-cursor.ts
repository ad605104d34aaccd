import { useState, type KeyboardEvent } from 'react';

const MOVES: Record<string, number> = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1, PageDown: 20, PageUp: -20 };

/** j/k, arrows, Page and Home/End move a highlighted row through a list of `count` rows (`initial` -1: none yet). */
export function useRowCursor(count: number, reveal: (index: number) => void, initial = -1) {
  const [cursor, setCursor] = useState(initial);
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

  return { cursor: current, setCursor, onKeyDown, moveBy: (step: number) => moveTo(current < 0 ? 0 : current + step) };
}

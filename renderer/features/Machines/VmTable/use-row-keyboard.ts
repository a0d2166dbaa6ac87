/** Arrow-key row focus over a virtualized list (a roving tabindex that survives rows unmounting). */
import type { Virtualizer } from '@tanstack/react-virtual';
import { ROW_HEIGHT } from './columns';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

export function useRowKeyboard(
  count: number,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  scrollRef: RefObject<HTMLDivElement | null>,
) {
  const [focusIndex, setFocusIndex] = useState(0);
  const wantFocus = useRef(false);
  const focusedRow = useRef<HTMLElement | null>(null);
  const current = Math.min(focusIndex, Math.max(0, count - 1));

  /** Focuses the rendered row at `index`; false while it is not rendered (or refuses the focus). */
  const focusRow = useCallback(
    (index: number) => {
      const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`);
      el?.focus({ preventScroll: true });
      if (!el || document.activeElement !== el) return false;
      focusedRow.current = el;
      return true;
    },
    [scrollRef],
  );

  const moveTo = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(count - 1, index));
      setFocusIndex(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
      // A row already in the DOM (an arrow key's usual case) takes the focus now, in the key's own
      // event: waiting for the effect after the re-render lost it on a loaded CI machine (ArrowUp
      // after End left the focus where it was). A row still to be rendered is focused by the effect.
      wantFocus.current = !focusRow(next);
    },
    [count, virtualizer, focusRow],
  );

  // After a move, focus the row once it is rendered. A focused row that was replaced in the
  // DOM meanwhile (a re-render under live events) hands focus to its successor, not to the page.
  useEffect(() => {
    const lost = focusedRow.current !== null && !focusedRow.current.isConnected && document.activeElement === document.body;
    if (!wantFocus.current && !lost) return;
    if (focusRow(current)) wantFocus.current = false;
  });

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    // Move from the row that has the focus, not from the remembered index: on a busy machine a
    // key can arrive before a re-render has settled that index (CI saw ArrowUp after End do nothing).
    const row = e.target instanceof HTMLElement && e.target.tagName === 'TR' ? Number(e.target.dataset.index) : NaN;
    const from = Number.isInteger(row) ? row : current;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[e.key];
    if (target === undefined || count === 0) return;
    e.preventDefault();
    moveTo(target);
  };

  const onFocusRow = useCallback((index: number) => setFocusIndex(index), []);

  return { focusIndex: current, onKeyDown, onFocusRow };
}

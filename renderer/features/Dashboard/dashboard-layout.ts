/**
 * The dashboard's arrangement: the order of its panels, remembered in
 * localStorage. Pure functions plus a hook; an unknown or broken stored
 * value falls back to the default order, and panels added later appear.
 */
import { useCallback, useState } from 'react';

export const PANEL_IDS = ['hosts', 'machines', 'alerts', 'top', 'heatmap'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/** Half-width panels pair up when they are next to each other; the rest span the row. */
export const HALF_PANELS: ReadonlySet<PanelId> = new Set(['hosts', 'machines']);

export const LAYOUT_KEY = 'novacron-dashboard-layout';

const isPanelId = (v: unknown): v is PanelId => typeof v === 'string' && (PANEL_IDS as readonly string[]).includes(v);

/** The stored order, cleaned: known ids once each, in their stored order, then any missing ones. */
export function normalizeLayout(stored: unknown): PanelId[] {
  const list = Array.isArray(stored) ? stored.filter(isPanelId) : [];
  const unique = [...new Set(list)];
  return [...unique, ...PANEL_IDS.filter((id) => !unique.includes(id))];
}

export function readLayout(storage: Pick<Storage, 'getItem'> = localStorage): PanelId[] {
  try {
    return normalizeLayout(JSON.parse(storage.getItem(LAYOUT_KEY) ?? 'null'));
  } catch {
    return normalizeLayout(null);
  }
}

/** `id` moved by `delta` places (clamped). */
export function movePanel(order: readonly PanelId[], id: PanelId, delta: number): PanelId[] {
  const from = order.indexOf(id);
  if (from < 0) return [...order];
  return movePanelTo(order, id, Math.max(0, Math.min(order.length - 1, from + delta)));
}

/** `id` moved to index `to` (a drop). */
export function movePanelTo(order: readonly PanelId[], id: PanelId, to: number): PanelId[] {
  const rest = order.filter((x) => x !== id);
  rest.splice(Math.max(0, Math.min(rest.length, to)), 0, id);
  return rest;
}

/** Columns each panel spans in a two-column grid: half panels share a row with a half neighbour. */
export function spans(order: readonly PanelId[]): Record<PanelId, 1 | 2> {
  const out = {} as Record<PanelId, 1 | 2>;
  for (let i = 0; i < order.length; i++) {
    const id = order[i]!;
    const next = order[i + 1];
    if (HALF_PANELS.has(id) && next && HALF_PANELS.has(next)) {
      out[id] = 1;
      out[next] = 1;
      i++;
    } else out[id] = 2;
  }
  return out;
}

export function useDashboardLayout() {
  const [order, setOrder] = useState<PanelId[]>(() => readLayout());
  const save = useCallback((next: PanelId[]) => {
    setOrder(next);
    try {
      localStorage.setItem(LAYOUT_KEY, JSON.stringify(next));
    } catch {
      // storage full or disabled: the order still applies for this session
    }
  }, []);
  const move = useCallback((id: PanelId, delta: number) => save(movePanel(order, id, delta)), [order, save]);
  const moveTo = useCallback((id: PanelId, to: number) => save(movePanelTo(order, id, to)), [order, save]);
  const reset = useCallback(() => save([...PANEL_IDS]), [save]);
  return { order, move, moveTo, reset };
}

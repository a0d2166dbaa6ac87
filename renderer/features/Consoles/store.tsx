/**
 * The open consoles, app-wide: a provider mounted above the router (App.tsx),
 * so consoles live on while the user moves between pages. The dock renders
 * every open console once and keeps it mounted; only which tab shows changes.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type ConsoleKind = 'serial' | 'graphical';

export interface ConsoleTab {
  key: string;
  kind: ConsoleKind;
  connectionId: string;
  uuid: string;
  /** The machine's name, for the tab. */
  name: string;
}

export interface ConsolesApi {
  tabs: ConsoleTab[];
  active: string | null;
  collapsed: boolean;
  /** Opens a console as a tab, or shows the one already open for that machine and kind. */
  open(tab: Omit<ConsoleTab, 'key'>): void;
  close(key: string): void;
  activate(key: string): void;
  setCollapsed(collapsed: boolean): void;
}

const Ctx = createContext<ConsolesApi | null>(null);

export const consoleKey = (kind: ConsoleKind, connectionId: string, uuid: string) => `${kind}:${connectionId}:${uuid}`;

export function ConsolesProvider({ children }: { children: ReactNode }) {
  const [tabs, setTabs] = useState<ConsoleTab[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState(false);

  const open = useCallback((t: Omit<ConsoleTab, 'key'>) => {
    const key = consoleKey(t.kind, t.connectionId, t.uuid);
    setTabs((prev) => (prev.some((x) => x.key === key) ? prev : [...prev, { ...t, key }]));
    setActive(key);
    setCollapsed(false);
  }, []);

  const close = useCallback((key: string) => {
    setTabs((prev) => {
      const i = prev.findIndex((x) => x.key === key);
      if (i < 0) return prev;
      const next = prev.filter((x) => x.key !== key);
      setActive((a) => (a === key ? (next[Math.min(i, next.length - 1)]?.key ?? null) : a));
      return next;
    });
  }, []);

  const api = useMemo<ConsolesApi>(
    () => ({ tabs, active, collapsed, open, close, activate: setActive, setCollapsed }),
    [tabs, active, collapsed, open, close],
  );
  return <Ctx.Provider value={api}>{children}</Ctx.Provider>;
}

export function useConsoles(): ConsolesApi {
  const api = useContext(Ctx);
  if (!api) throw new Error('useConsoles needs a ConsolesProvider above it');
  return api;
}

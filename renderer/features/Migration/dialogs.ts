/**
 * Which migration dialog is open, app-wide. The dialogs are mounted once
 * above the pages (MigrationDialogs in App.tsx), not by the page that opens
 * them: a migrated machine's page (and a bulk selection of migrated rows) goes
 * away when the machine leaves its host, and the dialog must stay to show the
 * outcome.
 */
import { useSyncExternalStore } from 'react';
import type { VmState } from '../../../shared/types';

/** What a dialog needs to know about a machine it moves. */
export interface MigrationSubject {
  connectionId: string;
  uuid: string;
  name: string;
  /** Its host's connection name. */
  host: string;
  state: VmState;
  memoryKiB: number;
}

export type MigrationDialog =
  | { kind: 'migrate'; subject: MigrationSubject }
  | { kind: 'bulk'; subjects: MigrationSubject[] }
  | { kind: 'evacuate'; connectionId: string };

let current: MigrationDialog | null = null;
const listeners = new Set<() => void>();

function set(next: MigrationDialog | null): void {
  current = next;
  for (const l of [...listeners]) l();
}

export const openMigrationDialog = (d: MigrationDialog) => set(d);
export const closeMigrationDialog = () => set(null);

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useMigrationDialog(): MigrationDialog | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}

export const subjectOf = (r: MigrationSubject): MigrationSubject => ({
  connectionId: r.connectionId,
  uuid: r.uuid,
  name: r.name,
  host: r.host,
  state: r.state,
  memoryKiB: r.memoryKiB,
});

/** A machine that runs (or is paused) moves live; a shut-off one offline. */
export const isActive = (state: VmState) => state === 'running' || state === 'paused' || state === 'blocked';

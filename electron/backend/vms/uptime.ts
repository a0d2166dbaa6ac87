/**
 * When running machines started. libvirt's API reports no start time, so the
 * backend keeps its own from what it sees: a "started" lifecycle event marks
 * the start exactly ("start-event", to an event's delay); a machine already
 * running when NovaCron first looks has run at least since then
 * ("first-seen"). A domain id other than the one recorded means it restarted
 * while NovaCron was not watching (a lost link): first-seen again.
 */
import type { Uptime } from '../../../shared/contract/vm-details.js';
import type { LibvirtConnection, Unsubscribe } from '../../libvirt/index.js';
import type { HostRegistry } from '../hosts/registry.js';

interface Seen {
  running: boolean;
  /** The domain id that run had; null until a details read after a start event learns it. */
  domainId: number | null;
  since: number | null;
  source: Uptime['source'];
}

export function createUptimeTracker(hosts: HostRegistry, now: () => number = Date.now) {
  const seen = new Map<string, Seen>();
  const subscriptions = new Map<string, { conn: LibvirtConnection; off: Promise<Unsubscribe | null> }>();

  function observe(connectionId: string, uuid: string, domainId: number, running: boolean): Uptime {
    const key = `${connectionId}/${uuid}`;
    const before = seen.get(key);
    let entry: Seen;
    if (!running) entry = { running: false, domainId: null, since: null, source: 'unknown' };
    else if (before?.running && (before.domainId === null || before.domainId === domainId)) entry = { ...before, domainId };
    else entry = { running: true, domainId, since: now(), source: 'first-seen' };
    seen.set(key, entry);
    return { since: entry.since, source: entry.source };
  }

  function watch(id: string, conn: LibvirtConnection): void {
    if (subscriptions.get(id)?.conn === conn) return;
    unwatch(id);
    const off = conn
      .onDomainLifecycle((e) => {
        const key = `${id}/${e.dom.uuid}`;
        if (e.event === 'started') seen.set(key, { running: true, domainId: null, since: now(), source: 'start-event' });
        else if (e.event === 'stopped' || e.event === 'undefined') seen.delete(key);
      })
      .catch(() => null); // without events every running machine is "first-seen"
    subscriptions.set(id, { conn, off });
  }

  function unwatch(id: string): void {
    const s = subscriptions.get(id);
    if (!s) return;
    subscriptions.delete(id);
    void s.off.then((u) => u?.()).catch(() => undefined);
  }

  const offHosts = hosts.onHost({ connected: (id, conn) => watch(id, conn), lost: (id) => unwatch(id) });

  return {
    observe,
    close(): void {
      offHosts();
      for (const id of [...subscriptions.keys()]) unwatch(id);
    },
  };
}

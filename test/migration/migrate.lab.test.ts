/**
 * Migration between two real hypervisors of the multi-host lab (each its own
 * libvirtd in its own network namespace), through the backend's migration
 * core over NovaCron's own two connections (client-managed: the daemons
 * never log in to each other). Every test leaves each host as it found it:
 * the hosts' own guests go back home, throwaway guests are removed from both.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MigrationOptions } from '../../shared/contract/migration.js';
import { createLocalControl, type JobControl } from '../../electron/backend/jobs/jobs.js';
import type { LiveHandle } from '../../electron/backend/migration/live.js';
import { migrateMachine } from '../../electron/backend/migration/migrate.js';
import { planMigration } from '../../electron/backend/migration/plan.js';
import { chooseTargets, runEvacuation } from '../../electron/backend/migration/evacuate.js';
import { listEvacuees, readCandidates } from '../../electron/backend/migration/hosts.js';
import { api, DomainState, uuidToString, type LibvirtClient } from '../../electron/libvirt/index.js';
import { GuestConsole } from '../helpers/guest-console.js';
import { waitFor } from '../helpers/lab.js';
import {
  connectHost,
  endsOf,
  findByName,
  host,
  hosts,
  isRunningOn,
  labVerb,
  makeHostGuest,
  removeEverywhere,
  type HostGuest,
} from './hosts.js';

const opts = (o: Partial<MigrationOptions> = {}) => MigrationOptions.parse(o);

/** A JobControl whose updates are kept, with a cancel of our own. */
function control(): JobControl & { updates: { phase?: string; detail?: unknown }[]; cancel(): void } {
  const ac = new AbortController();
  const updates: { phase?: string; detail?: unknown }[] = [];
  return { signal: ac.signal, update: (p) => void updates.push(p), updates, cancel: () => ac.abort() };
}

describe.skipIf(!hosts)('migration between lab hosts', () => {
  let a: LibvirtClient;
  let b: LibvirtClient;
  const made: HostGuest[] = [];

  beforeAll(async () => {
    a = await connectHost(0);
    b = await connectHost(1);
  });

  /** Each host's own guest is back on its host, running. */
  async function sendHomeGuests(): Promise<void> {
    for (const [i, h] of hosts!.entries()) {
      const other = i === 0 ? b : a;
      const home = i === 0 ? a : b;
      if (await findByName(other, h.runningGuest)) {
        const ends = i === 0 ? endsOf(b, 1, a, 0) : endsOf(a, 0, b, 1);
        const uuid = uuidToString((await api.lookupDomainByName(other, h.runningGuest)).uuid);
        await migrateMachine(
          ends,
          await planMigration(ends, { connectionId: 'x', targetConnectionId: 'y' }, uuid),
          opts(),
          createLocalControl(),
        );
      }
      const d = await api.lookupDomainByName(home, h.runningGuest);
      if (!(await api.isDomainActive(home, d))) await api.startDomain(home, d);
    }
  }

  afterEach(async () => {
    labVerb('link', host(1).name, 'up');
    // fresh clients: a cut link closes a client for good (it does not reconnect)
    await Promise.all([a.close().catch(() => undefined), b.close().catch(() => undefined)]);
    a = await connectHost(0);
    b = await connectHost(1);
    await sendHomeGuests();
  });

  afterAll(async () => {
    for (const g of made) removeEverywhere(g);
    await a?.close();
    await b?.close();
  });

  async function plan(from: LibvirtClient, fi: number, to: LibvirtClient, ti: number, uuid: string) {
    const ends = endsOf(from, fi, to, ti);
    return { ends, planned: await planMigration(ends, { connectionId: `h${fi}`, targetConnectionId: `h${ti}` }, uuid) };
  }

  it('moves a running guest live from A to B: it runs on B (its console answers there) and is gone from A', async () => {
    const name = host(0).runningGuest;
    const uuid = uuidToString((await api.lookupDomainByName(a, name)).uuid);
    const { ends, planned } = await plan(a, 0, b, 1, uuid);
    expect(planned.plan).toMatchObject({ mode: 'live', blockers: [], target: { name: host(1).name } });
    const ctl = control();
    const r = await migrateMachine(ends, planned, opts(), ctl);
    expect(r.mode).toBe('live');
    expect(await findByName(a, name)).toBeNull(); // undefined on the source too: it moved for good
    const moved = await api.lookupDomainByName(b, name);
    const st = await api.getDomainState(b, moved);
    expect(st.state).toBe(DomainState.RUNNING);
    expect(st.reason).toBe(2 /* VIR_DOMAIN_RUNNING_MIGRATED */);
    expect(await api.isDomainPersistent(b, moved)).toBe(true);
    expect(ctl.updates.some((u) => typeof u.phase === 'string' && u.phase.startsWith('preparing'))).toBe(true);
    const con = await GuestConsole.open(b, moved);
    try {
      await con.run('echo MI$((40+2))GR', 'MI42GR');
    } finally {
      await con.close();
    }
  });

  it('moves a running guest peer to peer, and tunnelled, when the daemons can reach each other', async () => {
    const name = host(0).runningGuest;
    const uuid = uuidToString((await api.lookupDomainByName(a, name)).uuid);
    // the source daemon dials the target's URI itself (qemu+tcp inside the lab's bridge)
    const there = await plan(a, 0, b, 1, uuid);
    await migrateMachine(there.ends, there.planned, opts({ p2p: true }), createLocalControl());
    expect(await isRunningOn(b, name)).toBe(true);
    expect(await findByName(a, name)).toBeNull();
    const back = await plan(b, 1, a, 0, uuid);
    await migrateMachine(back.ends, back.planned, opts({ p2p: true, tunnelled: true }), createLocalControl());
    expect(await isRunningOn(a, name)).toBe(true);
    expect(await findByName(b, name)).toBeNull();
  });

  it('moves a running guest with non-shared storage: its disk is copied and reads the same on B', async () => {
    const marker = `NCMARK-${randomBytes(6).toString('hex')}`;
    const data = Buffer.alloc(1 << 20);
    data.write(marker, 0, 'latin1');
    const g = await makeHostGuest(a, 0, 'migdisk', { diskBytes: 16 << 20, data, start: true });
    made.push(g);
    const { ends, planned } = await plan(a, 0, b, 1, g.uuid);
    expect(planned.plan.disks).toEqual([expect.objectContaining({ target: 'vda', handling: 'copy', targetPool: host(1).pool })]);
    expect(planned.plan.blockers).toEqual([]);
    await migrateMachine(ends, planned, opts({ copyStorage: true }), createLocalControl());
    expect(await isRunningOn(b, g.name)).toBe(true);
    expect(await findByName(a, g.name)).toBeNull();
    // the guest reads its disk on B: the marker was copied by QEMU's storage migration
    const con = await GuestConsole.open(b, (await findByName(b, g.name))!);
    try {
      await con.run(`head -c ${marker.length} /dev/vda; echo ""; echo DI$((1+1))SK`, `${marker}`, 60_000);
    } finally {
      await con.close();
    }
  });

  it('a cancelled migration leaves the guest running on A, and says so', async () => {
    const name = host(0).runningGuest;
    const uuid = uuidToString((await api.lookupDomainByName(a, name)).uuid);
    const { ends, planned } = await plan(a, 0, b, 1, uuid);
    const ctl = control();
    // 1 MiB/s: the guest's memory takes a minute and more, time enough to cancel half-way
    const run = migrateMachine(ends, planned, opts({ bandwidthMiBps: 1 }), ctl);
    expect(
      await waitFor(() => ctl.updates.some((u) => Number((u.detail as Record<string, number> | undefined)?.dataProcessed) > 0), 30_000),
    ).toBe(true);
    ctl.cancel();
    await expect(run).rejects.toThrow(/cancelled.*keeps running on/);
    expect(await isRunningOn(a, name)).toBe(true);
    expect(await waitFor(async () => (await findByName(b, name)) === null, 20_000)).toBe(true);
  });

  it("B's link cut mid-migration gives a clear error, and the guest still runs on A", async () => {
    const name = host(0).runningGuest;
    const uuid = uuidToString((await api.lookupDomainByName(a, name)).uuid);
    const b2 = await connectHost(1);
    try {
      const { ends, planned } = await plan(a, 0, b2, 1, uuid);
      const ctl = control();
      const run = migrateMachine(ends, planned, opts({ bandwidthMiBps: 1 }), ctl);
      expect(
        await waitFor(() => ctl.updates.some((u) => Number((u.detail as Record<string, number> | undefined)?.dataProcessed) > 0), 30_000),
      ).toBe(true);
      labVerb('link', host(1).name, 'down');
      await expect(run).rejects.toThrow(new RegExp(`lost the connection to ${host(1).name}.*keeps running on ${host(0).name}`));
      expect(await isRunningOn(a, name)).toBe(true);
    } finally {
      labVerb('link', host(1).name, 'up');
      await b2.close().catch(() => undefined);
    }
    // B's daemon drops the half-received guest once it sees the client gone
    const b3 = await connectHost(1);
    try {
      expect(await waitFor(async () => (await findByName(b3, name)) === null, 60_000, 1000)).toBe(true);
    } finally {
      await b3.close();
    }
  });

  it('switches a slow migration to post-copy on request: it finishes at once and runs on B', async () => {
    const name = host(0).runningGuest;
    const uuid = uuidToString((await api.lookupDomainByName(a, name)).uuid);
    const { ends, planned } = await plan(a, 0, b, 1, uuid);
    const ctl = control();
    let handle: LiveHandle | null = null;
    const run = migrateMachine(ends, planned, opts({ bandwidthMiBps: 1, postcopy: true }), ctl, (h) => (handle = h ?? handle));
    expect(
      await waitFor(() => ctl.updates.some((u) => Number((u.detail as Record<string, number> | undefined)?.dataProcessed) > 0), 30_000),
    ).toBe(true);
    await handle!.startPostCopy();
    const r = await run;
    expect(r.mode).toBe('live');
    expect(await isRunningOn(b, name)).toBe(true);
    expect(await findByName(a, name)).toBeNull();
  });

  it('says plainly when the daemon lacks a compression method, and the guest stays on A', async () => {
    const name = host(0).runningGuest;
    const uuid = uuidToString((await api.lookupDomainByName(a, name)).uuid);
    const { ends, planned } = await plan(a, 0, b, 1, uuid);
    const run = migrateMachine(ends, planned, opts({ compression: 'zstd' }), createLocalControl());
    const version = await api.getLibVersion(a);
    if (version < 9_004_000n) {
      // libvirt 9.0 (Debian 12) has no multifd compression: its own words, and what happened
      await expect(run).rejects.toThrow(/Unsupported compression method 'zstd'.*keeps running on/);
      expect(await isRunningOn(a, name)).toBe(true);
    } else {
      await run;
      expect(await isRunningOn(b, name)).toBe(true);
    }
  });

  it('moves a shut-off guest offline: its disk arrives byte-identical, then it is undefined on A', async () => {
    const data = randomBytes(4 << 20);
    const g = await makeHostGuest(a, 0, 'migoff', { diskBytes: 4 << 20, data });
    made.push(g);
    const { ends, planned } = await plan(a, 0, b, 1, g.uuid);
    expect(planned.plan.mode).toBe('offline');
    expect(planned.plan.blockers).toEqual([]);
    const ctl = control();
    const r = await migrateMachine(ends, planned, opts(), ctl);
    expect(r.mode).toBe('offline');
    expect(ctl.updates.some((u) => u.phase?.startsWith('verifying'))).toBe(true);
    expect(await findByName(a, g.name)).toBeNull();
    const moved = await findByName(b, g.name);
    expect(moved).not.toBeNull();
    expect(uuidToString(moved!.uuid)).toBe(g.uuid);
    const vol = await api.lookupStorageVolumeByName(b, await api.lookupStoragePoolByName(b, host(1).pool), g.volume!);
    const chunks: Uint8Array[] = [];
    for await (const c of await api.downloadVolume(b, vol)) chunks.push(c);
    const back = Buffer.concat(chunks);
    expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    // the source's volume is kept, as the outcome says
    expect(r.keptSourceVolumes).toContain(g.volume!);
  });

  it('refuses a move the target cannot take, changing nothing', async () => {
    const g = await makeHostGuest(a, 0, 'migno', {});
    made.push(g);
    // the same guest defined on B already: the target has it
    const xml = await api.getDomainXml(a, (await findByName(a, g.name))!, 2);
    await api.defineDomain(b, xml);
    const { ends, planned } = await plan(a, 0, b, 1, g.uuid);
    expect(planned.plan.blockers.join(' ')).toMatch(/already has this machine/);
    await expect(migrateMachine(ends, planned, opts(), createLocalControl())).rejects.toThrow(/cannot move/);
    expect(await findByName(a, g.name)).not.toBeNull();
  });

  it('evacuates a host with two running guests: both move to the other host', async () => {
    const g = await makeHostGuest(a, 0, 'migevac', { start: true });
    made.push(g);
    const running = await listEvacuees(a);
    expect(running.map((m) => m.name).sort()).toEqual([g.name, host(0).runningGuest].sort());
    const candidates = await readCandidates([{ connectionId: 'h1', name: host(1).name, client: b, maintenance: false }]);
    const items = chooseTargets(running, candidates);
    expect(items.every((i) => i.targetConnectionId === 'h1')).toBe(true);
    const ctl = control();
    const outcomes = await runEvacuation(
      items,
      async (item, inner) => {
        const { ends, planned } = await plan(a, 0, b, 1, item.uuid);
        await migrateMachine(ends, planned, opts(), inner);
      },
      ctl,
      (e) => ({ code: 'internal', message: String(e) }),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    expect(await isRunningOn(b, g.name)).toBe(true);
    expect(await isRunningOn(b, host(0).runningGuest)).toBe(true);
    expect(await listEvacuees(a)).toEqual([]);
  });
});

/**
 * VMs against the lab: listing (checked against virsh), the 1,000-domain
 * test host (timed), lifecycle actions on nc-guest-2 with their vm.changed
 * events (restored to shut off), and a throwaway transient guest for vm.removed.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vm } from '../../shared/types.js';
import { lab, parseKeyValues, uniqueName, virsh, virshQuiet, waitFor } from '../helpers/lab.js';
import { removeDir, startTestBackend, type TestBackend } from './helpers.js';

const L = lab!;
const GUEST = 'nc-guest-2';
let t: TestBackend;
let sys: string;
let testHost: string;

function guestIsOff(): boolean {
  return virsh(['domstate', GUEST]).trim() === 'shut off';
}

beforeAll(async () => {
  if (!lab) return;
  t = await startTestBackend({ autoConnect: false });
  sys = (await t.call('connections.add', { name: 'system', uri: L.system })).id;
  testHost = (await t.call('connections.add', { name: 'test host', uri: L.testHost })).id;
  await t.call('connections.connect', { id: sys });
  await t.call('connections.connect', { id: testHost });
});

afterAll(async () => {
  if (!lab) return;
  // Leave nc-guest-2 as the lab expects it: shut off.
  if (!guestIsOff()) virshQuiet(['destroy', GUEST]);
  await t.close();
  await removeDir(t.dataDir);
});

describe.skipIf(!lab)('vms (lab)', () => {
  it('lists the lab guests with the states, vCPUs and memory virsh reports', async () => {
    const vms = await t.call('vms.list', { connectionId: sys });
    for (const name of L.guests) {
      const vm = vms.find((v) => v.name === name);
      expect(vm, name).toBeDefined();
      const info = parseKeyValues(virsh(['dominfo', name]));
      expect(vm!.uuid).toBe(info.UUID);
      expect(vm!.state).toBe(info.State === 'running' ? 'running' : 'shutoff');
      expect(vm!.vcpus).toBe(Number(info['CPU(s)']));
      expect(vm!.maxMemoryKiB).toBe(Number(info['Max memory']!.split(' ')[0]));
      expect(vm!.persistent).toBe(info.Persistent === 'yes');
      expect(vm!.autostart).toBe(info.Autostart === 'enable');
      expect(vm!.connectionId).toBe(sys);
    }
    expect(vms.find((v) => v.name === L.runningGuest)!.id).toBeGreaterThan(0);
    expect(vms.find((v) => v.name === GUEST)!.id).toBe(-1);
  });

  it(`lists the ${L?.testHostDomains ?? 1000}-domain test host quickly`, async () => {
    await t.call('vms.list', { connectionId: testHost }); // warm-up
    const times: number[] = [];
    let vms: Vm[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      vms = await t.call('vms.list', { connectionId: testHost });
      times.push(performance.now() - started);
    }
    expect(vms).toHaveLength(L.testHostDomains ?? 1000);
    expect(new Set(vms.map((v) => v.uuid)).size).toBe(vms.length);
    if (typeof L.testHostRunning === 'number') expect(vms.filter((v) => v.state === 'running')).toHaveLength(L.testHostRunning);
    const best = Math.min(...times);
    process.stderr.write(`vms.list of ${vms.length} test-host domains: ${times.map((x) => x.toFixed(0)).join(', ')} ms\n`);
    expect(best).toBeLessThan(2000);
  });

  it('lists every connected host when no connection is given', async () => {
    const all = await t.call('vms.list', {});
    expect(all.filter((v) => v.connectionId === sys).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((v) => v.connectionId === testHost)).toHaveLength(L.testHostDomains ?? 1000);
  });

  it('gets one VM, and answers not-found / operation-invalid with libvirt details', async () => {
    const uuid = parseKeyValues(virsh(['dominfo', GUEST])).UUID!;
    const vm = await t.call('vms.get', { connectionId: sys, uuid });
    expect(vm).toMatchObject({ name: GUEST, state: 'shutoff', uuid });
    const missing = await t.fail('vms.get', { connectionId: sys, uuid: '00000000-0000-0000-0000-00000000beef' });
    expect(missing.code).toBe('not-found');
    expect(missing.libvirt?.code).toBe(42);
    const invalid = await t.fail('vms.act', { connectionId: sys, uuid, action: 'suspend' });
    expect(invalid.code).toBe('operation-invalid');
    expect(invalid.libvirt?.code).toBe(55);
  });

  it('starts, suspends, resumes, shuts down and destroys nc-guest-2 with vm.changed events', async () => {
    expect(guestIsOff()).toBe(true);
    const uuid = parseKeyValues(virsh(['dominfo', GUEST])).UUID!;
    const changedTo = (state: Vm['state'], since: number) =>
      t.events.waitFor<Vm>('vm.changed', (v) => v.uuid === uuid && v.connectionId === sys && v.state === state, 20_000, since);

    let since = t.events.mark();
    const started = await t.call('vms.act', { connectionId: sys, uuid, action: 'start' });
    expect(started.state).toBe('running');
    expect(started.id).toBeGreaterThan(0);
    await changedTo('running', since);

    since = t.events.mark();
    expect((await t.call('vms.act', { connectionId: sys, uuid, action: 'suspend' })).state).toBe('paused');
    await changedTo('paused', since);

    since = t.events.mark();
    expect((await t.call('vms.act', { connectionId: sys, uuid, action: 'resume' })).state).toBe('running');
    await changedTo('running', since);

    // The guest powers off on the ACPI button once booted (a press before that is lost: press again).
    since = t.events.mark();
    const shutOff = await waitFor(
      async () => {
        const asked = await t.call('vms.act', { connectionId: sys, uuid, action: 'shutdown' }).catch(() => null);
        if (asked?.state === 'shutoff') return true;
        return waitFor(() => guestIsOff(), 3000, 200);
      },
      60_000,
      0,
    );
    expect(shutOff).toBe(true);
    await changedTo('shutoff', since);

    since = t.events.mark();
    expect((await t.call('vms.act', { connectionId: sys, uuid, action: 'start' })).state).toBe('running');
    await changedTo('running', since);
    since = t.events.mark();
    const destroyed = await t.call('vms.act', { connectionId: sys, uuid, action: 'destroy' });
    expect(destroyed).toMatchObject({ state: 'shutoff', id: -1, persistent: true });
    await changedTo('shutoff', since);
    expect(guestIsOff()).toBe(true);
  });

  it('reports a transient guest that stops as vm.removed', async () => {
    const name = uniqueName('transient');
    const xml = `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
      <os><type arch='x86_64'>hvm</type></os><devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>`;
    const file = join(t.dataDir, `${name}.xml`);
    await writeFile(file, xml);
    try {
      const since = t.events.mark();
      virsh(['create', file]);
      const uuid = parseKeyValues(virsh(['dominfo', name])).UUID!;
      const appeared = await t.events.waitFor<Vm>('vm.changed', (v) => v.uuid === uuid, 20_000, since);
      expect(appeared).toMatchObject({ name, state: 'running', persistent: false });
      const destroyed = await t.call('vms.act', { connectionId: sys, uuid, action: 'destroy' });
      expect(destroyed).toMatchObject({ name, state: 'shutoff', id: -1 });
      await t.events.waitFor<{ uuid: string }>('vm.removed', (p) => p.uuid === uuid, 20_000, since);
      expect(await waitFor(async () => !(await t.call('vms.list', { connectionId: sys })).some((v) => v.uuid === uuid), 5000)).toBe(true);
    } finally {
      virshQuiet(['destroy', name]);
    }
  });
});

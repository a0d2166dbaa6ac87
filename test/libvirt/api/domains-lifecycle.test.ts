/**
 * Mutating domain calls, only on a throwaway "apitest-" guest defined here
 * (a copy of a lab guest with its own qcow2 disk in the lab pool), removed in
 * afterAll whatever happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../electron/libvirt/api/index.js';
import type { LibvirtClient } from '../../../electron/libvirt/client.js';
import { ErrorCode } from '../../../electron/libvirt/errors.js';
import type { Dom, Pool, Vol } from '../../../electron/libvirt/protocol/common.js';
import {
  ConsoleFlags,
  DeviceModifyFlags,
  DomainState,
  DomainXmlFlags,
  MemoryFlags,
  VcpuFlags,
} from '../../../electron/libvirt/protocol/flags.js';
import { connectLab, lab, uniqueName, virsh, waitFor } from '../../helpers/lab.js';
import { GuestConsole } from '../../helpers/guest-console.js';
import { expectDaemonError } from './expect-error.js';
import { removeDomain, removeVolume, stoppedLabGuestXml, throwawayDomainXml, volumeXml } from './throwaway.js';

const name = uniqueName('dom');
const diskName = `${name}.qcow2`;
const extraName = `${name}-extra.raw`;

describe.skipIf(!lab)('domain lifecycle on a throwaway guest', () => {
  let c: LibvirtClient;
  let pool: Pool;
  let disk: Vol;
  let extra: Vol;
  let extraPath: string;
  let dom: Dom;

  const state = async () => (await api.getDomainState(c, dom)).state;
  const xml = (flags = 0) => api.getDomainXml(c, dom, flags);

  beforeAll(async () => {
    c = await connectLab('system');
    pool = await api.lookupStoragePoolByName(c, lab!.pool);
    disk = await api.createStorageVolume(c, pool, volumeXml(diskName, 16 << 20, 'qcow2'));
    extra = await api.createStorageVolume(c, pool, volumeXml(extraName, 1 << 20, 'raw'));
    extraPath = await api.getStorageVolumePath(c, extra);
    const base = await stoppedLabGuestXml(c);
    dom = await api.defineDomain(c, throwawayDomainXml(base, name, await api.getStorageVolumePath(c, disk)));
  });

  afterAll(async () => {
    await removeDomain(c, name, dom);
    await removeVolume(c, pool, diskName);
    await removeVolume(c, pool, extraName);
    await c?.close();
  });

  it('defines a persistent, inactive domain', async () => {
    expect(dom.name).toBe(name);
    expect(dom.id).toBe(-1);
    expect(await api.isDomainPersistent(c, dom)).toBe(true);
    expect(await api.isDomainActive(c, dom)).toBe(false);
    expect(virsh(['domstate', name]).trim()).toBe('shut off');
  });

  it('toggles autostart', async () => {
    await api.setDomainAutostart(c, dom, true);
    expect(await api.getDomainAutostart(c, dom)).toBe(true);
    await api.setDomainAutostart(c, dom, false);
    expect(await api.getDomainAutostart(c, dom)).toBe(false);
  });

  it('changes memory and vCPUs in the config', async () => {
    await api.setDomainMemory(c, dom, 80 * 1024, MemoryFlags.CONFIG);
    expect(await xml(DomainXmlFlags.INACTIVE)).toContain(`<currentMemory unit='KiB'>81920</currentMemory>`);
    await api.setDomainVcpus(c, dom, 2, VcpuFlags.CONFIG | VcpuFlags.MAXIMUM);
    expect(await api.getDomainVcpus(c, dom, VcpuFlags.CONFIG | VcpuFlags.MAXIMUM)).toBe(2);
    await api.setDomainVcpus(c, dom, 1, VcpuFlags.CONFIG);
    expect(await api.getDomainVcpus(c, dom, VcpuFlags.CONFIG)).toBe(1);
    await api.setDomainMemory(c, dom, 96 * 1024, MemoryFlags.CONFIG);
  });

  it('attaches, updates and detaches devices in the config', async () => {
    const diskXml = `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${extraPath}'/><target dev='vdb' bus='virtio'/></disk>`;
    await api.attachDevice(c, dom, diskXml, DeviceModifyFlags.CONFIG);
    expect(await xml(DomainXmlFlags.INACTIVE)).toContain(`<target dev='vdb' bus='virtio'/>`);
    await api.detachDevice(c, dom, diskXml, DeviceModifyFlags.CONFIG);
    expect(await xml(DomainXmlFlags.INACTIVE)).not.toContain(`dev='vdb'`);

    const cdrom = (src: string) =>
      `<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>${src}<target dev='hdc' bus='ide'/><readonly/></disk>`;
    await api.attachDevice(c, dom, cdrom(''), DeviceModifyFlags.CONFIG);
    await api.updateDevice(c, dom, cdrom(`<source file='${extraPath}'/>`), DeviceModifyFlags.CONFIG);
    expect(await xml(DomainXmlFlags.INACTIVE)).toMatch(new RegExp(`<source file='${extraPath}'/>\\s*<target dev='hdc'`));
    await api.detachDevice(c, dom, cdrom(''), DeviceModifyFlags.CONFIG);
    expect(await xml(DomainXmlFlags.INACTIVE)).not.toContain(`dev='hdc'`);
  });

  it('starts the domain and returns it with its id', async () => {
    const started = await api.startDomain(c, dom);
    expect(started.id).toBeGreaterThan(0);
    expect(started.uuid).toStrictEqual(dom.uuid);
    dom = started;
    expect(await state()).toBe(DomainState.RUNNING);
    expect(virsh(['domstate', name]).trim()).toBe('running');
    await expectDaemonError(api.startDomain(c, dom), [ErrorCode.OPERATION_INVALID]);
  });

  it('talks to the guest shell over the console stream', async () => {
    const stream = await api.openConsole(c, dom, null, ConsoleFlags.FORCE);
    const it = stream[Symbol.asyncIterator]();
    let pending = it.next();
    pending.catch(() => {});
    let text = '';
    let lastWrite = 0;
    const deadline = Date.now() + 25_000;
    // "AB$((40+2))CD" prints AB42CD, which the echoed command line itself does not contain
    while (!text.includes('AB42CD') && Date.now() < deadline) {
      if (Date.now() - lastWrite > 2000) {
        await stream.write(Buffer.from('echo AB$((40+2))CD\n'));
        lastWrite = Date.now();
      }
      const r = await Promise.race([pending, new Promise<null>((res) => setTimeout(() => res(null), 300))]);
      if (r === null) continue;
      if (r.done) break;
      text += Buffer.from(r.value).toString('latin1');
      pending = it.next();
      pending.catch(() => {});
    }
    await stream.abort();
    expect(text).toContain('AB42CD');
  });

  it('passes QEMU monitor commands and reports a missing guest agent', async () => {
    expect(JSON.parse(await api.qemuMonitorCommand(c, dom, '{"execute":"query-status"}'))).toMatchObject({
      return: { status: 'running' },
    });
    expect(await api.qemuMonitorCommand(c, dom, 'info status', 1)).toContain('running');
    await expectDaemonError(api.qemuAgentCommand(c, dom, '{"execute":"guest-ping"}', 0));
  });

  it('suspends and resumes', async () => {
    await api.suspendDomain(c, dom);
    expect(await state()).toBe(DomainState.PAUSED);
    expect(virsh(['domstate', name]).trim()).toBe('paused');
    await api.resumeDomain(c, dom);
    expect(await state()).toBe(DomainState.RUNNING);
  });

  it('hot-plugs a disk and unplugs it by alias', async () => {
    const diskXml = `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${extraPath}'/><target dev='vdb' bus='virtio'/><alias name='ua-apitest0'/></disk>`;
    await api.attachDevice(c, dom, diskXml, DeviceModifyFlags.LIVE);
    expect(await xml()).toContain(`<alias name='ua-apitest0'/>`);
    const stats = await api.getDomainBlockStats(c, dom, 'vdb');
    expect(stats.rdReq).toBeGreaterThanOrEqual(0n);
    // removal needs the guest's cooperation (ACPI hotplug); the call itself must be accepted
    await api.detachDeviceAlias(c, dom, 'ua-apitest0', DeviceModifyFlags.LIVE);
    await waitFor(async () => !(await xml()).includes('ua-apitest0'), 10_000);
  });

  it('changes the live balloon target and reads statistics', async () => {
    await api.setDomainMemory(c, dom, 88 * 1024, MemoryFlags.LIVE);
    const [rec] = await api.getAllDomainStats(c, { doms: [dom] });
    expect(api.statsToRecord(rec!)['state.state']).toBe(DomainState.RUNNING);
    expect((await api.getDomainMemoryStats(c, dom)).actual).toBeGreaterThan(0n);
    await api.setDomainMemory(c, dom, 96 * 1024, MemoryFlags.LIVE);
  });

  it('creates, lists, reverts to and deletes snapshots', async () => {
    const s1 = await api.createSnapshot(c, dom, '<domainsnapshot><name>s1</name></domainsnapshot>');
    expect(s1.name).toBe('s1');
    expect(s1.dom.uuid).toStrictEqual(dom.uuid);
    const s2 = await api.createSnapshot(c, dom, '<domainsnapshot><name>s2</name><description>second</description></domainsnapshot>');
    expect((await api.listSnapshots(c, dom)).map((s) => s.name).sort()).toEqual(['s1', 's2']);
    expect(virsh(['snapshot-list', '--name', name]).trim().split('\n').sort()).toEqual(['s1', 's2']);
    expect((await api.lookupSnapshot(c, dom, 's2')).name).toBe('s2');
    expect(await api.getSnapshotXml(c, s2)).toContain('<description>second</description>');
    expect((await api.getCurrentSnapshot(c, dom)).name).toBe('s2');
    expect(await api.hasCurrentSnapshot(c, dom)).toBe(true);
    expect((await api.getSnapshotParent(c, s2)).name).toBe('s1');
    await expectDaemonError(api.getSnapshotParent(c, s1), [ErrorCode.NO_DOMAIN_SNAPSHOT]);

    await api.revertToSnapshot(c, s1);
    expect((await api.getCurrentSnapshot(c, dom)).name).toBe('s1');
    expect(await state()).toBe(DomainState.RUNNING);

    await api.deleteSnapshot(c, s2);
    await api.deleteSnapshot(c, s1);
    expect(await api.listSnapshots(c, dom)).toEqual([]);
    expect(await api.hasCurrentSnapshot(c, dom)).toBe(false);
    await expectDaemonError(api.lookupSnapshot(c, dom, 's1'), [ErrorCode.NO_DOMAIN_SNAPSHOT]);
  });

  it('saves to the managed image, restores from it, and removes one', async () => {
    await api.managedSaveDomain(c, dom);
    expect(await state()).toBe(DomainState.SHUTOFF);
    expect(await api.hasManagedSaveImage(c, dom)).toBe(true);
    dom = await api.startDomain(c, dom); // restores
    expect(await state()).toBe(DomainState.RUNNING);
    expect(await api.hasManagedSaveImage(c, dom)).toBe(false);

    await api.managedSaveDomain(c, dom);
    await api.removeManagedSave(c, dom);
    expect(await api.hasManagedSaveImage(c, dom)).toBe(false);
    dom = await api.startDomain(c, dom);
    expect(await state()).toBe(DomainState.RUNNING);
  });

  it('reboots and resets', async () => {
    // Each one is seen through: the guest comes back and says so on its serial console before
    // the next. A reset sent while libvirt is still carrying out the ACPI reboot (its "fake
    // reboot": power off, then system_reset) can leave a TCG guest spinning at the reset vector.
    const shell = await GuestConsole.open(c, dom);
    try {
      const booted = async (what: string, act: () => Promise<void>) => {
        const from = shell.output.length;
        await act();
        const back = await waitFor(() => shell.output.slice(from).includes(`NOVACRON-GUEST-READY ${name}`), 90_000, 200);
        expect(back, `no boot seen on the console after the ${what}: ${shell.output.slice(-300)}`).toBe(true);
        expect(await state()).toBe(DomainState.RUNNING);
      };
      await booted('reboot', () => api.rebootDomain(c, dom));
      await booted('reset', () => api.resetDomain(c, dom));
      await shell.run('echo AB$((6*7))CD', 'AB42CD', 40_000);
    } finally {
      await shell.close();
    }
  }, 200_000);

  it('shuts down on the ACPI request, then refuses to destroy a stopped domain', async () => {
    // The guest's acpid powers it off on the ACPI power button. A press before the guest has
    // (re)booted is lost, as on real hardware, and after the reboot test libvirt may turn the
    // first power-off into its fake reboot: so each round waits until the shell answers (booted,
    // acpid listening), presses once and gives the guest time to power off.
    let off = false;
    for (let round = 0; round < 3 && !off; round++) {
      if ((await state()) === DomainState.SHUTOFF) break;
      const shell = await GuestConsole.open(c, dom);
      try {
        await shell.run(`echo AB$((40+${round}))CD`, `AB${40 + round}CD`, 40_000);
      } finally {
        await shell.close();
      }
      await api.shutdownDomain(c, dom);
      off = await waitFor(async () => (await state()) === DomainState.SHUTOFF, 20_000, 200);
    }
    off = off || (await state()) === DomainState.SHUTOFF;
    expect(off).toBe(true);
    expect(await state()).toBe(DomainState.SHUTOFF);
    expect((await api.lookupDomainByName(c, name)).id).toBe(-1);
    await expectDaemonError(api.destroyDomain(c, dom), [ErrorCode.OPERATION_INVALID]);
  }, 200_000);

  it('creates a transient domain that vanishes when destroyed', async () => {
    const tname = `${name}-t`;
    const base = await stoppedLabGuestXml(c);
    const t = await api.createDomainXml(c, throwawayDomainXml(base, tname, null), 1 /* START_PAUSED */);
    try {
      expect(t.id).toBeGreaterThan(0);
      expect(await api.isDomainPersistent(c, t)).toBe(false);
      expect((await api.getDomainState(c, t)).state).toBe(DomainState.PAUSED);
    } finally {
      await api.destroyDomain(c, t);
    }
    await expectDaemonError(api.lookupDomainByName(c, tname), [ErrorCode.NO_DOMAIN]);
  });

  it('undefines the domain', async () => {
    await api.undefineDomain(c, dom);
    await expectDaemonError(api.lookupDomainByName(c, name), [ErrorCode.NO_DOMAIN]);
  });
});

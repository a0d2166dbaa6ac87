/** Node devices and host interfaces (read-only), checked against virsh where it can. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../electron/libvirt/api/index.js';
import type { LibvirtClient } from '../../../electron/libvirt/client.js';
import { NodeDeviceListFlags } from '../../../electron/libvirt/protocol/flags.js';
import { connectLab, lab, virsh } from '../../helpers/lab.js';
import { expectDaemonError, resultOrDaemonError } from './expect-error.js';

describe.skipIf(!lab)('node devices and host interfaces', () => {
  let c: LibvirtClient;
  beforeAll(async () => {
    c = await connectLab('system', { readOnly: true });
  });
  afterAll(async () => {
    await c?.close();
  });

  it('lists node devices like virsh nodedev-list and reads their XML', async () => {
    const devs = await api.listAllNodeDevices(c);
    expect(devs.map((d) => d.name).sort()).toEqual(virsh(['nodedev-list']).trim().split('\n').filter(Boolean).sort());
    expect(devs.map((d) => d.name)).toContain('computer');
    const dev = await api.lookupNodeDevice(c, 'computer');
    expect(dev).toEqual({ name: 'computer' });
    expect(await api.getNodeDeviceXml(c, dev)).toContain('<name>computer</name>');
    const systems = await api.listAllNodeDevices(c, NodeDeviceListFlags.CAP_SYSTEM);
    expect(systems.map((d) => d.name)).toEqual(['computer']);
    await expectDaemonError(api.lookupNodeDevice(c, 'apitest-no-such-device'));
  });

  it('lists host interfaces (or reports the driver missing) and reads one', async () => {
    const ifaces = await resultOrDaemonError(api.listAllInterfaces(c));
    if (!Array.isArray(ifaces)) return; // no interface driver on this host: a clean daemon error
    expect(ifaces.map((i) => i.name).sort()).toEqual(
      virsh(['iface-list', '--all'])
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/)[0])
        .filter(Boolean)
        .sort(),
    );
    if (ifaces.length === 0) return;
    const first = ifaces[0]!;
    expect(await api.lookupInterfaceByName(c, first.name)).toStrictEqual(first);
    expect(await api.getInterfaceXml(c, first)).toContain(`name='${first.name}'`);
  });
});

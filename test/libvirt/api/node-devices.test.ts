/** Node devices and host interfaces (read-only), checked against virsh. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../electron/libvirt/api/index.js';
import type { LibvirtClient } from '../../../electron/libvirt/client.js';
import { InterfaceListFlags, NodeDeviceListFlags } from '../../../electron/libvirt/protocol/flags.js';
import { connectLab, lab, normalizeXml, virsh } from '../../helpers/lab.js';
import { expectDaemonError } from './expect-error.js';

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
    // VIR_ERR_NO_NODE_DEVICE
    await expectDaemonError(api.lookupNodeDevice(c, 'apitest-no-such-device'), [53]);
  });

  it('lists host interfaces like virsh iface-list and reads the lab bridge and lo', async () => {
    // This daemon has its interface driver (libvirt 9.0's udev backend): a definite list.
    // Taps and throwaway bridges come and go with other tests' guests and networks: compared without them.
    const stable = (names: string[]) => names.filter((n) => !/^(vnet\d+|apitbr)/.test(n)).sort();
    const ifaces = await api.listAllInterfaces(c);
    const virshNames = (...args: string[]) =>
      virsh(['iface-list', ...args])
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/)[0]!)
        .filter(Boolean);
    expect(stable(ifaces.map((i) => i.name))).toEqual(stable(virshNames('--all')));
    expect(ifaces.map((i) => i.name)).toEqual(expect.arrayContaining(['lo', lab!.bridge]));
    const active = (await api.listAllInterfaces(c, InterfaceListFlags.ACTIVE)).map((i) => i.name);
    const inactive = (await api.listAllInterfaces(c, InterfaceListFlags.INACTIVE)).map((i) => i.name);
    expect(stable(active)).toEqual(stable(virshNames()));
    expect(stable(inactive)).toEqual(stable(virshNames('--inactive')));
    expect(active).toContain(lab!.bridge); // the lab network's bridge is up

    const bridge = await api.lookupInterfaceByName(c, lab!.bridge);
    expect(bridge).toStrictEqual(ifaces.find((i) => i.name === lab!.bridge));
    expect(bridge.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    const bxml = await api.getInterfaceXml(c, bridge);
    expect(bxml).toContain(`<interface type='bridge' name='${lab!.bridge}'>`);
    expect(normalizeXml(bxml)).toBe(normalizeXml(virsh(['iface-dumpxml', lab!.bridge])));
    const lo = await api.lookupInterfaceByName(c, 'lo');
    expect(lo).toStrictEqual({ name: 'lo', mac: '00:00:00:00:00:00' });
    expect(await api.getInterfaceXml(c, lo)).toContain(`<interface type='ethernet' name='lo'>`);
    // VIR_ERR_NO_INTERFACE
    await expectDaemonError(api.lookupInterfaceByName(c, 'apitest-nope0'), [57]);
  });
});

/**
 * Virtual networks: reads of the lab network, checked against virsh, and the
 * mutating calls on "apitest-" networks defined here. The lab always has its
 * isolated network running (lab.sh fails otherwise), so this host can start
 * networks: every start here must succeed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../electron/libvirt/api/index.js';
import type { LibvirtClient } from '../../../electron/libvirt/client.js';
import { ErrorCode } from '../../../electron/libvirt/errors.js';
import { type Net, uuidToString } from '../../../electron/libvirt/protocol/common.js';
import {
  NetworkDefineFlags,
  NetworkListFlags,
  NetworkUpdateCommand,
  NetworkUpdateFlags,
  NetworkUpdateSection,
  NetworkXmlFlags,
} from '../../../electron/libvirt/protocol/flags.js';
import { connectLab, lab, normalizeXml, parseKeyValues, uniqueName, virsh, virshQuiet } from '../../helpers/lab.js';
import { expectDaemonError } from './expect-error.js';

/** The lab's network: isolated (no <forward>, no <ip>), hence no DHCP. */
const LAB_NET = 'novacron-isolated';

describe.skipIf(!lab)('networks (reads)', () => {
  let c: LibvirtClient;
  beforeAll(async () => {
    c = await connectLab('system', { readOnly: true });
  });
  afterAll(async () => {
    await c?.close();
  });

  it('lists the same networks as virsh net-list', async () => {
    const ours = (await api.listAllNetworks(c)).map((n) => n.name).sort();
    expect(ours).toEqual(virsh(['net-list', '--all', '--name']).trim().split('\n').filter(Boolean).sort());
    expect(ours).toContain(LAB_NET);
    const persistent = (await api.listAllNetworks(c, NetworkListFlags.PERSISTENT)).map((n) => n.name);
    expect(persistent).toContain(LAB_NET);
    const active = (await api.listAllNetworks(c, NetworkListFlags.ACTIVE)).map((n) => n.name);
    expect(active).toContain(LAB_NET);
  });

  it('reads the lab network like virsh net-info and net-dumpxml', async () => {
    expect(lab!.network).toBe(LAB_NET);
    const net = await api.lookupNetworkByName(c, LAB_NET);
    const v = parseKeyValues(virsh(['net-info', LAB_NET]));
    expect(uuidToString(net.uuid)).toBe(v.UUID);
    expect(v).toMatchObject({ Active: 'yes', Persistent: 'yes', Autostart: 'yes', Bridge: lab!.bridge });
    expect(await api.isNetworkActive(c, net)).toBe(true);
    expect(await api.isNetworkPersistent(c, net)).toBe(true);
    expect(await api.getNetworkAutostart(c, net)).toBe(true);
    expect(await api.getNetworkBridgeName(c, net)).toBe(lab!.bridge);
    expect(normalizeXml(await api.getNetworkXml(c, net))).toBe(normalizeXml(virsh(['net-dumpxml', LAB_NET])));
    expect(await api.lookupNetworkByUuid(c, net.uuid)).toStrictEqual(net);
    // an isolated network without DHCP: an empty lease list, as virsh net-dhcp-leases shows
    expect(await api.getDhcpLeases(c, net)).toEqual([]);
    expect(virsh(['net-dhcp-leases', LAB_NET]).trim().split('\n').slice(2).filter(Boolean)).toEqual([]);
  });
});

describe.skipIf(!lab)('network lifecycle (throwaway)', () => {
  const name = uniqueName('net');
  const bridge = `apitbr${name.slice(-4)}`;
  // isolated and without <ip>, like the lab's network: no dnsmasq needed to start it
  const xml = `<network><name>${name}</name><bridge name='${bridge}'/></network>`;
  let c: LibvirtClient;
  let net: Net;

  beforeAll(async () => {
    c = await connectLab('system');
  });
  afterAll(async () => {
    for (const n of [name, `${name}-t`]) {
      virshQuiet(['net-destroy', n]);
      virshQuiet(['net-undefine', n]);
    }
    await c?.close();
  });

  it('defines a network (with VALIDATE) and reads it back', async () => {
    net = await api.defineNetwork(c, xml, NetworkDefineFlags.VALIDATE);
    expect(net.name).toBe(name);
    expect(await api.isNetworkPersistent(c, net)).toBe(true);
    expect(await api.isNetworkActive(c, net)).toBe(false);
    expect(await api.getNetworkBridgeName(c, net)).toBe(bridge);
    expect(await api.getNetworkXml(c, net, NetworkXmlFlags.INACTIVE)).toContain(`<name>${name}</name>`);
    await expectDaemonError(api.defineNetwork(c, '<network><nme/></network>'));
  });

  it('toggles autostart', async () => {
    await api.setNetworkAutostart(c, net, true);
    expect(await api.getNetworkAutostart(c, net)).toBe(true);
    await api.setNetworkAutostart(c, net, false);
    expect(await api.getNetworkAutostart(c, net)).toBe(false);
  });

  it('updates the config: adds and deletes a port group', async () => {
    const upd = { section: NetworkUpdateSection.PORTGROUP, parentIndex: -1, xml: `<portgroup name='apitest-pg'/>` };
    await api.updateNetwork(c, net, { ...upd, command: NetworkUpdateCommand.ADD_LAST }, NetworkUpdateFlags.AFFECT_CONFIG);
    expect(await api.getNetworkXml(c, net, NetworkXmlFlags.INACTIVE)).toContain(`<portgroup name='apitest-pg'`);
    await api.updateNetwork(c, net, { ...upd, command: NetworkUpdateCommand.DELETE }, NetworkUpdateFlags.AFFECT_CONFIG);
    expect(await api.getNetworkXml(c, net, NetworkXmlFlags.INACTIVE)).not.toContain('apitest-pg');
  });

  it('starts and stops the network', async () => {
    await api.startNetwork(c, net);
    expect(await api.isNetworkActive(c, net)).toBe(true);
    expect(virsh(['net-info', name])).toMatch(/Active:\s+yes/);
    // no DHCP on this network: no leases
    expect(await api.getDhcpLeases(c, net)).toEqual([]);
    expect(await api.getDhcpLeases(c, net, '52:54:00:00:00:01')).toEqual([]);
    await api.stopNetwork(c, net);
    expect(await api.isNetworkActive(c, net)).toBe(false);
  });

  it('creates a transient network', async () => {
    const tname = `${name}-t`;
    const txml = `<network><name>${tname}</name><bridge name='${bridge}t'/></network>`;
    const t = await api.createNetworkXml(c, txml);
    expect(t.name).toBe(tname);
    expect(await api.isNetworkActive(c, t)).toBe(true);
    expect(await api.isNetworkPersistent(c, t)).toBe(false);
    await api.stopNetwork(c, t);
    await expectDaemonError(api.lookupNetworkByName(c, tname), [ErrorCode.NO_NETWORK]);
  });

  it('undefines the network', async () => {
    await api.undefineNetwork(c, net);
    await expectDaemonError(api.lookupNetworkByName(c, name), [ErrorCode.NO_NETWORK]);
  });
});

/**
 * Virtual networks: reads of the lab network, checked against virsh, and the
 * mutating calls on "apitest-" networks defined here. Starting a network
 * needs working firewall tooling on the host; where the lab could not start
 * its own network (lab.network === null) a refused start is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../electron/libvirt/api/index.js';
import type { LibvirtClient } from '../../../electron/libvirt/client.js';
import { ErrorCode, LibvirtError } from '../../../electron/libvirt/errors.js';
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
import { expectDaemonError, resultOrDaemonError } from './expect-error.js';

/** The lab's network name, whether or not it could be started. */
const LAB_NET = 'novacron-isolated';
const labNetDefined = lab !== null && virsh(['net-list', '--all', '--name']).split('\n').includes(LAB_NET);

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
    const persistent = (await api.listAllNetworks(c, NetworkListFlags.PERSISTENT)).map((n) => n.name);
    expect(persistent).toEqual(expect.arrayContaining(ours.filter((n) => n === LAB_NET)));
  });

  it.skipIf(!labNetDefined)('reads the lab network like virsh net-info and net-dumpxml', async () => {
    const net = await api.lookupNetworkByName(c, LAB_NET);
    const v = parseKeyValues(virsh(['net-info', LAB_NET]));
    expect(uuidToString(net.uuid)).toBe(v.UUID);
    expect(await api.isNetworkActive(c, net)).toBe(v.Active === 'yes');
    expect(await api.isNetworkPersistent(c, net)).toBe(v.Persistent === 'yes');
    expect(await api.getNetworkAutostart(c, net)).toBe(v.Autostart === 'yes');
    expect(await api.getNetworkBridgeName(c, net)).toBe(v.Bridge);
    expect(normalizeXml(await api.getNetworkXml(c, net))).toBe(normalizeXml(virsh(['net-dumpxml', LAB_NET])));
    expect(await api.lookupNetworkByUuid(c, net.uuid)).toStrictEqual(net);
    // an isolated network without DHCP: no leases (or a clear refusal, never a decode error)
    const leases = await resultOrDaemonError(api.getDhcpLeases(c, net));
    if (Array.isArray(leases)) expect(leases).toEqual([]);
    else expect(leases.code).not.toBe(ErrorCode.RPC);
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

  it('starts and stops the network (where the host can)', async () => {
    const started = await resultOrDaemonError(api.startNetwork(c, net));
    if (started instanceof LibvirtError) {
      // only acceptable where the lab itself could not start a network
      expect(lab!.network, `start failed: ${started.message}`).toBeNull();
      expect(await api.isNetworkActive(c, net)).toBe(false);
      return;
    }
    expect(await api.isNetworkActive(c, net)).toBe(true);
    expect(virsh(['net-info', name])).toMatch(/Active:\s+yes/);
    // no DHCP on this network: no leases
    expect(await api.getDhcpLeases(c, net)).toEqual([]);
    expect(await api.getDhcpLeases(c, net, '52:54:00:00:00:01')).toEqual([]);
    await api.stopNetwork(c, net);
    expect(await api.isNetworkActive(c, net)).toBe(false);
  });

  it('creates a transient network (where the host can)', async () => {
    const tname = `${name}-t`;
    const txml = `<network><name>${tname}</name><bridge name='${bridge}t'/></network>`;
    const t = await resultOrDaemonError(api.createNetworkXml(c, txml));
    if (t instanceof LibvirtError) {
      expect(lab!.network, `create failed: ${t.message}`).toBeNull();
      return;
    }
    expect(await api.isNetworkPersistent(c, t)).toBe(false);
    await api.stopNetwork(c, t);
    await expectDaemonError(api.lookupNetworkByName(c, tname), [ErrorCode.NO_NETWORK]);
  });

  it('undefines the network', async () => {
    await api.undefineNetwork(c, net);
    await expectDaemonError(api.lookupNetworkByName(c, name), [ErrorCode.NO_NETWORK]);
  });
});

/**
 * networks.* against the lab, through the backend as the app calls it. Only
 * "apitest-" networks are created: isolated ones are started (their subnets
 * unique inside 10.213.0.0/16, clear of the lab's 10.213.250.0/24), nat, routed
 * and open ones only defined (nothing may forward out of this machine). A
 * throwaway guest with one NIC on the lab's DHCP network (novacron-dhcp) and one
 * on a test network leases an address with udhcpc; the lab's own networks and
 * guests are only read.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DhcpLease } from '../../shared/contract/networks.js';
import { api, DeviceModifyFlags, isNoNetwork, type LibvirtClient } from '../../electron/libvirt/index.js';
import { startTestBackend, removeDir, type TestBackend } from '../backend/helpers.js';
import { connectLab, lab, requireLab, uniqueName, virsh, waitFor } from '../helpers/lab.js';
import { makeGuest, type Guest } from '../helpers/throwaway-guest.js';
import { freeSubnet } from './subnets.js';

async function removeNetwork(c: LibvirtClient, name: string): Promise<void> {
  try {
    const net = await api.lookupNetworkByName(c, name);
    if (await api.isNetworkActive(c, net)) await api.stopNetwork(c, net);
    if (await api.isNetworkPersistent(c, net).catch(() => false)) await api.undefineNetwork(c, net);
  } catch (e) {
    if (!isNoNetwork(e)) throw e;
  }
}

describe.skipIf(!lab)('networks', () => {
  let c: LibvirtClient;
  let t: TestBackend;
  let connectionId: string;
  const made: string[] = [];
  const guests: Guest[] = [];
  const dhcpNet = lab?.dhcpNetwork ?? 'novacron-dhcp';

  const fresh = (what: string) => {
    const name = uniqueName(what);
    made.push(name);
    return name;
  };
  const listNames = async () => (await t.call('networks.list', {})).map((n) => n.name).sort();

  beforeAll(async () => {
    c = await connectLab('system');
    t = await startTestBackend();
    connectionId = (await t.call('connections.add', { name: 'lab', uri: requireLab().system })).id;
    await t.call('connections.connect', { id: connectionId });
  }, 60_000);

  afterAll(async () => {
    for (const g of guests) await g.remove();
    for (const n of made) await removeNetwork(c, n);
    await t?.close();
    await c?.close();
    if (t) await removeDir(t.dataDir);
  });

  it("lists every network of the host like virsh, the lab's with its mode, bridge and DHCP range", async () => {
    const nets = await t.call('networks.list', {});
    const ours = nets.filter((n) => n.connectionId === connectionId);
    expect(ours.map((n) => n.name).sort()).toEqual(virsh(['net-list', '--all', '--name']).split('\n').filter(Boolean).sort());
    const iso = ours.find((n) => n.name === requireLab().network)!;
    expect(iso).toMatchObject({ mode: 'isolated', bridge: requireLab().bridge, active: true, persistent: true, autostart: true, ips: [] });
    const dhcp = ours.find((n) => n.name === dhcpNet)!;
    expect(dhcp).toMatchObject({ mode: 'isolated', active: true, bridge: lab!.dhcpBridge });
    expect(dhcp.ips).toEqual([
      { family: 'ipv4', address: '10.213.250.1', prefix: 24, dhcpRanges: [{ start: '10.213.250.100', end: '10.213.250.199' }] },
    ]);
    expect(await t.call('networks.list', { connectionId })).toEqual(ours);
  });

  it('creates and starts an isolated network with DHCP, stops, restarts, autostarts and deletes it', async () => {
    const name = fresh('net-iso');
    const s = await freeSubnet(c);
    const mark = t.events.mark();
    const created = await t.call('networks.create', {
      connectionId,
      name,
      mode: 'isolated',
      cidr: `${s}.1/24`,
      dhcp: { start: `${s}.10`, end: `${s}.20` },
      start: true,
    });
    expect(created).toMatchObject({ name, mode: 'isolated', active: true, persistent: true, autostart: false });
    expect(created.ips).toEqual([{ family: 'ipv4', address: `${s}.1`, prefix: 24, dhcpRanges: [{ start: `${s}.10`, end: `${s}.20` }] }]);
    await t.events.waitFor('networks.changed', (p: { name: string }) => p.name === name, 5000, mark);
    expect(virsh(['net-dumpxml', name])).not.toContain('<forward');
    expect((await t.call('networks.list', { connectionId })).find((n) => n.name === name)).toEqual(created);

    expect(await t.fail('networks.create', { connectionId, name, mode: 'isolated' })).toMatchObject({ code: 'conflict' });
    expect((await t.call('networks.stop', { connectionId, name })).active).toBe(false);
    expect(virsh(['net-info', name])).toMatch(/Active:\s+no/);
    expect(await t.fail('networks.stop', { connectionId, name })).toMatchObject({ code: 'operation-invalid' });
    expect((await t.call('networks.start', { connectionId, name })).active).toBe(true);
    expect((await t.call('networks.setAutostart', { connectionId, name, autostart: true })).autostart).toBe(true);
    expect(virsh(['net-info', name])).toMatch(/Autostart:\s+yes/);
    const detail = await t.call('networks.get', { connectionId, name });
    expect(detail).toMatchObject({ name, leases: [], attached: [] });

    expect(await t.call('networks.delete', { connectionId, name })).toEqual({ deleted: name });
    expect(await listNames()).not.toContain(name);
    expect(await t.fail('networks.get', { connectionId, name })).toMatchObject({ code: 'not-found' });

    // Each change is in the audit log, naming the network.
    const audited = async () => (await t.call('audit.list', { action: 'networks.', text: name, offset: 0, limit: 50 })).entries;
    expect(await waitFor(async () => (await audited()).some((e) => e.action === 'networks.delete'), 5000)).toBe(true);
    const entries = await audited();
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['networks.create', 'networks.stop', 'networks.start', 'networks.setAutostart']),
    );
    for (const e of entries) expect(e.objects, e.action).toContainEqual({ kind: 'network', name });
  });

  it('defines nat, routed and open networks without starting them, each read back with its mode', async () => {
    for (const mode of ['nat', 'routed', 'open'] as const) {
      const name = fresh(`net-${mode}`);
      const s = await freeSubnet(c);
      const n = await t.call('networks.create', {
        connectionId,
        name,
        mode,
        cidr: `${s}.1/24`,
        dhcp: { start: `${s}.100`, end: `${s}.150` },
      });
      expect(n, mode).toMatchObject({ name, mode, active: false, persistent: true });
      expect(virsh(['net-dumpxml', name]), mode).toContain(`<forward mode='${mode === 'routed' ? 'route' : mode}'`);
      expect(await t.call('networks.delete', { connectionId, name })).toEqual({ deleted: name });
    }
  });

  it('refuses bad names, CIDRs and DHCP ranges with a clear error, changing nothing', async () => {
    const before = await listNames();
    const s = await freeSubnet(c);
    const cases: Array<[object, RegExp]> = [
      [{ name: "x'><forward mode='nat'/><name>y", mode: 'isolated' }, /letters, digits/],
      [{ name: 'net;rm -rf /', mode: 'isolated' }, /letters, digits/],
      [{ name: '$(reboot)', mode: 'isolated' }, /letters, digits/],
      [{ name: uniqueName('bad'), mode: 'isolated', cidr: '10.213.300.1/24' }, /not an IPv4 address/],
      [{ name: uniqueName('bad'), mode: 'isolated', cidr: `${s}.1/33` }, /prefix length/],
      [{ name: uniqueName('bad'), mode: 'isolated', cidr: `${s}.0/24` }, /network's own address/],
      [{ name: uniqueName('bad'), mode: 'isolated', cidr: `${s}.1/24`, dhcp: { start: `${s}.10`, end: '10.214.0.5' } }, /outside/],
      [{ name: uniqueName('bad'), mode: 'isolated', cidr: `${s}.1/24`, dhcp: { start: `${s}.90`, end: `${s}.10` } }, /after it ends/],
      [{ name: uniqueName('bad'), mode: 'isolated', cidr: `${s}.1/24`, dhcp: { start: `${s}.255`, end: `${s}.255` } }, /broadcast/],
      [{ name: uniqueName('bad'), mode: 'nat' }, /needs an IPv4 range/],
    ];
    for (const [input, message] of cases) {
      const err = await t.fail('networks.create', { connectionId, ...input });
      expect(err.code, JSON.stringify(input)).toBe('invalid-input');
      expect(JSON.stringify(err), JSON.stringify(input)).toMatch(message);
    }
    expect(await listNames()).toEqual(before);
  });

  it('a guest leases an address on the lab DHCP network: the lease names it, its NIC shows it; delete is refused while it runs', async () => {
    const name = fresh('net-held');
    await t.call('networks.create', { connectionId, name, mode: 'isolated', start: true });
    const g = await makeGuest(c, 'net-lease', { disk: null });
    guests.push(g);
    const dom = await api.lookupDomainByUuid(c, g.uuid);
    const dhcpMac =
      '52:54:00:d4:' + randomInt(0, 256).toString(16).padStart(2, '0') + ':' + randomInt(0, 256).toString(16).padStart(2, '0');
    for (const [net, mac] of [
      [dhcpNet, dhcpMac],
      [name, null],
    ] as const)
      await api.attachDevice(
        c,
        dom,
        `<interface type='network'>${mac ? `<mac address='${mac}'/>` : ''}<source network='${net}'/><model type='virtio'/></interface>`,
        DeviceModifyFlags.CONFIG,
      );
    await api.startDomain(c, dom);

    // Refused while running, naming the machine; the network stays.
    const refusal = await t.fail('networks.delete', { connectionId, name });
    expect(refusal.code).toBe('conflict');
    expect(refusal.message).toContain(`"${g.name}"`);
    expect(await listNames()).toContain(name);
    const held = await t.call('networks.get', { connectionId, name });
    expect(held.attached).toEqual([expect.objectContaining({ uuid: g.uuid, name: g.name, state: 'running' })]);

    // udhcpc in the guest's init asks on every NIC; libvirt's dnsmasq on novacron-dhcp answers.
    let leased: DhcpLease | undefined;
    const got = await waitFor(
      async () => {
        leased = (await t.call('networks.get', { connectionId, name: dhcpNet })).leases.find((l) => l.mac === dhcpMac);
        return leased !== undefined;
      },
      150_000,
      1000,
    );
    expect(got, 'no DHCP lease for the guest').toBe(true);
    expect((await t.call('networks.get', { connectionId, name: dhcpNet })).leasesSupported).toBe(true);
    expect(leased).toMatchObject({ mac: dhcpMac, prefix: 24, hostname: g.name, machine: { uuid: g.uuid, name: g.name } });
    const last = Number(leased!.ip.split('.')[3]);
    expect(leased!.ip.startsWith('10.213.250.') && last >= 100 && last <= 199, leased!.ip).toBe(true);
    expect(leased!.expiresAt).toBeGreaterThan(Date.now());
    expect(virsh(['net-dhcp-leases', dhcpNet])).toContain(leased!.ip);

    // The machine page's NICs card reads the same lease through the lease source.
    const details = await t.call('vms.details', { connectionId, uuid: g.uuid });
    const nic = details.nics.find((n) => n.mac === dhcpMac)!;
    expect(nic.network).toBe(dhcpNet);
    expect(nic.addresses).toContainEqual(expect.objectContaining({ address: leased!.ip, source: 'lease' }));

    // Shut off, the machine no longer holds the network: delete goes through.
    await api.destroyDomain(c, dom);
    expect(await t.call('networks.delete', { connectionId, name })).toEqual({ deleted: name });
  }, 240_000);

  it('a network defined and removed outside NovaCron reaches the views as networks.changed', async () => {
    const name = fresh('net-outside');
    const mark = t.events.mark();
    const net = await api.defineNetwork(c, `<network><name>${name}</name></network>`);
    await t.events.waitFor(
      'networks.changed',
      (p: { connectionId: string; name: string }) => p.name === name && p.connectionId === connectionId,
      10_000,
      mark,
    );
    expect(await listNames()).toContain(name);
    const again = t.events.mark();
    await api.undefineNetwork(c, net);
    await t.events.waitFor('networks.changed', (p: { name: string }) => p.name === name, 10_000, again);
    expect(await listNames()).not.toContain(name);
  });

  it("lists every connected host's networks, each with its host; a driver without leases says so", async () => {
    const testHost = (await t.call('connections.add', { name: 'sim', uri: requireLab().testHost })).id;
    await t.call('connections.connect', { id: testHost });
    try {
      const all = await t.call('networks.list', {});
      const sim = all.filter((n) => n.connectionId === testHost);
      const names = virsh(['net-list', '--all', '--name'], requireLab().testHost).split('\n').filter(Boolean).sort();
      expect(sim.map((n) => n.name).sort()).toEqual(names);
      expect(all.filter((n) => n.connectionId === connectionId).map((n) => n.name)).toContain(requireLab().network);
      const active = sim.find((n) => n.active)!;
      expect(await t.call('networks.get', { connectionId: testHost, name: active.name })).toMatchObject({
        leasesSupported: false,
        leases: [],
      });
    } finally {
      await t.call('connections.remove', { id: testHost });
    }
  });

  it('answers not-found for a network that does not exist', async () => {
    const name = uniqueName('net-none');
    for (const m of ['networks.get', 'networks.start', 'networks.stop', 'networks.delete'] as const)
      expect(await t.fail(m, { connectionId, name }), m).toMatchObject({ code: 'not-found' });
  });
});

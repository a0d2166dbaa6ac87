/**
 * `net list|create|start|stop|delete|leases` as a user runs them, checked
 * against virsh. Only "apitest-" networks: isolated ones started (unique
 * subnets in 10.213.0.0/16), nat, routed and open ones only defined. Failures:
 * one line with the usual exit codes (2 for bad input, 1 for a refusal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DhcpLease, Network } from '../../shared/contract/networks.js';
import { api, DeviceModifyFlags, isNoNetwork, type LibvirtClient } from '../../electron/libvirt/index.js';
import { connectLab, lab, uniqueName, virsh } from '../helpers/lab.js';
import { makeGuest, type Guest } from '../helpers/throwaway-guest.js';
import { freeSubnet } from '../networks/subnets.js';
import { buildCli, cliJson, expectOneLineFailure, lines, removeDataDir, runCli } from './helpers.js';

describe.skipIf(!lab)('novacron net', () => {
  let c: LibvirtClient;
  const made: string[] = [];
  const guests: Guest[] = [];
  const fresh = (what: string) => {
    const n = uniqueName(what);
    made.push(n);
    return n;
  };

  beforeAll(async () => {
    buildCli();
    c = await connectLab('system');
  }, 60_000);

  afterAll(async () => {
    for (const g of guests) await g.remove();
    for (const n of made) {
      try {
        const net = await api.lookupNetworkByName(c, n);
        if (await api.isNetworkActive(c, net)) await api.stopNetwork(c, net);
        await api.undefineNetwork(c, net);
      } catch (e) {
        if (!isNoNetwork(e)) throw e;
      }
    }
    await c?.close();
    removeDataDir();
  });

  it('net list --json gives every network with its mode and addresses, as virsh does', async () => {
    const nets = await cliJson<Network[]>(['net', 'list', '--json']);
    expect(nets.map((n) => n.name).sort()).toEqual(lines(virsh(['net-list', '--all', '--name'])).sort());
    const dhcp = nets.find((n) => n.name === lab!.dhcpNetwork)!;
    expect(dhcp).toMatchObject({ mode: 'isolated', active: true, bridge: lab!.dhcpBridge });
    expect(dhcp.ips[0]).toMatchObject({
      address: '10.213.250.1',
      prefix: 24,
      dhcpRanges: [{ start: '10.213.250.100', end: '10.213.250.199' }],
    });
    const text = await runCli(['net', 'list']);
    expect(text.stdout).toMatch(
      new RegExp(
        `^${lab!.dhcpNetwork}\\s+isolated\\s+active\\s+yes\\s+yes\\s+${lab!.dhcpBridge}\\s+10\\.213\\.250\\.1/24 dhcp 10\\.213\\.250\\.100-10\\.213\\.250\\.199`,
        'm',
      ),
    );
  });

  it('creates, starts, lists leases of and deletes an isolated network with DHCP', async () => {
    const name = fresh('cli-net');
    const s = await freeSubnet(c);
    const r = await runCli(['net', 'create', name, '--mode', 'isolated', '--ip', `${s}.1/24`, '--dhcp', `${s}.100-${s}.120`, '--start']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Network '${name}' created (isolated, started)\n`);
    expect(virsh(['net-info', name])).toMatch(/Active:\s+yes/);
    const xml = virsh(['net-dumpxml', name]);
    expect(xml).not.toContain('<forward');
    expect(xml).toContain(`<range start='${s}.100' end='${s}.120'`);
    expect(await cliJson<DhcpLease[]>(['net', 'leases', name, '--json'])).toEqual([]);
    expect((await runCli(['net', 'stop', name])).stdout).toBe(`Network '${name}' stopped\n`);
    expect(virsh(['net-info', name])).toMatch(/Active:\s+no/);
    expect((await runCli(['net', 'delete', name])).stdout).toBe(`Network '${name}' deleted\n`);
    expect(lines(virsh(['net-list', '--all', '--name']))).not.toContain(name);
  });

  it("net leases --json lists the lab DHCP network's leases as virsh net-dhcp-leases does", async () => {
    const leases = await cliJson<DhcpLease[]>(['net', 'leases', lab!.dhcpNetwork!, '--json']);
    const table = virsh(['net-dhcp-leases', lab!.dhcpNetwork!]);
    for (const l of leases) {
      expect(table).toContain(`${l.ip}/${l.prefix}`);
      if (l.mac) expect(table).toContain(l.mac);
    }
  });

  it('net leases on a driver without a lease table fails with one line (exit 1)', async () => {
    const uri = lab!.testHost;
    const name = lines(virsh(['net-list', '--name'], uri))[0]!;
    const line = expectOneLineFailure(await runCli(['--connect', uri, 'net', 'leases', name]), 1);
    expect(line).toMatch(/keeps no DHCP lease table/);
  });

  it('defines nat, routed and open networks without starting them', async () => {
    for (const mode of ['nat', 'routed', 'open']) {
      const name = fresh(`cli-${mode}`);
      const s = await freeSubnet(c);
      const r = await runCli(['net', 'create', name, '--mode', mode, '--ip', `${s}.1/24`]);
      expect(r.stdout, r.stderr).toBe(`Network '${name}' created (${mode})\n`);
      expect(virsh(['net-dumpxml', name])).toContain(`<forward mode='${mode === 'routed' ? 'route' : mode}'`);
      expect(virsh(['net-info', name])).toMatch(/Active:\s+no/);
      expect((await runCli(['net', 'delete', name])).code).toBe(0);
    }
  });

  it('refuses bad names, CIDRs and ranges with one line and exit 2, defining nothing', async () => {
    const before = lines(virsh(['net-list', '--all', '--name'])).sort();
    const s = await freeSubnet(c);
    const cases: Array<[string[], RegExp]> = [
      [['net', 'create', "a'><x", '--mode', 'isolated'], /invalid network name .*letters, digits/],
      [['net', 'create', 'n;reboot', '--mode', 'isolated'], /invalid network name/],
      [['net', 'create', '$(id)', '--mode', 'isolated'], /invalid network name/],
      [['net', 'create', uniqueName('bad'), '--mode', 'isolated', '--ip', '10.213.1.1/40'], /--ip: the prefix length/],
      [['net', 'create', uniqueName('bad'), '--mode', 'isolated', '--ip', 'banana'], /--ip: expected an IPv4 address/],
      [
        ['net', 'create', uniqueName('bad'), '--mode', 'isolated', '--ip', `${s}.1/24`, '--dhcp', `${s}.10-10.99.0.1`],
        /--dhcp: 10\.99\.0\.1 is outside/,
      ],
      [['net', 'create', uniqueName('bad'), '--mode', 'isolated', '--ip', `${s}.1/24`, '--dhcp', `${s}.10`], /--dhcp takes START-END/],
      [['net', 'create', uniqueName('bad'), '--mode', 'bridge'], /--mode must be one of nat, routed, isolated, open/],
      [['net', 'create', uniqueName('bad')], /needs --mode/],
      [['net', 'create', uniqueName('bad'), '--mode', 'nat'], /--ip: a nat network needs an IPv4 range/],
      [['net', 'delete', "x'y"], /invalid network name/],
    ];
    for (const [args, message] of cases) expect(expectOneLineFailure(await runCli(args), 2), args.join(' ')).toMatch(message);
    expect(lines(virsh(['net-list', '--all', '--name'])).sort()).toEqual(before);
  });

  it('refuses to delete a network a running machine uses, naming it (exit 1); a missing one is exit 1 too', async () => {
    const name = fresh('cli-held');
    expect((await runCli(['net', 'create', name, '--mode', 'isolated', '--start'])).code).toBe(0);
    const g = await makeGuest(c, 'cli-net-held', { disk: null });
    guests.push(g);
    const dom = await api.lookupDomainByUuid(c, g.uuid);
    await api.attachDevice(
      c,
      dom,
      `<interface type='network'><source network='${name}'/><model type='virtio'/></interface>`,
      DeviceModifyFlags.CONFIG,
    );
    await api.startDomain(c, dom);
    const line = expectOneLineFailure(await runCli(['net', 'delete', name]), 1);
    expect(line).toContain(`"${g.name}"`);
    expect(line).toMatch(/in use by running machine/);
    expect(virsh(['net-info', name])).toMatch(/Active:\s+yes/);
    await api.destroyDomain(c, dom);
    expect((await runCli(['net', 'delete', name])).code).toBe(0);
    expect(expectOneLineFailure(await runCli(['net', 'delete', uniqueName('none')]), 1)).toMatch(/There is no virtual network/);
  });
});

/**
 * Networks: the lab's isolated network parsed and checked against net-info;
 * buildNetworkXml for each mode defined (never started: no host changes) on
 * throwaway "apitest-xmltest-" networks, dumped and parsed back.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNetworkXml, parseNetwork, type NetworkSpec } from '../../../electron/backend/xml/index.js';
import { lab, parseKeyValues, virsh } from '../../helpers/lab.js';
import { Throwaways } from './throwaway.js';

describe.skipIf(!lab?.network)('parseNetwork on the lab network', () => {
  it('matches net-info', () => {
    const n = parseNetwork(virsh(['net-dumpxml', lab!.network!]));
    const info = parseKeyValues(virsh(['net-info', lab!.network!]));
    expect(n).toMatchObject({ name: info['Name'], uuid: info['UUID'], bridge: info['Bridge'], forwardMode: 'isolated', ips: [] });
    expect(n.bridge).toBe(lab!.bridge);
  });
});

describe.skipIf(!lab)('buildNetworkXml through libvirt', () => {
  const t = new Throwaways();
  afterAll(() => t.cleanup());
  // A private /24 per run, so parallel runs never share a subnet.
  const octet = 100 + (randomBytes(1)[0]! % 100);

  function define(spec: Omit<NetworkSpec, 'name'>): { name: string; net: ReturnType<typeof parseNetwork> } {
    const name = t.name('net');
    t.defineNetwork(name, buildNetworkXml({ name, ...spec }));
    return { name, net: parseNetwork(virsh(['net-dumpxml', '--inactive', name])) };
  }

  it('nat with an address, DHCP range and domain', () => {
    const bridge = `ncx${randomBytes(3).toString('hex')}`;
    const { name, net } = define({
      mode: 'nat',
      bridge,
      domainName: 'lab.example',
      ipv4: { address: `10.231.${octet}.1`, prefix: 24, dhcp: { start: `10.231.${octet}.100`, end: `10.231.${octet}.199` } },
    });
    expect(net).toMatchObject({ name, forwardMode: 'nat', bridge, domainName: 'lab.example' });
    expect(net.ips).toEqual([
      {
        family: 'ipv4',
        address: `10.231.${octet}.1`,
        prefix: 24,
        dhcpRanges: [{ start: `10.231.${octet}.100`, end: `10.231.${octet}.199` }],
        dhcpHosts: [],
      },
    ]);
    const info = parseKeyValues(virsh(['net-info', name]));
    expect(net.uuid).toBe(info['UUID']);
    expect(info['Active']).toBe('no');
  });

  it('route, open and isolated modes', () => {
    expect(define({ mode: 'route', ipv4: { address: `10.232.${octet}.1`, prefix: 28 } }).net).toMatchObject({
      forwardMode: 'route',
      ips: [{ address: `10.232.${octet}.1`, prefix: 28 }],
    });
    expect(define({ mode: 'open', ipv4: { address: `10.233.${octet}.1`, prefix: 24 } }).net.forwardMode).toBe('open');
    const iso = define({ mode: 'isolated' }).net;
    expect(iso.forwardMode).toBe('isolated');
    expect(iso.bridge).toMatch(/^virbr\d+$/); // libvirt assigned one
  });

  it('reads netmask= and static DHCP hosts from a network libvirt stored', () => {
    const name = t.name('mask');
    const xml = `<network><name>${name}</name><ip address='10.234.${octet}.1' netmask='255.255.255.192'><dhcp>
      <range start='10.234.${octet}.10' end='10.234.${octet}.20'/>
      <host mac='52:54:00:00:00:aa' name='db' ip='10.234.${octet}.30'/></dhcp></ip></network>`;
    t.defineNetwork(name, xml);
    const net = parseNetwork(virsh(['net-dumpxml', '--inactive', name]));
    expect(net.ips[0]).toMatchObject({ netmask: '255.255.255.192', prefix: 26 });
    expect(net.ips[0]!.dhcpHosts).toEqual([{ mac: '52:54:00:00:00:aa', name: 'db', ip: `10.234.${octet}.30` }]);
  });

  it('refuses bad network specs', () => {
    const ip = { address: '10.0.0.1', prefix: 24 };
    expect(() => buildNetworkXml({ name: 'n', mode: 'nat' })).toThrow(/ipv4: a nat network needs/);
    expect(() => buildNetworkXml({ name: 'n', mode: 'nat', ipv4: { ...ip, address: '10.0.0.256' } })).toThrow(/not an IPv4 address/);
    expect(() => buildNetworkXml({ name: 'n', mode: 'nat', ipv4: { ...ip, prefix: 33 } })).toThrow(/prefix/);
    expect(() => buildNetworkXml({ name: 'n', mode: 'nat', ipv4: { ...ip, dhcp: { start: '10.0.1.2', end: '10.0.0.9' } } })).toThrow(
      /outside 10.0.0.1\/24/,
    );
    expect(() => buildNetworkXml({ name: 'n', mode: 'nat', ipv4: { ...ip, dhcp: { start: '10.0.0.9', end: '10.0.0.2' } } })).toThrow(
      /start is after end/,
    );
    expect(() => buildNetworkXml({ name: 'n', mode: 'isolated', bridge: 'a-very-long-bridge-name' })).toThrow(/bridge/);
    expect(() => buildNetworkXml({ name: 'n', mode: 'bridge' as 'nat', ipv4: ip })).toThrow(/mode: must be one of/);
  });
});

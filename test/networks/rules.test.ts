/**
 * The pure parts of virtual networks: the name, CIDR and DHCP-range rules the
 * dialog, the contract and the XML builder share; the XML each create mode
 * produces (nat, routed and open are never started in the lab: their XML is
 * checked here); and the lease-to-machine match.
 */
import { describe, expect, it } from 'vitest';
import { NetworkCreateInput } from '../../shared/contract/networks.js';
import { dhcpRangeProblem, networkNameProblem, parseCidr, splitDhcpRange, suggestDhcpRange } from '../../shared/contract/network-rules.js';
import { networkXmlOf } from '../../electron/backend/networks/core.js';
import { matchLeaseOwners } from '../../electron/backend/networks/leases.js';
import { parseNetwork } from '../../electron/backend/xml/index.js';

describe('network rules', () => {
  it('accepts plain names and refuses XML and shell metacharacters', () => {
    for (const ok of ['lab-net', 'net_2', 'a.b', 'N1']) expect(networkNameProblem(ok), ok).toBeNull();
    for (const bad of ['', '<net>', "a'b", 'a"b', 'a;rm -rf /', '$(id)', 'a b', '-lead', '.hidden', 'x/y', 'a&b', 'a\nb', 'x'.repeat(65)])
      expect(networkNameProblem(bad), JSON.stringify(bad)).not.toBeNull();
  });

  it('parses a CIDR into the host address, network and broadcast', () => {
    expect(parseCidr('10.213.7.1/24')).toEqual({ address: '10.213.7.1', prefix: 24, network: '10.213.7.0', broadcast: '10.213.7.255' });
    expect(parseCidr('10.213.7.65/26')).toEqual({ address: '10.213.7.65', prefix: 26, network: '10.213.7.64', broadcast: '10.213.7.127' });
    expect(parseCidr('10.213.7.1')).toMatch(/prefix length/);
    expect(parseCidr('10.213.300.1/24')).toMatch(/not an IPv4 address/);
    expect(parseCidr('10.213.07.1/24')).toMatch(/not an IPv4 address/);
    expect(parseCidr('10.213.7.1/33')).toMatch(/from \/8 to \/30/);
    expect(parseCidr('10.213.7.1/31')).toMatch(/from \/8 to \/30/);
    expect(parseCidr('10.213.7.0/24')).toMatch(/network's own address/);
    expect(parseCidr('10.213.7.255/24')).toMatch(/broadcast/);
  });

  it('checks a DHCP range against the subnet, its order and the special addresses', () => {
    const plan = parseCidr('10.213.7.1/24');
    if (typeof plan === 'string') throw new Error(plan);
    expect(dhcpRangeProblem(plan, '10.213.7.100', '10.213.7.199')).toBeNull();
    expect(dhcpRangeProblem(plan, '10.213.7.100', '10.213.8.10')).toEqual({
      field: 'end',
      message: '10.213.8.10 is outside 10.213.7.0/24',
    });
    expect(dhcpRangeProblem(plan, '10.213.6.100', '10.213.7.10')?.field).toBe('start');
    expect(dhcpRangeProblem(plan, '10.213.7.200', '10.213.7.100')?.message).toMatch(/starts .* after it ends/);
    expect(dhcpRangeProblem(plan, '10.213.7.0', '10.213.7.10')?.message).toMatch(/network's own address/);
    expect(dhcpRangeProblem(plan, '10.213.7.100', '10.213.7.255')?.message).toMatch(/broadcast/);
    expect(dhcpRangeProblem(plan, '10.213.7.1', '10.213.7.10')?.message).toMatch(/gateway/);
    expect(dhcpRangeProblem(plan, '10.213.7.2', '10.213.7.x')?.message).toMatch(/not an IPv4 address/);
    const mid = parseCidr('10.213.7.50/24');
    if (typeof mid === 'string') throw new Error(mid);
    expect(dhcpRangeProblem(mid, '10.213.7.10', '10.213.7.100')).toEqual({
      field: 'range',
      message: expect.stringMatching(/holds the host's/),
    });
    expect(splitDhcpRange('10.0.0.2-10.0.0.9')).toEqual({ start: '10.0.0.2', end: '10.0.0.9' });
    expect(splitDhcpRange('10.0.0.2')).toBeNull();
    expect(suggestDhcpRange(plan)).toEqual({ start: '10.213.7.128', end: '10.213.7.254' });
    expect(dhcpRangeProblem(plan, suggestDhcpRange(plan).start, suggestDhcpRange(plan).end)).toBeNull();
    const high = parseCidr('10.213.7.200/24');
    if (typeof high === 'string') throw new Error(high);
    expect(dhcpRangeProblem(high, suggestDhcpRange(high).start, suggestDhcpRange(high).end)).toBeNull();
  });

  it('the contract refuses what the rules refuse, naming the field', () => {
    const base = { connectionId: 'c1', name: 'n1', mode: 'isolated' as const };
    expect(NetworkCreateInput.safeParse(base).success).toBe(true);
    const issue = (v: object) => {
      const r = NetworkCreateInput.safeParse({ ...base, ...v });
      return r.success ? null : { path: r.error.issues[0]!.path.join('.'), message: r.error.issues[0]!.message };
    };
    expect(issue({ name: 'a<b>' })?.path).toBe('name');
    expect(issue({ mode: 'nat' })).toEqual({ path: 'cidr', message: 'a nat network needs an IPv4 range' });
    expect(issue({ mode: 'bridge' })?.path).toBe('mode');
    expect(issue({ cidr: '10.213.7.1/40' })?.path).toBe('cidr');
    expect(issue({ dhcp: { start: '10.213.7.2', end: '10.213.7.9' } })?.path).toBe('dhcp');
    expect(issue({ cidr: '10.213.7.1/24', dhcp: { start: '10.213.7.2', end: '10.213.9.9' } })).toEqual({
      path: 'dhcp.end',
      message: '10.213.9.9 is outside 10.213.7.0/24',
    });
  });
});

describe('network XML per create mode', () => {
  const cidr = '10.213.7.1/24';
  const dhcp = { start: '10.213.7.100', end: '10.213.7.199' };

  it('nat, routed and open forward; isolated has no <forward>', () => {
    const read = (mode: 'nat' | 'routed' | 'open' | 'isolated') => parseNetwork(networkXmlOf({ name: `n-${mode}`, mode, cidr, dhcp }));
    for (const [mode, forward] of [
      ['nat', 'nat'],
      ['routed', 'route'],
      ['open', 'open'],
      ['isolated', 'isolated'],
    ] as const) {
      const m = read(mode);
      expect(m.forwardMode, mode).toBe(forward);
      expect(m.ips, mode).toEqual([{ family: 'ipv4', address: '10.213.7.1', prefix: 24, dhcpRanges: [dhcp], dhcpHosts: [] }]);
    }
    expect(networkXmlOf({ name: 'iso', mode: 'isolated' })).not.toContain('<forward');
    expect(networkXmlOf({ name: 'iso', mode: 'isolated' })).not.toContain('<ip');
    expect(networkXmlOf({ name: 'nat1', mode: 'nat', cidr })).toContain('<forward mode="nat"');
  });

  it('refuses, before any XML exists, what the contract refuses', () => {
    expect(() => networkXmlOf({ name: 'a"b', mode: 'isolated' })).toThrow(/name/);
    expect(() => networkXmlOf({ name: 'n', mode: 'nat' })).toThrow(/needs an IPv4 address/);
    expect(() => networkXmlOf({ name: 'n', mode: 'isolated', dhcp })).toThrow(/DHCP range needs an IPv4 range/);
    expect(() => networkXmlOf({ name: 'n', mode: 'isolated', cidr: '10.213.7.1/99' })).toThrow(/Invalid IPv4 range/);
    expect(() => networkXmlOf({ name: 'n', mode: 'isolated', cidr, dhcp: { start: '10.213.7.1', end: '10.213.7.9' } })).toThrow(/gateway/);
  });
});

describe('lease owners', () => {
  const lease = (mac: string | null, ip: string) => ({ mac, ip, prefix: 24, hostname: null, expiresAt: 1 });
  const machines = [
    { uuid: '11111111-1111-1111-1111-111111111111', name: 'web', macs: ['52:54:00:aa:00:01', '52:54:00:aa:00:02'] },
    { uuid: '22222222-2222-2222-2222-222222222222', name: 'db', macs: ['52:54:00:bb:00:01'] },
  ];

  it('gives each lease the machine with that MAC (any case), null when no machine has it, sorted by address', () => {
    const out = matchLeaseOwners(
      [
        lease('52:54:00:BB:00:01', '10.0.0.10'),
        lease('52:54:00:aa:00:02', '10.0.0.9'),
        lease('52:54:00:cc:00:01', '10.0.0.100'),
        lease(null, '10.0.0.11'),
      ],
      machines,
    );
    expect(out.map((l) => [l.ip, l.machine?.name ?? null])).toEqual([
      ['10.0.0.9', 'web'],
      ['10.0.0.10', 'db'],
      ['10.0.0.11', null],
      ['10.0.0.100', null],
    ]);
    expect(out[0]!.machine).toEqual({ uuid: machines[0]!.uuid, name: 'web' });
    expect(matchLeaseOwners([], machines)).toEqual([]);
    expect(matchLeaseOwners([lease('52:54:00:aa:00:01', '10.0.0.2')], [])[0]!.machine).toBeNull();
  });
});

/**
 * Virtual networks: the model read from virNetworkGetXMLDesc and the builder
 * for NovaCron's four kinds: nat, route, open, and isolated (no <forward>).
 */
import { el, serializeXml, textEl } from './builder.js';
import { childElements, compact, findChild, parseXml, readAttr, readIntAttr, readText, type XmlElement } from './core.js';
import { dhcpRangeProblem, NETWORK_NAME_MAX, networkNameProblem, parseCidr } from '../../../shared/contract/network-rules.js';
import { XmlParseError, XmlSpecError } from './errors.js';
import { checkIPv4, checkIntRange, checkName, checkOneOf, checkToken, checkUuid, ipv4ToNumber } from './validate.js';

export interface NetworkIpModel {
  family: 'ipv4' | 'ipv6';
  address: string;
  /** From prefix= or derived from netmask=. */
  prefix?: number;
  netmask?: string;
  dhcpRanges: Array<{ start: string; end: string }>;
  dhcpHosts: Array<{ mac?: string; name?: string; ip: string }>;
}

export interface NetworkModel {
  name: string;
  uuid: string;
  /** nat | route | open | bridge | passthrough | ...; 'isolated' when there is no <forward>. */
  forwardMode: string;
  forwardDev?: string;
  bridge?: string;
  mac?: string;
  domainName?: string;
  ips: NetworkIpModel[];
}

/** Prefix length of a dotted netmask (255.255.255.0 → 24); undefined for a non-contiguous mask. */
function netmaskToPrefix(mask: string): number | undefined {
  const bits = ipv4ToNumber(mask).toString(2).padStart(32, '0');
  return /^1*0*$/.test(bits) ? (bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')) : undefined;
}

function readIp(ip: XmlElement): NetworkIpModel {
  const netmask = readAttr(ip, 'netmask');
  const dhcp = findChild(ip, 'dhcp');
  return compact({
    family: readAttr(ip, 'family') === 'ipv6' ? 'ipv6' : 'ipv4',
    address: readAttr(ip, 'address') ?? '',
    prefix: readIntAttr(ip, 'prefix') ?? (netmask ? netmaskToPrefix(netmask) : undefined),
    netmask,
    dhcpRanges: childElements(dhcp, 'range').map((r) => ({ start: readAttr(r, 'start') ?? '', end: readAttr(r, 'end') ?? '' })),
    dhcpHosts: childElements(dhcp, 'host').map((h) =>
      compact({ mac: readAttr(h, 'mac'), name: readAttr(h, 'name'), ip: readAttr(h, 'ip') ?? '' }),
    ),
  });
}

/** Parses a network document (net-dumpxml output). */
export function parseNetwork(xml: string): NetworkModel {
  const root = parseXml(xml, 'network');
  const name = readText(root, 'name');
  if (!name) throw new XmlParseError('<network> has no <name>');
  const forward = findChild(root, 'forward');
  return compact({
    name,
    uuid: readText(root, 'uuid') ?? '',
    // <forward/> without a mode means nat; no <forward> at all means isolated.
    forwardMode: forward ? (readAttr(forward, 'mode') ?? 'nat') : 'isolated',
    forwardDev: readAttr(forward, 'dev'),
    bridge: readAttr(findChild(root, 'bridge'), 'name'),
    mac: readAttr(findChild(root, 'mac'), 'address'),
    domainName: readAttr(findChild(root, 'domain'), 'name'),
    ips: childElements(root, 'ip').map(readIp),
  });
}

export const NETWORK_MODES = ['nat', 'route', 'open', 'isolated'] as const;

export interface NetworkSpec {
  name: string;
  uuid?: string;
  mode: (typeof NETWORK_MODES)[number];
  /** Host bridge to create; libvirt picks virbrN when absent. */
  bridge?: string;
  /** route mode may be pinned to one host interface. */
  forwardDev?: string;
  ipv4?: { address: string; prefix: number; dhcp?: { start: string; end: string } };
  domainName?: string;
}

function ipElement(ip: NonNullable<NetworkSpec['ipv4']>): ReturnType<typeof el> {
  const address = checkIPv4(ip.address, 'ipv4.address');
  const prefix = checkIntRange(ip.prefix, 'ipv4.prefix', 1, 30);
  const dhcp = ip.dhcp;
  if (dhcp) {
    const [start, end] = [checkIPv4(dhcp.start, 'ipv4.dhcp.start'), checkIPv4(dhcp.end, 'ipv4.dhcp.end')];
    // The range must lie inside the network the address and prefix describe.
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    const net = (ipv4ToNumber(address) & mask) >>> 0;
    for (const [field, v] of [
      ['ipv4.dhcp.start', start],
      ['ipv4.dhcp.end', end],
    ] as const) {
      if ((ipv4ToNumber(v) & mask) >>> 0 !== net) throw new XmlSpecError(field, `${v} is outside ${address}/${prefix}`);
    }
    if (ipv4ToNumber(start) > ipv4ToNumber(end)) throw new XmlSpecError('ipv4.dhcp', 'start is after end');
    // dnsmasq would hand out the network, broadcast or the host's own address: refused with the dialog's words.
    const plan = parseCidr(`${address}/${prefix}`);
    if (typeof plan === 'string') throw new XmlSpecError('ipv4.address', plan);
    const problem = dhcpRangeProblem(plan, start, end);
    if (problem) throw new XmlSpecError(problem.field === 'range' ? 'ipv4.dhcp' : `ipv4.dhcp.${problem.field}`, problem.message);
  }
  return el('ip', { address, prefix }, dhcp && el('dhcp', {}, el('range', { start: dhcp.start, end: dhcp.end })));
}

/** Builds a network document for virNetworkDefineXML. */
export function buildNetworkXml(spec: NetworkSpec): string {
  const name = checkName(spec.name, 'name', NETWORK_NAME_MAX);
  // Stricter than libvirt: no quotes, spaces or shell metacharacters in a name that ends up in file names and commands.
  const nameProblem = networkNameProblem(name);
  if (nameProblem) throw new XmlSpecError('name', nameProblem);
  const mode = checkOneOf(spec.mode, 'mode', NETWORK_MODES);
  if (mode !== 'isolated' && mode !== 'open' && !spec.ipv4) throw new XmlSpecError('ipv4', `a ${mode} network needs an IPv4 address`);
  if (spec.forwardDev !== undefined && mode !== 'route' && mode !== 'nat')
    throw new XmlSpecError('forwardDev', `not used by ${mode} networks`);
  return serializeXml(
    el(
      'network',
      {},
      textEl('name', name),
      spec.uuid !== undefined && textEl('uuid', checkUuid(spec.uuid, 'uuid')),
      mode !== 'isolated' && el('forward', { mode, dev: spec.forwardDev && checkToken(spec.forwardDev, 'forwardDev') }),
      spec.bridge !== undefined && el('bridge', { name: checkBridgeName(spec.bridge) }),
      spec.domainName !== undefined && el('domain', { name: checkToken(spec.domainName, 'domainName') }),
      spec.ipv4 && ipElement(spec.ipv4),
    ),
  );
}

/** Linux interface names: at most 15 characters, no '/', ':' or whitespace. */
function checkBridgeName(name: string): string {
  if (!/^[A-Za-z0-9_.-]{1,15}$/.test(name))
    throw new XmlSpecError('bridge', `"${name}" is not a valid interface name (1-15 of A-Z a-z 0-9 _ . -)`);
  return checkName(name, 'bridge', 15);
}

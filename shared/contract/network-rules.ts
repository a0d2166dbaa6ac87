/**
 * The rules for a new virtual network's name, IPv4 range (CIDR) and DHCP
 * range, as pure functions: the contract's zod schemas, the XML builder and the
 * create dialog's inline validation all ask these, so they can never disagree.
 * Each returns a sentence a person can act on, or null when the value is fine.
 */

export const NETWORK_NAME_MAX = 64;
/** Letters, digits and _ . - (first a letter or digit): nothing XML, a shell or a file name would read specially. */
export const NETWORK_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const NETWORK_NAME_RULE = 'letters, digits and _ . - only, starting with a letter or digit';

export function networkNameProblem(name: string): string | null {
  if (name.length === 0) return 'a name is required';
  if (name.length > NETWORK_NAME_MAX) return `at most ${NETWORK_NAME_MAX} characters`;
  if (!NETWORK_NAME_PATTERN.test(name)) return NETWORK_NAME_RULE;
  return null;
}

/** Dotted quad → 32-bit unsigned number; null when it is not an IPv4 address. */
export function ipv4ToInt(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface Ipv4Plan {
  /** The host's own address on the network (the guests' gateway), as typed. */
  address: string;
  prefix: number;
  network: string;
  broadcast: string;
}

/** Prefixes a DHCP network can use: /30 leaves two hosts, /8 is as wide as anyone needs. */
export const MIN_PREFIX = 8;
export const MAX_PREFIX = 30;

/** "10.213.5.1/24" → the plan, or the problem. The address part is the host's own (gateway) address. */
export function parseCidr(text: string): Ipv4Plan | string {
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m) return 'expected an IPv4 address with a prefix length, such as 10.213.5.1/24';
  const addr = ipv4ToInt(m[1]!);
  if (addr === null) return `"${m[1]}" is not an IPv4 address`;
  const prefix = Number(m[2]);
  if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) return `the prefix length must be from /${MIN_PREFIX} to /${MAX_PREFIX}`;
  const mask = (0xffffffff << (32 - prefix)) >>> 0;
  const network = (addr & mask) >>> 0;
  const broadcast = (network | ~mask) >>> 0;
  if (addr === network) return `${m[1]} is the network's own address: give the host's address, such as ${intToIpv4(network + 1)}/${prefix}`;
  if (addr === broadcast) return `${m[1]} is the broadcast address of that network`;
  return { address: m[1]!, prefix, network: intToIpv4(network), broadcast: intToIpv4(broadcast) };
}

export interface RangeProblem {
  field: 'start' | 'end' | 'range';
  message: string;
}

/** A DHCP range inside the plan's subnet, start ≤ end, clear of the network, broadcast and gateway addresses. */
export function dhcpRangeProblem(plan: Ipv4Plan, start: string, end: string): RangeProblem | null {
  const [net, bcast, gw] = [ipv4ToInt(plan.network)!, ipv4ToInt(plan.broadcast)!, ipv4ToInt(plan.address)!];
  const ends: Array<[RangeProblem['field'], string]> = [
    ['start', start],
    ['end', end],
  ];
  const values: number[] = [];
  for (const [field, text] of ends) {
    const n = ipv4ToInt(text);
    if (n === null) return { field, message: `"${text}" is not an IPv4 address` };
    if (n < net || n > bcast) return { field, message: `${text} is outside ${plan.network}/${plan.prefix}` };
    if (n === net) return { field, message: `${text} is the network's own address` };
    if (n === bcast) return { field, message: `${text} is the broadcast address` };
    if (n === gw) return { field, message: `${text} is the host's (gateway) address` };
    values.push(n);
  }
  const [s, e] = values as [number, number];
  if (s > e) return { field: 'range', message: `the range starts (${start}) after it ends (${end})` };
  if (gw > s && gw < e) return { field: 'range', message: `the range holds the host's (gateway) address ${plan.address}` };
  return null;
}

/** "START-END" as the CLI takes it; null when there is no single dash between two parts. */
export function splitDhcpRange(text: string): { start: string; end: string } | null {
  const parts = text.split('-').map((p) => p.trim());
  return parts.length === 2 && parts[0] && parts[1] ? { start: parts[0], end: parts[1] } : null;
}

/** A range the dialog proposes for a subnet: the upper half of its hosts, or below the gateway when it sits there. */
export function suggestDhcpRange(plan: Ipv4Plan): { start: string; end: string } {
  const [net, bcast, gw] = [ipv4ToInt(plan.network)!, ipv4ToInt(plan.broadcast)!, ipv4ToInt(plan.address)!];
  let [start, end] = [net + 1 + Math.floor((bcast - net - 1) / 2), bcast - 1];
  if (gw >= start && gw <= end) [start, end] = gw - 1 >= net + 1 ? [net + 1, gw - 1] : [gw + 1, bcast - 1];
  return { start: intToIpv4(start), end: intToIpv4(end) };
}

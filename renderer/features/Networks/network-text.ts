/** How a network's facts read in the table and on its page. */
import type { Network, NetworkIp } from '../../../shared/contract/networks';

export const MODE_COLOR: Record<string, string> = { nat: 'blue', routed: 'grape', isolated: 'gray', open: 'orange', bridge: 'teal' };

export const ipText = (ip: NetworkIp) => `${ip.address}${ip.prefix !== null ? `/${ip.prefix}` : ''}`;

/** "10.213.5.100 – 10.213.5.199" for each DHCP range of the network, or null when it hands out none. */
export function dhcpText(n: Pick<Network, 'ips'>): string | null {
  const ranges = n.ips.flatMap((ip) => ip.dhcpRanges.map((r) => `${r.start} – ${r.end}`));
  return ranges.length > 0 ? ranges.join(', ') : null;
}

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
export const expiryText = (ms: number) => (ms > 0 ? time.format(ms) : 'never');

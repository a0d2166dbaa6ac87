/**
 * Virtual networks of the connected hosts: listed with their mode, bridge,
 * addresses and state; created (nat, routed, isolated, open), started,
 * stopped, autostarted and deleted; and one network's DHCP lease table with
 * the machine that holds each lease.
 */
import { z } from 'zod';
import { method, mutation } from './define.js';
import { id, uuid } from './fields.js';
import { dhcpRangeProblem, NETWORK_NAME_MAX, networkNameProblem, parseCidr } from './network-rules.js';

/** A network name by the rules of network-rules.ts (no XML or shell metacharacters). */
export const networkName = z
  .string()
  .max(NETWORK_NAME_MAX)
  .superRefine((s, ctx) => {
    const problem = networkNameProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The modes NovaCron creates; `routed` is libvirt's forward mode "route". */
export const NETWORK_CREATE_MODES = ['nat', 'routed', 'isolated', 'open'] as const;
export type NetworkCreateMode = (typeof NETWORK_CREATE_MODES)[number];

export const NetworkIp = z.object({
  family: z.enum(['ipv4', 'ipv6']),
  /** The host's own address on the network. */
  address: z.string(),
  prefix: z.number().int().nullable(),
  dhcpRanges: z.array(z.object({ start: z.string(), end: z.string() })),
});
export type NetworkIp = z.infer<typeof NetworkIp>;

export const Network = z.object({
  connectionId: id,
  name: z.string(),
  uuid,
  /** nat, routed, isolated, open, bridge, passthrough, ... (libvirt's forward mode; "routed" for "route"). */
  mode: z.string(),
  /** The host bridge, when the network has one. */
  bridge: z.string().nullable(),
  ips: z.array(NetworkIp),
  active: z.boolean(),
  autostart: z.boolean(),
  persistent: z.boolean(),
});
export type Network = z.infer<typeof Network>;

export const AttachedMachine = z.object({
  uuid,
  name: z.string(),
  /** running, paused, shutoff, ... */
  state: z.string(),
  /** The MACs of its NICs on this network (lower case). */
  macs: z.array(z.string()),
});
export type AttachedMachine = z.infer<typeof AttachedMachine>;

export const DhcpLease = z.object({
  mac: z.string().nullable(),
  ip: z.string(),
  prefix: z.number().int(),
  hostname: z.string().nullable(),
  /** Milliseconds since the epoch. */
  expiresAt: z.number(),
  /** The machine one of whose NICs has the lease's MAC; null when none on this host does. */
  machine: z.object({ uuid, name: z.string() }).nullable(),
});
export type DhcpLease = z.infer<typeof DhcpLease>;

export const NetworkDetail = Network.extend({
  leases: z.array(DhcpLease),
  /** False where the host's driver keeps no lease table (libvirt's test driver): `leases` is then empty. */
  leasesSupported: z.boolean(),
  /** Machines with a NIC on this network (its definition, or the running one). */
  attached: z.array(AttachedMachine),
});
export type NetworkDetail = z.infer<typeof NetworkDetail>;

const target = { connectionId: id, name: networkName };

export const NetworkCreateInput = z
  .object({
    connectionId: id,
    name: networkName,
    mode: z.enum(NETWORK_CREATE_MODES),
    /** The host's address and the prefix, "10.213.5.1/24"; needed by nat and routed. */
    cidr: z.string().max(32).optional(),
    /** Needs a cidr. */
    dhcp: z.object({ start: z.string().max(15), end: z.string().max(15) }).optional(),
    /** Start it once defined (and mark it autostart). */
    start: z.boolean().default(false),
    autostart: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.cidr === undefined) {
      if (v.mode === 'nat' || v.mode === 'routed')
        ctx.addIssue({ code: 'custom', path: ['cidr'], message: `a ${v.mode} network needs an IPv4 range` });
      if (v.dhcp) ctx.addIssue({ code: 'custom', path: ['dhcp'], message: 'a DHCP range needs an IPv4 range' });
      return;
    }
    const plan = parseCidr(v.cidr);
    if (typeof plan === 'string') {
      ctx.addIssue({ code: 'custom', path: ['cidr'], message: plan });
      return;
    }
    const problem = v.dhcp && dhcpRangeProblem(plan, v.dhcp.start, v.dhcp.end);
    if (problem)
      ctx.addIssue({ code: 'custom', path: ['dhcp', ...(problem.field === 'range' ? [] : [problem.field])], message: problem.message });
  });
export type NetworkCreateInput = z.input<typeof NetworkCreateInput>;

export const networkMethods = {
  /** One host's networks, or every connected host's (a host that drops out meanwhile is left out). */
  'networks.list': method(z.object({ connectionId: id.optional() }), z.array(Network)),
  /** The network with its DHCP leases (each with its machine) and the machines attached to it. */
  'networks.get': method(z.object(target), NetworkDetail),
  'networks.create': mutation(NetworkCreateInput, Network),
  'networks.start': mutation(z.object(target), Network),
  'networks.stop': mutation(z.object(target), Network),
  'networks.setAutostart': mutation(z.object({ ...target, autostart: z.boolean() }), Network),
  /** Stops it if active and removes it; refused (conflict, naming them) while a running machine is attached. */
  'networks.delete': mutation(z.object(target), z.object({ deleted: z.string() })),
} as const;

export const networkEvents = {
  /** A host's networks changed (created, started, stopped, deleted): re-read them. */
  'networks.changed': z.object({ connectionId: id, name: z.string() }),
} as const;

export const networksContract = { methods: networkMethods, events: networkEvents };

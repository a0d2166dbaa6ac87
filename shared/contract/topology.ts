/**
 * topology.*: how each connected host's machines are wired to its virtual
 * networks, bridges and storage pools, for the Topology map. The machines'
 * states come from the live VM list (vm.* events), so a state change needs no
 * re-read here; a machine defined or removed, or a changed network or pool,
 * makes the renderer read the wiring again.
 */
import { z } from 'zod';
import { VmState } from '../types.js';
import { method } from './define.js';
import { id } from './fields.js';

export const TopologyNetwork = z.object({
  name: z.string(),
  /** The host bridge the network runs on, when libvirt reports one. */
  bridge: z.string().nullable(),
  active: z.boolean(),
});

export const TopologyPool = z.object({ name: z.string(), type: z.string(), active: z.boolean() });

export const TopologyMachine = z.object({
  uuid: z.string(),
  name: z.string(),
  state: VmState,
  /** Virtual networks its NICs are on (each once). */
  networks: z.array(z.string()),
  /** Host bridges its NICs are on directly (type='bridge'), not through a virtual network. */
  bridges: z.array(z.string()),
  /** Pools its disks' volumes are in (each once). */
  pools: z.array(z.string()),
});
export type TopologyMachine = z.infer<typeof TopologyMachine>;

export const HostTopology = z.object({
  connectionId: z.string(),
  networks: z.array(TopologyNetwork),
  pools: z.array(TopologyPool),
  machines: z.array(TopologyMachine),
  /** Set when the host could not be read (it stays on the map, greyed, with this reason). */
  error: z.string().nullable(),
});
export type HostTopology = z.infer<typeof HostTopology>;

export const topologyMethods = {
  /** The wiring of one connected host, or of every connected one. */
  'topology.get': method(z.object({ connectionId: id.optional() }), z.array(HostTopology)),
} as const;

export const topologyContract = { methods: topologyMethods, events: {} };

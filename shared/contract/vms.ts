/** Virtual machines across every connected host, keyed by connection id and UUID. */
import { z } from 'zod';
import { Vm, VmAction } from '../types.js';
import { method, mutation } from './define.js';
import { id, uuid } from './fields.js';

export const vmMethods = {
  'vms.list': method(z.object({ connectionId: id.optional() }), z.array(Vm)),
  'vms.get': method(z.object({ connectionId: id, uuid }), Vm),
  'vms.act': mutation(z.object({ connectionId: id, uuid, action: VmAction }), Vm),
} as const;

export const vmEvents = {
  /** A VM appeared or changed (from a libvirt event or a refresh). */
  'vm.changed': Vm,
  'vm.removed': z.object({ connectionId: id, uuid }),
  /** The whole VM list of a connection should be re-read (after a reconnect). */
  'vms.invalidated': z.object({ connectionId: id }),
} as const;

export const vmsContract = { methods: vmMethods, events: vmEvents };

/** Consoles: what a machine has (consoles.list), and the serial and VNC channels. */
import { api } from '../../libvirt/index.js';
import type { ChannelKind } from '../../../shared/channels.js';
import type { BackendContext, Feature } from '../feature.js';
import type { ChannelOpenersFor } from '../channels/types.js';
import { findDomain, readModel } from '../vms/common.js';
import { openSerial } from './serial.js';
import { openVnc } from './vnc.js';

export function createConsolesFeature(ctx: BackendContext): Feature<'consoles.list'> & {
  channels: ChannelOpenersFor<Extract<ChannelKind, `console.${string}`>>;
} {
  return {
    handlers: {
      async 'consoles.list'({ connectionId, uuid }) {
        const conn = ctx.hosts.client(connectionId);
        const dom = await findDomain(conn, uuid);
        const [running, model] = await Promise.all([api.isDomainActive(conn, dom), readModel(conn, dom)]);
        // A <console> mirrors the first <serial> (same alias): list the consoles, else the serials.
        const chars = model.consoles.length > 0 ? model.consoles : model.serials;
        return {
          running,
          serial: chars.map((c) => ({
            type: c.type,
            ...(c.alias !== undefined ? { devName: c.alias } : {}),
            ...(c.targetType !== undefined ? { targetType: c.targetType } : {}),
          })),
          graphics: model.graphics.map((g) => ({
            type: g.type,
            ...(g.port !== undefined && g.port > 0 ? { port: g.port } : {}),
            ...(g.listen !== undefined ? { listen: g.listen } : {}),
            passwordSet: g.passwordSet,
          })),
        };
      },
    },
    // A read-only connection opens no console: api.ts runs the action guards before an opener.
    channels: {
      'console.serial': (input, sink) => openSerial(ctx.hosts.client(input.connectionId), input, sink, ctx.log),
      'console.vnc': (input, sink) => openVnc(ctx.hosts.client(input.connectionId), input, sink, ctx.log),
    },
  };
}

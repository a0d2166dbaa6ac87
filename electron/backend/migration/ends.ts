/**
 * The two hosts of a migration as its core sees them: a client for each and a
 * way to hear that the target went away mid-transfer. The app passes its
 * registry's connections, the CLI the two clients it opened itself; the core
 * is the same.
 */
import type { LibvirtClient, StreamCaller } from '../../libvirt/index.js';

export interface MigrationEnd {
  client: StreamCaller;
  /** For messages: the connection's name (the app) or its URI (the CLI). */
  name: string;
  /** The URI the source daemon would use to reach it peer-to-peer. */
  uri: string;
}

export interface MigrationEnds {
  source: MigrationEnd;
  target: MigrationEnd;
  /** Calls `lost` once if the link to the target dies; returns the unsubscribe. */
  watchTargetLoss(lost: (why: string) => void): () => void;
}

/**
 * The ends of a migration between two clients opened for it (the CLI, the
 * tests): the target counts as lost once its client closes (keepalive, a cut link).
 */
export function clientEnds(
  source: { client: LibvirtClient; name: string; uri: string },
  target: { client: LibvirtClient; name: string; uri: string },
): MigrationEnds {
  return {
    source,
    target,
    watchTargetLoss(lost) {
      let on = true;
      void target.client.closed.then((why) => on && lost(why.message));
      return () => {
        on = false;
      };
    },
  };
}

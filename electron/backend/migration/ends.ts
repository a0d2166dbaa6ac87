/**
 * The two hosts of a migration as its core sees them: a client for each and a
 * way to hear that the target went away mid-transfer. The app passes its
 * registry's connections, the CLI the two clients it opened itself; the core
 * is the same.
 */
import type { StreamCaller } from '../../libvirt/index.js';

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

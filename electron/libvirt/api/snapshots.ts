/** Domain snapshots: create, list, look up, revert, delete, XML, current, parent. */
import type { Dom, Snap } from '../protocol/common.js';
import type { RpcCaller } from '../rpc/types.js';
import * as P from '../protocol/snapshot.js';

/** Creates a snapshot from `<domainsnapshot>` XML (SnapshotCreateFlags). */
export async function createSnapshot(c: RpcCaller, dom: Dom, xml: string, flags = 0): Promise<Snap> {
  return (await c.call(P.DOMAIN_SNAPSHOT_CREATE_XML, { dom, xmlDesc: xml, flags })).snap;
}

/** The domain's snapshots (SnapshotListFlags; 0 = all). */
export async function listSnapshots(c: RpcCaller, dom: Dom, flags = 0): Promise<Snap[]> {
  return (await c.call(P.DOMAIN_LIST_ALL_SNAPSHOTS, { dom, needResults: true, flags })).snapshots;
}

export async function lookupSnapshot(c: RpcCaller, dom: Dom, name: string): Promise<Snap> {
  return (await c.call(P.DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, { dom, name, flags: 0 })).snap;
}

/** Reverts the domain to the snapshot (SnapshotRevertFlags: RUNNING, PAUSED, FORCE). */
export async function revertToSnapshot(c: RpcCaller, snap: Snap, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_REVERT_TO_SNAPSHOT, { snap, flags });
}

/** Deletes the snapshot (SnapshotDeleteFlags: CHILDREN, METADATA_ONLY, CHILDREN_ONLY). */
export async function deleteSnapshot(c: RpcCaller, snap: Snap, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_SNAPSHOT_DELETE, { snap, flags });
}

/** `<domainsnapshot>` XML (SnapshotXmlFlags.SECURE). */
export async function getSnapshotXml(c: RpcCaller, snap: Snap, flags = 0): Promise<string> {
  return (await c.call(P.DOMAIN_SNAPSHOT_GET_XML_DESC, { snap, flags })).xml;
}

/** The current snapshot; fails with NO_DOMAIN_SNAPSHOT when there is none. */
export async function getCurrentSnapshot(c: RpcCaller, dom: Dom): Promise<Snap> {
  return (await c.call(P.DOMAIN_SNAPSHOT_CURRENT, { dom, flags: 0 })).snap;
}

export async function hasCurrentSnapshot(c: RpcCaller, dom: Dom): Promise<boolean> {
  return (await c.call(P.DOMAIN_HAS_CURRENT_SNAPSHOT, { dom, flags: 0 })).result;
}

/** The parent snapshot; fails with NO_DOMAIN_SNAPSHOT for a root. */
export async function getSnapshotParent(c: RpcCaller, snap: Snap): Promise<Snap> {
  return (await c.call(P.DOMAIN_SNAPSHOT_GET_PARENT, { snap, flags: 0 })).snap;
}

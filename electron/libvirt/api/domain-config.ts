/** Domain resources and devices: memory, vCPUs, device attach/detach/update, disk resize, metadata. */
import type { Dom } from '../protocol/common.js';
import type { RpcCaller } from '../rpc/types.js';
import * as P from '../protocol/domain-devices.js';
import { toU64 } from './util.js';

/**
 * Sets the memory in KiB (MemoryFlags: LIVE, CONFIG, MAXIMUM for the
 * maximum instead of the balloon target; 0 = current state).
 */
export async function setDomainMemory(c: RpcCaller, dom: Dom, kib: number | bigint, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_SET_MEMORY_FLAGS, { dom, memory: toU64(kib, 'memory'), flags });
}

/** Sets the vCPU count (VcpuFlags: LIVE, CONFIG, MAXIMUM, GUEST, HOTPLUGGABLE). */
export async function setDomainVcpus(c: RpcCaller, dom: Dom, count: number, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_SET_VCPUS_FLAGS, { dom, nvcpus: count, flags });
}

/** The vCPU count (VcpuFlags select live/config and current/maximum). */
export async function getDomainVcpus(c: RpcCaller, dom: Dom, flags = 0): Promise<number> {
  return (await c.call(P.DOMAIN_GET_VCPUS_FLAGS, { dom, flags })).num;
}

/** Attaches a device from its XML (DeviceModifyFlags: LIVE, CONFIG). */
export async function attachDevice(c: RpcCaller, dom: Dom, xml: string, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_ATTACH_DEVICE_FLAGS, { dom, xml, flags });
}

/** Detaches the device the XML describes (DeviceModifyFlags). Live detach may finish later (DEVICE_REMOVED event). */
export async function detachDevice(c: RpcCaller, dom: Dom, xml: string, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_DETACH_DEVICE_FLAGS, { dom, xml, flags });
}

/** Changes a device in place, e.g. media of a CD-ROM (DeviceModifyFlags incl. FORCE). */
export async function updateDevice(c: RpcCaller, dom: Dom, xml: string, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_UPDATE_DEVICE_FLAGS, { dom, xml, flags });
}

/** Detaches a device by its alias, e.g. "ua-disk1" or "net0" (DeviceModifyFlags). */
export async function detachDeviceAlias(c: RpcCaller, dom: Dom, alias: string, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_DETACH_DEVICE_ALIAS, { dom, alias, flags });
}

/**
 * Grows a disk of a running domain: `disk` is the target ("vda") or source
 * path; `size` in KiB unless BlockResizeFlags.BYTES is set.
 */
export async function resizeBlock(c: RpcCaller, dom: Dom, disk: string, size: number | bigint, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_BLOCK_RESIZE, { dom, disk, size: toU64(size, 'size'), flags });
}

/**
 * Sets (or, with `metadata` null, removes) the title, the description or an
 * application's element (DomainMetadataType; key and uri only for ELEMENT,
 * whose fragment carries no namespace declaration). Flags: AffectFlags.
 */
export async function setDomainMetadata(
  c: RpcCaller,
  dom: Dom,
  type: number,
  metadata: string | null,
  key: string | null = null,
  uri: string | null = null,
  flags = 0,
): Promise<void> {
  await c.call(P.DOMAIN_SET_METADATA, { dom, type, metadata, key, uri, flags });
}

/** The title, description or the element under `uri`; fails with NO_DOMAIN_METADATA (80) when there is none. */
export async function getDomainMetadata(c: RpcCaller, dom: Dom, type: number, uri: string | null = null, flags = 0): Promise<string> {
  return (await c.call(P.DOMAIN_GET_METADATA, { dom, type, uri, flags })).metadata;
}

/**
 * Domain lookup, definition, lifecycle and state. A domain is addressed by the
 * exact Dom the daemon returned (it looks domains up by UUID).
 */
import type { Dom } from '../protocol/common.js';
import type { RpcCaller } from '../rpc/types.js';
import * as P from '../protocol/domain.js';
import { uuidBytes } from './util.js';

export interface DomainInfo {
  /** virDomainState (DomainState.RUNNING, ...). */
  state: number;
  maxMemKiB: bigint;
  memoryKiB: bigint;
  vcpus: number;
  cpuTimeNs: bigint;
}

export interface DomainStateInfo {
  /** virDomainState */
  state: number;
  /** The state's reason enum (DomainRunningReason, DomainShutoffReason, ...). */
  reason: number;
}

/** Domains matching `flags` (ListAllDomainsFlags; 0 = all). */
export async function listAllDomains(c: RpcCaller, flags = 0): Promise<Dom[]> {
  return (await c.call(P.CONNECT_LIST_ALL_DOMAINS, { needResults: true, flags })).domains;
}

/** How many domains match `flags`, without their names. */
export async function countDomains(c: RpcCaller, flags = 0): Promise<number> {
  return (await c.call(P.CONNECT_LIST_ALL_DOMAINS, { needResults: false, flags })).ret;
}

/** A running domain by its hypervisor id. */
export async function lookupDomainById(c: RpcCaller, id: number): Promise<Dom> {
  return (await c.call(P.DOMAIN_LOOKUP_BY_ID, { id })).dom;
}

export async function lookupDomainByName(c: RpcCaller, name: string): Promise<Dom> {
  return (await c.call(P.DOMAIN_LOOKUP_BY_NAME, { name })).dom;
}

export async function lookupDomainByUuid(c: RpcCaller, uuid: string | Uint8Array): Promise<Dom> {
  return (await c.call(P.DOMAIN_LOOKUP_BY_UUID, { uuid: uuidBytes(uuid) })).dom;
}

/** Defines (or redefines) a persistent domain from XML (DefineFlags.VALIDATE checks it against the schema). */
export async function defineDomain(c: RpcCaller, xml: string, flags = 0): Promise<Dom> {
  return (await c.call(P.DOMAIN_DEFINE_XML_FLAGS, { xml, flags })).dom;
}

/** Creates and starts a transient domain from XML (CreateFlags). */
export async function createDomainXml(c: RpcCaller, xml: string, flags = 0): Promise<Dom> {
  return (await c.call(P.DOMAIN_CREATE_XML, { xmlDesc: xml, flags })).dom;
}

/** Removes a persistent domain's configuration (UndefineFlags). */
export async function undefineDomain(c: RpcCaller, dom: Dom, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_UNDEFINE_FLAGS, { dom, flags });
}

/** Starts a defined domain (CreateFlags). Returns the Dom with its new id. */
export async function startDomain(c: RpcCaller, dom: Dom, flags = 0): Promise<Dom> {
  return (await c.call(P.DOMAIN_CREATE_WITH_FLAGS, { dom, flags })).dom;
}

/** Asks the guest to shut down (ShutdownFlags); returns before it has. */
export async function shutdownDomain(c: RpcCaller, dom: Dom, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_SHUTDOWN_FLAGS, { dom, flags });
}

/** Asks the guest to reboot (RebootFlags). */
export async function rebootDomain(c: RpcCaller, dom: Dom, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_REBOOT, { dom, flags });
}

/** Hard reset, like pressing the reset button. */
export async function resetDomain(c: RpcCaller, dom: Dom, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_RESET, { dom, flags });
}

/** Stops the domain at once, like pulling the plug (DestroyFlags). */
export async function destroyDomain(c: RpcCaller, dom: Dom, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_DESTROY_FLAGS, { dom, flags });
}

export async function suspendDomain(c: RpcCaller, dom: Dom): Promise<void> {
  await c.call(P.DOMAIN_SUSPEND, { dom });
}

export async function resumeDomain(c: RpcCaller, dom: Dom): Promise<void> {
  await c.call(P.DOMAIN_RESUME, { dom });
}

/** Saves the running domain's memory to the managed image and stops it (SaveFlags). */
export async function managedSaveDomain(c: RpcCaller, dom: Dom, flags = 0): Promise<void> {
  await c.call(P.DOMAIN_MANAGED_SAVE, { dom, flags });
}

export async function hasManagedSaveImage(c: RpcCaller, dom: Dom): Promise<boolean> {
  return (await c.call(P.DOMAIN_HAS_MANAGED_SAVE_IMAGE, { dom, flags: 0 })).result;
}

export async function removeManagedSave(c: RpcCaller, dom: Dom): Promise<void> {
  await c.call(P.DOMAIN_MANAGED_SAVE_REMOVE, { dom, flags: 0 });
}

export async function getDomainInfo(c: RpcCaller, dom: Dom): Promise<DomainInfo> {
  const r = await c.call(P.DOMAIN_GET_INFO, { dom });
  return { state: r.state, maxMemKiB: r.maxMem, memoryKiB: r.memory, vcpus: r.nrVirtCpu, cpuTimeNs: r.cpuTime };
}

export async function getDomainState(c: RpcCaller, dom: Dom): Promise<DomainStateInfo> {
  return c.call(P.DOMAIN_GET_STATE, { dom, flags: 0 });
}

/** The domain XML (DomainXmlFlags: SECURE, INACTIVE, UPDATE_CPU, MIGRATABLE). */
export async function getDomainXml(c: RpcCaller, dom: Dom, flags = 0): Promise<string> {
  return (await c.call(P.DOMAIN_GET_XML_DESC, { dom, flags })).xml;
}

export async function getDomainAutostart(c: RpcCaller, dom: Dom): Promise<boolean> {
  return (await c.call(P.DOMAIN_GET_AUTOSTART, { dom })).autostart;
}

export async function setDomainAutostart(c: RpcCaller, dom: Dom, autostart: boolean): Promise<void> {
  await c.call(P.DOMAIN_SET_AUTOSTART, { dom, autostart });
}

export async function isDomainActive(c: RpcCaller, dom: Dom): Promise<boolean> {
  return (await c.call(P.DOMAIN_IS_ACTIVE, { dom })).active;
}

export async function isDomainPersistent(c: RpcCaller, dom: Dom): Promise<boolean> {
  return (await c.call(P.DOMAIN_IS_PERSISTENT, { dom })).persistent;
}

/** The guest's hostname (GetHostnameFlags: LEASE or AGENT; 0 = driver default). */
export async function getDomainHostname(c: RpcCaller, dom: Dom, flags = 0): Promise<string> {
  return (await c.call(P.DOMAIN_GET_HOSTNAME, { dom, flags })).hostname;
}

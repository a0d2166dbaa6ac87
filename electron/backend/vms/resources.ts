/**
 * vCPUs and memory. "auto" changes the running machine where libvirt allows
 * it (within the maximum it booted with) and the next boot's definition too;
 * beyond the running maximum, or when libvirt refuses the live change, only
 * the next boot. Every answer says where it applied and why.
 */
import type { Applied, ChangeMode, SetResourcesOutput } from '../../../shared/contract/vm-config.js';
import { api, MemoryFlags, VcpuFlags, type Dom, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { findDomain, readModel, readScope } from './common.js';

interface Scope {
  running: boolean;
  persistent: boolean;
}

/** One resource's knobs, so vCPUs and memory share the decision logic. */
interface Knob {
  what: string;
  unit: (n: number) => string;
  liveMax: () => Promise<number>;
  configMax: () => Promise<number>;
  setLive: (n: number) => Promise<unknown>;
  /** Sets the next boot's value; `raiseMax` when it exceeds the configured maximum. */
  setConfig: (n: number, raiseMax: boolean) => Promise<unknown>;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function applyConfig(k: Knob, n: number, why: string): Promise<Applied> {
  const max = await k.configMax();
  await k.setConfig(n, n > max);
  const raised = n > max ? ` (the maximum is raised from ${k.unit(max)} to ${k.unit(n)})` : '';
  return { applied: 'config', reason: `${why}${raised}` };
}

async function change(k: Knob, n: number, mode: ChangeMode, s: Scope): Promise<Applied> {
  if (mode === 'config' || (mode === 'auto' && !s.running)) {
    if (!s.persistent)
      throw new AppError('operation-invalid', `A transient machine has no next-boot definition to change its ${k.what} in.`);
    return applyConfig(k, n, s.running ? 'next boot only, as asked' : 'the machine is off: from its next boot');
  }
  if (!s.running)
    throw new AppError(
      'operation-invalid',
      `The machine is not running: a live change of its ${k.what} needs a running machine (use the next-boot change).`,
    );
  const liveMax = await k.liveMax();
  if (n > liveMax) {
    const why = `${k.unit(n)} is beyond the running machine's maximum of ${k.unit(liveMax)}`;
    if (mode === 'live' || !s.persistent) throw new AppError('invalid-input', `${why}: only the next boot can have more.`);
    return applyConfig(k, n, `${why}: next boot only`);
  }
  try {
    await k.setLive(n);
  } catch (e) {
    if (mode === 'live' || !s.persistent) throw e;
    return applyConfig(k, n, `libvirt could not change it live (${errorText(e)}): next boot only`);
  }
  if (mode === 'live' || !s.persistent)
    return {
      applied: 'live',
      reason: s.persistent ? 'live only, as asked: the next boot keeps its definition' : 'live: a transient machine has no next boot',
    };
  const max = await k.configMax();
  await k.setConfig(n, n > max);
  return { applied: 'both', reason: 'now and from the next boot' };
}

function vcpuKnob(c: RpcCaller, dom: Dom): Knob {
  return {
    what: 'vCPUs',
    unit: (n) => `${n} vCPU${n === 1 ? '' : 's'}`,
    liveMax: () => api.getDomainVcpus(c, dom, VcpuFlags.LIVE | VcpuFlags.MAXIMUM),
    configMax: () => api.getDomainVcpus(c, dom, VcpuFlags.CONFIG | VcpuFlags.MAXIMUM),
    setLive: (n) => api.setDomainVcpus(c, dom, n, VcpuFlags.LIVE),
    async setConfig(n, raiseMax) {
      if (raiseMax) await api.setDomainVcpus(c, dom, n, VcpuFlags.CONFIG | VcpuFlags.MAXIMUM);
      await api.setDomainVcpus(c, dom, n, VcpuFlags.CONFIG);
    },
  };
}

function memoryKnob(c: RpcCaller, dom: Dom, running: boolean): Knob {
  return {
    what: 'memory',
    unit: (n) => `${n} KiB`,
    liveMax: async () => Number((await api.getDomainInfo(c, dom)).maxMemKiB),
    configMax: async () => (await readModel(c, dom, true)).memoryKiB,
    // The balloon: the guest gives memory back or takes it, within the maximum it booted with.
    setLive: (n) => api.setDomainMemory(c, dom, n, MemoryFlags.LIVE),
    async setConfig(n, raiseMax) {
      // A machine that is off boots with exactly the memory asked for; a running one keeps its maximum.
      if (raiseMax || !running) await api.setDomainMemory(c, dom, n, MemoryFlags.CONFIG | MemoryFlags.MAXIMUM);
      await api.setDomainMemory(c, dom, n, MemoryFlags.CONFIG);
    },
  };
}

export async function setVmResources(
  c: RpcCaller,
  uuid: string,
  req: { vcpus?: number; memoryKiB?: number; mode: ChangeMode },
): Promise<SetResourcesOutput> {
  const dom = await findDomain(c, uuid);
  const scope = await readScope(c, dom);
  const out: SetResourcesOutput = {};
  if (req.vcpus !== undefined) out.vcpus = await change(vcpuKnob(c, dom), req.vcpus, req.mode, scope);
  if (req.memoryKiB !== undefined) out.memory = await change(memoryKnob(c, dom, scope.running), req.memoryKiB, req.mode, scope);
  return out;
}

export async function setVmAutostart(c: RpcCaller, uuid: string, autostart: boolean): Promise<{ autostart: boolean }> {
  const dom = await findDomain(c, uuid);
  if (!(await api.isDomainPersistent(c, dom)))
    throw new AppError('operation-invalid', 'A transient machine cannot start with the host: it has no definition to keep.');
  await api.setDomainAutostart(c, dom, autostart);
  return { autostart: await api.getDomainAutostart(c, dom) };
}

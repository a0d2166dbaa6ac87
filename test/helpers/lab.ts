/**
 * The integration tests' view of the lab (e2e/lab/lab.sh): its JSON, a
 * client factory, virsh for differential checks, and unique names for
 * throwaway objects. When the lab is down, `lab` is null and the suites skip;
 * under `npm test` (NOVACRON_LAB_JSON set) it is never null: a bad JSON throws.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConnectOptions, LibvirtClient } from '../../electron/libvirt/index.js';

export interface LabInfo {
  system: string;
  ssh: string;
  keyfile: string;
  knownHosts: string;
  testHost: string;
  testHostDomains?: number;
  guests: string[];
  runningGuest: string;
  pool: string;
  poolPath: string;
  /** The isolated network, always running (lab.sh fails without it), and its bridge. */
  network: string;
  bridge: string;
  /** The DHCP network (libvirt's dnsmasq, isolated: no <forward>; 10.213.250.0/24) and its bridge. */
  dhcpNetwork?: string;
  dhcpBridge?: string;
  /** How the guests run: KVM where the guest kernel boots with it, else TCG (<domain type='qemu'>). */
  accel: 'kvm' | 'tcg';
  /** The multi-host lab (`lab.sh up --hosts N`): independent hypervisors in network namespaces. */
  hosts?: LabHost[];
  [key: string]: unknown;
}

/** One hypervisor of the multi-host lab: its own libvirtd, sshd, pool "default" and a running guest. */
export interface LabHost {
  name: string;
  address: string;
  ssh: string;
  tcp: string;
  unix: string;
  keyfile: string;
  knownHosts: string;
  guests: string[];
  runningGuest: string;
  pool: string;
  poolPath: string;
  network: string;
  namespace: string;
  libvirtdPid: number;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function readLab(): LabInfo | null {
  // Under `npm test` the lab was just brought up and its JSON is passed in:
  // then a broken lab must fail the run, never quietly skip the suites.
  const given = process.env.NOVACRON_LAB_JSON;
  if (given !== undefined) return checkLab(JSON.parse(given) as unknown, 'NOVACRON_LAB_JSON');
  const r = spawnSync('bash', [resolve(ROOT, 'e2e/lab/lab.sh'), 'status'], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0 || !r.stdout) return null;
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    return null;
  }
  return checkLab(parsed, 'lab.sh status');
}

/** The lab's promise, checked: what the suites rely on is there. */
function checkLab(value: unknown, source: string): LabInfo {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${source} is not the lab's JSON object`);
  const l = value as Partial<LabInfo> & Record<string, unknown>;
  const strings = ['system', 'ssh', 'keyfile', 'knownHosts', 'testHost', 'runningGuest', 'pool', 'poolPath', 'network', 'bridge'];
  const missing = strings.filter((k) => typeof l[k] !== 'string');
  if (missing.length > 0) throw new Error(`${source}: the lab's JSON lacks ${missing.join(', ')}`);
  if (!Array.isArray(l.guests) || l.guests.length === 0) throw new Error(`${source}: the lab's JSON names no guests`);
  if (l.accel !== 'kvm' && l.accel !== 'tcg') throw new Error(`${source}: "accel" is ${JSON.stringify(l.accel)}, not "kvm" or "tcg"`);
  return l as LabInfo;
}

/** The lab's JSON, read once per test file; null when the lab is not up (never under `npm test`). */
export const lab: LabInfo | null = readLab();

export function requireLab(): LabInfo {
  if (!lab) throw new Error('the lab is not up: run `bash e2e/lab/lab.sh up`');
  return lab;
}

export type LabTarget = 'system' | 'ssh' | 'testHost';

/** Opens a client to the lab's qemu:///system (default), its SSH alias, or its test-driver host. */
export async function connectLab(target: LabTarget = 'system', opts: ConnectOptions = {}): Promise<LibvirtClient> {
  const l = requireLab();
  const uri = target === 'ssh' ? l.ssh : target === 'testHost' ? l.testHost : l.system;
  const sshOpts: ConnectOptions = target === 'ssh' ? { keyFile: l.keyfile, knownHostsFile: l.knownHosts } : {};
  return LibvirtClient.connect(uri, { ...sshOpts, ...opts });
}

/** Runs virsh against a lab URI (qemu:///system by default) and returns stdout. */
export function virsh(args: string[], uri?: string): string {
  return execFileSync('virsh', ['-q', '-c', uri ?? requireLab().system, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Like virsh(), but never throws: for cleanup. */
export function virshQuiet(args: string[], uri?: string): void {
  spawnSync('virsh', ['-q', '-c', uri ?? requireLab().system, ...args], { stdio: 'ignore', timeout: 60_000 });
}

/** `virsh dominfo`-style "Key: value" output as a record. */
export function parseKeyValues(out: string): Record<string, string> {
  const rec: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) rec[m[1]!.trim()] = m[2]!.trim();
  }
  return rec;
}

/** A fresh name for a throwaway object: "apitest-<what>-<random>". */
export function uniqueName(what: string): string {
  return `apitest-${what}-${randomBytes(4).toString('hex')}`;
}

/** Collapses whitespace between and inside tags, for comparing XML texts. */
export function normalizeXml(xml: string): string {
  return xml.replace(/>\s+</g, '><').replace(/\s+/g, ' ').trim();
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 20_000, stepMs = 200): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return check();
}

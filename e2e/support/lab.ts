/** The lab (e2e/lab/lab.sh): brought up once per worker; its last stdout line is a JSON description. */
import { spawnSync } from 'node:child_process';

export interface Lab {
  system: string;
  ssh: string;
  sshUnknownHost: string;
  sshHost: string;
  sshPort: number;
  sshUnknownPort: number;
  keyfile: string;
  knownHosts: string;
  hostKeyFingerprint: string;
  unknownHostKeyFingerprint: string;
  /** "ssh-ed25519 AAAA..." of the second sshd: a wrong key for the first one. */
  unknownHostKey: string;
  testHost: string;
  testHostDomains: number;
  guests: string[];
  runningGuest: string;
  /** A running guest with a VNC display showing its VGA text console (a shell there too). */
  vncGuest?: string;
  /** Where the guests' serial consoles are logged (<logDir>/<guest>.console.log). */
  logDir: string;
  /** The accelerator the lab's guests run under: KVM only where a guest really boots with it. */
  accel: 'kvm' | 'tcg';
  pool: string;
  network: string;
  /** The DHCP network (libvirt's dnsmasq, isolated: no forwarding) guests lease addresses on, and its bridge. */
  dhcpNetwork?: string;
  dhcpBridge?: string;
  /** The multi-host lab (`lab.sh up --hosts N`): independent hypervisors, each in its own network namespace. */
  hosts?: LabHost[];
}

/** One hypervisor of the multi-host lab: its own libvirtd and sshd, a pool, an isolated network and a running busybox guest. */
export interface LabHost {
  /** "nchost1". */
  name: string;
  /** "10.250.0.11". */
  address: string;
  /** qemu+ssh://root@<address>/system (with keyfile and knownHosts). */
  ssh: string;
  /** qemu+tcp://<address>/system: no authentication, reachable from here and from the other hosts. */
  tcp: string;
  /** qemu:///system?socket=…: its libvirtd's own socket, from here only. */
  unix: string;
  keyfile: string;
  knownHosts: string;
  hostKeyFingerprint?: string;
  guests: string[];
  /** "nch1-guest": its serial console's prompt is "<name># ". */
  runningGuest: string;
  pool: string;
  poolPath: string;
  network: string;
  namespace?: string;
  initPid?: number | null;
  libvirtdPid?: number | null;
  dir?: string;
}

function parseLab(text: string, source: string): Lab {
  const last = text.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as Lab;
  } catch {
    throw new Error(`${source}: the last line is not the lab's JSON: ${last.slice(0, 200)}`);
  }
}

/** `bash e2e/lab/lab.sh up` (idempotent), unless the test driver already did and passed the JSON on. */
export function bringLabUp(): Lab {
  const given = process.env.NOVACRON_LAB_JSON;
  if (given) return parseLab(given, 'NOVACRON_LAB_JSON');
  const r = spawnSync('bash', ['e2e/lab/lab.sh', 'up'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    throw new Error(`lab.sh up failed (exit ${r.status ?? r.signal}):\n${(r.stderr ?? '').split('\n').slice(-20).join('\n')}`);
  }
  return parseLab(r.stdout, 'lab.sh up');
}

/** A best-effort virsh call against the lab's libvirtd, for cleanup only (tests act through the UI). */
export function virsh(uri: string, ...args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('virsh', ['-c', uri, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Command-line parsing for `novacron`: global options, then a command path and its operands. */

export interface GlobalOptions {
  connect: string;
  keyFile?: string;
  knownHosts?: string;
  acceptNewHostKey: boolean;
  readOnly: boolean;
  json: boolean;
}

export interface ParsedArgs {
  options: GlobalOptions;
  /** Everything that is not a global option, in order: the command path, its operands and its own options. */
  words: string[];
  help: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const valued: Record<string, keyof GlobalOptions> = {
  '--connect': 'connect',
  '-c': 'connect',
  '--keyfile': 'keyFile',
  '--known-hosts': 'knownHosts',
};
const flags: Record<string, keyof GlobalOptions> = {
  '--accept-new-host-key': 'acceptNewHostKey',
  '--readonly': 'readOnly',
  '-r': 'readOnly',
  '--json': 'json',
};

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): ParsedArgs {
  const options: GlobalOptions = {
    connect: env.LIBVIRT_DEFAULT_URI || 'qemu:///system',
    acceptNewHostKey: false,
    readOnly: false,
    json: false,
  };
  const words: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--help' || name === '-h') {
      help = true;
    } else if (name in valued) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      (options as unknown as Record<string, string>)[valued[name]!] = value;
    } else if (name in flags) {
      (options as unknown as Record<string, boolean>)[flags[name]!] = true;
    } else {
      // The command's own options (e.g. --from) are parsed by the command, against its spec.
      words.push(arg);
    }
  }
  return { options, words, help };
}

export const usage = `usage: novacron [--connect URI] [--keyfile F] [--known-hosts F] [--accept-new-host-key] [--readonly] COMMAND

commands:
  host info [--json]                    the hypervisor: hostname, CPUs, memory, versions
  vm list [--json]                      every domain, running or not
  vm start|shutdown|reboot|reset|destroy|suspend|resume NAME
  vm info NAME [--json]                 a machine's overview: state, vCPUs, memory, disks, NICs
  vm set NAME [--vcpus N] [--memory KiB] [--live|--config]
                                        change vCPUs/memory (default: live where possible and next boot)
  vm create NAME --memory KiB --vcpus N --disk POOL:SIZE|POOL/VOL [--cdrom POOL/VOL]
           [--network NET] [--start] [--virt-type kvm|qemu] [--firmware bios|efi]
                                        a new machine on a new volume (SIZE: 10G, 512M) or an existing one
  vm clone NAME NEWNAME                 full copy of a shut-off machine (disks copied, new UUID and MACs)
  vm delete NAME [--with-storage] [--force]
                                        undefine (and delete its own disk volumes); --force stops it first
  vm managedsave NAME                   save the running machine's state and stop it (start restores it)
  vm migrate NAME --to URI [--live] [--p2p [--tunnelled]] [--copy-storage] [--compress | --compression xbzrle|zstd|mt]
           [--parallel N] [--bandwidth MiBps] [--auto-converge] [--max-downtime MS] [--postcopy]
                                        move it to another host: live (or paused) when it runs, offline (definition
                                        and disks through volume streams, verified) when shut off; progress on stderr
  host evacuate URI [--to URI[,URI...]] [migration options as above]
                                        migrate every running machine off URI, each to the listed host with the
                                        most free memory (default: NovaCron's other connections), past failures
  vm xml NAME                           the domain's XML
  vm stats [--json]                     one bulk statistics sweep of all domains
  pool list [--json]                    storage pools (type, state, sizes in bytes, volume count)
  pool create NAME --type dir --target PATH [--autostart]
                                        define, build and start a directory pool
  pool delete NAME [--with-volumes]     stop and undefine (--with-volumes: delete its volumes and directory
                                        too); refused while a machine uses one of its volumes
  pool refresh NAME                     re-read the pool's storage
  vol list POOL [--json]                its volumes: format, sizes, the machines using each
  vol create POOL NAME --size BYTES [--format qcow2|raw] [--backing VOL]
                                        a new volume (--size also takes K, M, G, T; --backing: a qcow2 overlay)
  vol resize POOL NAME --size BYTES [--shrink]
                                        grow it (a smaller size needs --shrink: the data past it is lost)
  vol delete POOL NAME [--force]        delete it (refused while a machine uses it, unless --force)
  vol clone POOL NAME NEWNAME           a full copy in the same pool
  vol upload POOL NAME FILE [--overwrite] [--no-sparse]
                                        a local file into a volume (created raw, sized to the file)
  vol download POOL NAME FILE [--force] a volume into a local file (sparse where the volume is)
  net list [--json]                     virtual networks (mode, state, bridge, IPv4 and DHCP ranges)
  net create NAME --mode nat|routed|isolated|open [--ip CIDR] [--dhcp START-END] [--start] [--autostart]
                                        define a network (--ip: the host's address, 10.213.5.1/24)
  net start|stop NAME                   start or stop a network
  net delete NAME                       stop and remove it (refused while a running machine uses it)
  net leases NAME [--json]              its DHCP leases, with the machine holding each
  events                                lifecycle events as JSON lines until interrupted
  analytics anomalies [--since ISO] [--json]      anomalies the app's detector flagged
  analytics forecast VM SERIES --horizon 7d [--json]  a forecast with its 80% interval
  analytics capacity [--json]           days until hosts and pools are full
  analytics rightsize [--json]          machines over- or under-sized, idle ones, consolidation
  metrics query VM SERIES --from ISO [--to ISO] [--step S] [--json]
                                        a machine's history from NovaCron's metrics store
                                        (VM: name or UUID; --step in seconds; SERIES e.g. cpu_pct)
  alerts list [--json]                  the alerts the NovaCron app recorded (firing and resolved)
  vm snapshot list NAME [--json]        the domain's snapshots as a tree (current marked *)
  vm snapshot create NAME SNAP [--memory] [--description TEXT]
                                        an internal snapshot (--memory: with the running guest's memory)
  vm snapshot revert NAME SNAP          back to the snapshot (running or shut off, as it was taken)
  vm snapshot delete NAME SNAP [--children]
                                        delete the snapshot (--children: with everything below it)
  audit export --csv|--json             the NovaCron app's audit log of changes
  template list [--json]                the template library (the app's, in its data dir) and who uses each version
  template create NAME --from VM [--version V] [--description TEXT]
                                        a template (or its next version) from a shut-off machine's first disk
  template instantiate NAME[@VERSION] NEWVM [--linked|--full] [--host URI] [--pool POOL] [--start]
                                        a machine from a version: a qcow2 overlay (default) or a full copy,
                                        here or on --host (the template volume streamed there first)
  template delete NAME[@VERSION] [--host URI]
                                        delete a version (or all) with its volumes (--host: where a copy is);
                                        refused while a machine uses it

The URI defaults to $LIBVIRT_DEFAULT_URI, else qemu:///system. SSH host keys are
checked against NovaCron's known_hosts (or --known-hosts F); an unknown key is
refused unless --accept-new-host-key is given, a changed key always.`;

export type OptionKind = 'value' | 'flag';

export interface CommandArgs {
  operands: string[];
  opts: Record<string, string | true>;
}

/** Splits a command's words (after its path) into operands and its own options, checked against its spec. */
export function parseCommandArgs(words: string[], spec: Record<string, OptionKind>, label: string): CommandArgs {
  const operands: string[] = [];
  const opts: Record<string, string | true> = {};
  for (let i = 0; i < words.length; i++) {
    const arg = words[i]!;
    if (!(arg.startsWith('-') && arg.length > 1)) {
      operands.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option ${name} for ${label}`);
    if (kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      opts[name] = true;
    } else {
      const value = inline ?? words[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      opts[name] = value;
    }
  }
  return { operands, opts };
}

/**
 * A cloud-init NoCloud seed: user-data (#cloud-config), meta-data and an
 * optional network-config, on an ISO 9660 volume labelled "cidata" (the
 * label NoCloud looks for). Every value is a double-quoted YAML scalar made
 * with JSON.stringify (JSON strings are YAML), and the contract already
 * limits them to plain names and one key line, so nothing the user typed can
 * add YAML structure.
 */
import type { CloudInitInput } from '../../../../shared/contract/vm-create.js';
import { buildIsoImage, type IsoFile } from './iso9660.js';

const q = (s: string) => JSON.stringify(s);

export interface SeedOptions {
  /** NoCloud's instance-id: a new one makes cloud-init run again; the machine's UUID does. */
  instanceId: string;
  /** Add a network-config (version 2): DHCP on every ethernet NIC. */
  networkConfig?: boolean;
}

export function buildSeedFiles(ci: CloudInitInput, opts: SeedOptions): IsoFile[] {
  const user = [
    '#cloud-config',
    `hostname: ${q(ci.hostname)}`,
    'users:',
    `  - name: ${q(ci.user)}`,
    '    shell: "/bin/bash"',
    '    sudo: "ALL=(ALL) NOPASSWD:ALL"',
    ...(ci.sshKey ? ['    ssh_authorized_keys:', `      - ${q(ci.sshKey)}`] : ['    lock_passwd: true']),
    '',
  ].join('\n');
  const meta = `instance-id: ${q(opts.instanceId)}\nlocal-hostname: ${q(ci.hostname)}\n`;
  const files: IsoFile[] = [
    { name: 'user-data', data: Buffer.from(user, 'utf8') },
    { name: 'meta-data', data: Buffer.from(meta, 'utf8') },
  ];
  if (opts.networkConfig) {
    const net = ['version: 2', 'ethernets:', '  all:', '    match:', '      name: "e*"', '    dhcp4: true', ''].join('\n');
    files.push({ name: 'network-config', data: Buffer.from(net, 'utf8') });
  }
  return files;
}

/** The seed image itself. */
export function buildSeedImage(ci: CloudInitInput, opts: SeedOptions): Buffer {
  return buildIsoImage(buildSeedFiles(ci, opts), { volumeId: 'cidata' });
}

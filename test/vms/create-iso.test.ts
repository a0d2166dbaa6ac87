/**
 * The ISO 9660 writer, read back by a real tool (isoinfo from genisoimage,
 * installed by scripts/test.mjs): the volume id, both directory trees (8.3
 * primary names and Joliet's long ones) and every file's bytes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIsoImage, primaryName } from '../../electron/backend/vms/create/iso9660.js';
import { buildSeedFiles } from '../../electron/backend/vms/create/cloud-init.js';

const dir = mkdtempSync(join(tmpdir(), 'novacron-iso-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, image: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, image);
  return p;
}
const isoinfo = (args: string[]) => execFileSync('isoinfo', args, { encoding: 'latin1', maxBuffer: 64 << 20 });

describe('ISO 9660 writer', () => {
  it('writes a volume isoinfo reads: label, Joliet names, primary 8.3 names and contents', () => {
    const big = Buffer.alloc(5000, 0);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff; // spans three sectors
    const files = [
      { name: 'user-data', data: Buffer.from('#cloud-config\nhostname: a\n') },
      { name: 'meta-data', data: Buffer.from('instance-id: i-1\n') },
      { name: 'big.bin', data: big },
      { name: 'empty', data: Buffer.alloc(0) },
    ];
    const p = write('a.iso', buildIsoImage(files, { volumeId: 'cidata', date: new Date('2026-03-04T05:06:07Z') }));
    const d = isoinfo(['-d', '-i', p]);
    expect(d).toMatch(/Volume id: cidata\n/);
    expect(d).toMatch(/Logical block size is: 2048\n/);
    expect(d).toMatch(/Joliet with UCS level 3 found/);
    const jl = isoinfo(['-J', '-l', '-i', p]);
    for (const f of files)
      expect(jl).toMatch(new RegExp(`\\s${f.data.length}\\s+Mar\\s+4 2026 \\[\\s*\\d+ \\d+\\]\\s+${f.name.replace('.', '\\.')}\\s*\\n`));
    const pl = isoinfo(['-l', '-i', p]);
    for (const n of ['USER_DAT.;1', 'META_DAT.;1', 'BIG.BIN;1', 'EMPTY.;1']) expect(pl).toContain(n);
    for (const f of files) expect(Buffer.from(isoinfo(['-J', '-x', `/${f.name}`, '-i', p]), 'latin1').equals(f.data)).toBe(true);
    expect(isoinfo(['-x', '/USER_DAT.;1', '-i', p])).toBe('#cloud-config\nhostname: a\n');
  });

  it('refuses what it cannot write', () => {
    expect(() => buildIsoImage([], { volumeId: 'cidata' })).toThrow(/1 to/);
    expect(() => buildIsoImage([{ name: 'a/b', data: Buffer.alloc(1) }], { volumeId: 'cidata' })).toThrow(/not a file name/);
    expect(() => buildIsoImage([{ name: 'x', data: Buffer.alloc(1) }], { volumeId: 'no spaces' })).toThrow(/volume id/);
    expect(() =>
      buildIsoImage(
        [
          { name: 'user-data1', data: Buffer.alloc(1) },
          { name: 'user-data2', data: Buffer.alloc(1) },
        ],
        { volumeId: 'cidata' },
      ),
    ).toThrow(/short name USER_DAT/);
    expect(primaryName('network-config')).toBe('NETWORK_.;1');
  });

  it('a NoCloud seed: user-data with the user, key and host name; meta-data; network-config on request', () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFcEAJrjOW8DbUSfHcNQVpFQRJgN5VOd/muDH+ArcwzI me@x';
    const files = buildSeedFiles({ user: 'ops', sshKey: key, hostname: 'web-1' }, { instanceId: 'uuid-1', networkConfig: true });
    const p = write('seed.iso', buildIsoImage(files, { volumeId: 'cidata' }));
    const user = isoinfo(['-J', '-x', '/user-data', '-i', p]);
    expect(user.split('\n')[0]).toBe('#cloud-config');
    expect(user).toContain('hostname: "web-1"');
    expect(user).toContain('name: "ops"');
    expect(user).toContain(`- "${key}"`);
    expect(isoinfo(['-J', '-x', '/meta-data', '-i', p])).toBe('instance-id: "uuid-1"\nlocal-hostname: "web-1"\n');
    expect(isoinfo(['-J', '-x', '/network-config', '-i', p])).toContain('version: 2');
    expect(isoinfo(['-d', '-i', p])).toMatch(/Volume id: cidata\n/);
  });
});

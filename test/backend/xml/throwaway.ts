/**
 * Throwaway libvirt objects for the XML tests: XML goes to virsh through a
 * temp file, and everything created is remembered so afterAll can remove it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueName, virsh, virshQuiet } from '../../helpers/lab.js';

export class Throwaways {
  private readonly dir = mkdtempSync(join(tmpdir(), 'novacron-xmltest-'));
  private readonly cleanups: Array<() => void> = [];
  private n = 0;

  /** A unique "apitest-xmltest-<what>-<hex>" name. */
  name(what: string): string {
    return uniqueName(`xmltest-${what}`);
  }

  /** Writes XML to a temp file and returns its path, for virsh commands that take one. */
  file(xml: string): string {
    const path = join(this.dir, `doc-${this.n++}.xml`);
    writeFileSync(path, xml);
    return path;
  }

  defineDomain(name: string, xml: string): void {
    this.cleanups.push(() => {
      virshQuiet(['destroy', name]);
      virshQuiet(['undefine', name, '--snapshots-metadata', '--nvram']);
    });
    virsh(['define', this.file(xml)]);
  }

  definePool(name: string, xml: string): void {
    this.cleanups.push(() => {
      virshQuiet(['pool-destroy', name]);
      virshQuiet(['pool-undefine', name]);
    });
    virsh(['pool-define', this.file(xml)]);
  }

  defineNetwork(name: string, xml: string): void {
    this.cleanups.push(() => {
      virshQuiet(['net-destroy', name]);
      virshQuiet(['net-undefine', name]);
    });
    virsh(['net-define', this.file(xml)]);
  }

  createVolume(pool: string, name: string, xml: string): void {
    this.cleanups.push(() => virshQuiet(['vol-delete', '--pool', pool, name]));
    virsh(['vol-create', pool, this.file(xml)]);
  }

  /** Registers any other cleanup; they run in reverse order of registration. */
  later(fn: () => void): void {
    this.cleanups.push(fn);
  }

  cleanup(): void {
    for (const fn of this.cleanups.reverse()) fn();
    this.cleanups.length = 0;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

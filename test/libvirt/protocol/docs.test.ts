/**
 * docs/protocol/procedures.md (§8) against the procedure tables: every
 * documented number is the one the code sends, and every procedure the code
 * declares is documented.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as connect from '../../../electron/libvirt/protocol/connect.js';
import { Program, type Procedure } from '../../../electron/libvirt/protocol/define.js';
import * as events from '../../../electron/libvirt/protocol/events.js';
import * as tables from '../../../electron/libvirt/protocol/tables.js';
import { KeepaliveProc } from '../../../electron/libvirt/rpc/keepalive.js';

type AnyProcedure = Procedure<never, unknown>;

const doc = readFileSync(new URL('../../../docs/protocol/procedures.md', import.meta.url), 'utf8');

/** The table rows of one "### 8.N" section: [number, second column, third column]. */
function rows(section: string): [number, string, string][] {
  const start = doc.indexOf(`### ${section} `);
  expect(start, `section ${section}`).toBeGreaterThanOrEqual(0);
  const next = doc.indexOf('\n### ', start + 1);
  const body = doc.slice(start, next < 0 ? undefined : next);
  return body
    .split('\n')
    .map((l) => /^\|\s*(\d+)\s*\|\s*([A-Z0-9_]+)\s*\|\s*([a-zA-Z0-9_]*)\s*\|$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), m[2]!, m[3]!]);
}

function isProcedure(v: unknown): v is AnyProcedure {
  return (
    typeof v === 'object' && v !== null && typeof (v as AnyProcedure).proc === 'number' && typeof (v as AnyProcedure).name === 'string'
  );
}

const declared = new Map<string, AnyProcedure>();
for (const m of [connect, tables, events]) for (const v of Object.values(m)) if (isProcedure(v)) declared.set(v.name, v);

const procedureSections = Array.from({ length: 13 }, (_, i) => `8.${i + 1}`);

describe('docs/protocol/procedures.md', () => {
  it('gives every documented procedure the number, program and stream of our table', () => {
    let n = 0;
    for (const section of procedureSections) {
      for (const [num, libvirtName, stream] of rows(section)) {
        const qemu = libvirtName.startsWith('QEMU_PROC_');
        const ours = qemu ? `QEMU_${libvirtName.slice('QEMU_PROC_'.length)}` : libvirtName.replace(/^REMOTE_PROC_/, '');
        const p = declared.get(ours);
        expect(p, `${libvirtName} (§${section}) has no table entry`).toBeDefined();
        expect(p!.proc, libvirtName).toBe(num);
        expect(p!.program, libvirtName).toBe(qemu ? Program.QEMU : Program.REMOTE);
        expect(p!.stream, libvirtName).toBe(stream === '' ? 'none' : stream);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  it('documents every procedure the tables declare', () => {
    const documented = new Set(procedureSections.flatMap((s) => rows(s).map(([, name]) => name)));
    const missing = [...declared.values()]
      .map((p) => (p.program === Program.QEMU ? `QEMU_PROC_${p.name.slice('QEMU_'.length)}` : `REMOTE_PROC_${p.name}`))
      .filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('lists the decoded event messages with their numbers (§8.14)', () => {
    const documented = rows('8.14');
    for (const [num, libvirtName, ours] of documented) {
      expect(events.EventMsgProc[ours as keyof typeof events.EventMsgProc], libvirtName).toBe(num);
    }
    expect(documented.map(([, , ours]) => ours).sort()).toEqual(Object.keys(events.EventMsgProc).sort());
  });

  it('lists the keepalive procedures (§8.15)', () => {
    const documented = rows('8.15');
    for (const [num, , ours] of documented) expect(KeepaliveProc[ours as keyof typeof KeepaliveProc]).toBe(num);
    expect(documented).toHaveLength(Object.keys(KeepaliveProc).length);
  });
});

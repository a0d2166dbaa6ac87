/** The procedure tables as a whole: numbers and names unique, streams where libvirt has them. */
import { describe, expect, it } from 'vitest';
import { Program } from '../../../electron/libvirt/protocol/define.js';
import { PROCEDURES, findProcedure } from '../../../electron/libvirt/protocol/procedures.js';
import * as tables from '../../../electron/libvirt/protocol/tables.js';

describe('procedure tables', () => {
  it('hold every procedure the brief lists', () => {
    const remote = PROCEDURES.filter((p) => p.program === Program.REMOTE).map((p) => p.proc);
    const wanted = [
      59,
      157,
      4,
      7,
      342,
      6,
      228,
      227,
      102,
      101,
      110,
      3,
      149,
      203, // host
      273,
      22,
      23,
      24,
      350,
      11,
      231,
      196,
      10,
      258,
      27,
      245,
      234,
      34,
      28,
      16,
      212,
      14,
      29,
      15,
      150,
      151,
      182,
      183,
      184,
      344,
      159,
      64,
      65,
      204,
      31,
      199,
      200,
      160,
      161,
      174,
      392,
      185,
      274,
      189,
      192,
      193,
      186,
      191,
      190,
      244,
      305,
      298,
      164,
      302, // client-managed migration: begin, prepare, (perform 305), finish, confirm; downtime, speed, post-copy
      303,
      306,
      307,
      166,
      207,
      364,
      201,
      211,
      194,
      251,
      353,
      253,
      277, // domains
      264,
      265, // domain metadata (NovaCron's tags and notes)
      281,
      84,
      85,
      86,
      77,
      76,
      78,
      79,
      80,
      81,
      82,
      83,
      87,
      88,
      89,
      90,
      154,
      155,
      282,
      95,
      96,
      97,
      93,
      125,
      94,
      260,
      98,
      378,
      99,
      100,
      208,
      209,
      165,
      259,
      403, // storage (403: CONNECT_GET_STORAGE_POOL_CAPABILITIES, the pool types a host offers)
      283,
      46,
      47,
      41,
      432,
      40,
      437,
      39,
      42,
      49,
      43,
      48,
      44,
      152,
      153,
      45,
      341,
      291, // networks
      285,
      113,
      114,
      284,
      128,
      130, // node devices, interfaces
    ];
    expect([...new Set(remote)].sort((a, b) => a - b)).toEqual([...new Set(wanted)].sort((a, b) => a - b));
    const qemu = PROCEDURES.filter((p) => p.program === Program.QEMU).map((p) => p.proc);
    expect(qemu.sort()).toEqual([1, 3]);
  });

  it('use each number once per program', () => {
    const seen = new Map<string, string>();
    for (const p of PROCEDURES) {
      const key = `${p.program}:${p.proc}`;
      expect(seen.get(key), `${p.name} reuses ${key}`).toBeUndefined();
      seen.set(key, p.name);
    }
  });

  it('use each name once, matching the exported constant', () => {
    const names = PROCEDURES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const [exported, value] of Object.entries(tables)) {
      if (PROCEDURES.includes(value as (typeof PROCEDURES)[number])) {
        expect((value as { name: string }).name).toBe(exported);
      }
    }
  });

  it('mark the stream procedures with their direction', () => {
    const streams = Object.fromEntries(PROCEDURES.filter((p) => p.stream !== 'none').map((p) => [p.proc, p.stream]));
    expect(streams).toEqual({ 201: 'both', 208: 'write', 209: 'read', 211: 'read' });
  });

  it('are found by (program, number)', () => {
    expect(findProcedure(Program.REMOTE, 344)?.name).toBe('CONNECT_GET_ALL_DOMAIN_STATS');
    expect(findProcedure(Program.QEMU, 1)?.name).toBe('QEMU_DOMAIN_MONITOR_COMMAND');
    expect(findProcedure(Program.REMOTE, 9999)).toBeUndefined();
  });
});

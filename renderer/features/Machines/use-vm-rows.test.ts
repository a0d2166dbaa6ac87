import { describe, expect, it } from 'vitest';
import { filterAndSort, Ranks, type VmRowData } from './use-vm-rows';
import { formatMemory } from './format';

const row = (name: string, host: string, state: VmRowData['state'], memoryKiB = 1024): VmRowData => ({
  key: `${host}/${name}`,
  host,
  name,
  state,
  memoryKiB,
  connectionId: host,
  uuid: '00000000-0000-0000-0000-000000000000',
  id: -1,
  vcpus: 1,
  maxMemoryKiB: memoryKiB,
  persistent: true,
  autostart: false,
});

const rows = [row('sim-10', 'sim', 'running'), row('sim-9', 'sim', 'shutoff'), row('web', 'kvm01', 'running', 4 << 20)];
const names = (r: VmRowData[]) => r.map((x) => x.name);

describe('filterAndSort', () => {
  it('sorts names naturally, both ways', () => {
    expect(names(filterAndSort(rows, '', { key: 'name', dir: 'asc' }))).toEqual(['sim-9', 'sim-10', 'web']);
    expect(names(filterAndSort(rows, '', { key: 'name', dir: 'desc' }))).toEqual(['web', 'sim-10', 'sim-9']);
  });
  it('matches every word against name, host and state label', () => {
    expect(names(filterAndSort(rows, 'sim running', { key: 'name', dir: 'asc' }))).toEqual(['sim-10']);
    expect(names(filterAndSort(rows, 'KVM01', { key: 'name', dir: 'asc' }))).toEqual(['web']);
    expect(names(filterAndSort(rows, 'shut off', { key: 'name', dir: 'asc' }))).toEqual(['sim-9']);
  });
  it('sorts by memory with name as the tie-break', () => {
    expect(names(filterAndSort(rows, '', { key: 'memory', dir: 'desc' }))).toEqual(['web', 'sim-9', 'sim-10']);
  });
});

describe('formatMemory', () => {
  it('uses MiB below a GiB and trims decimals', () => {
    expect(formatMemory(96 * 1024)).toBe('96 MiB');
    expect(formatMemory(1024 * 1024)).toBe('1 GiB');
    expect(formatMemory(1.5 * 1024 * 1024)).toBe('1.5 GiB');
    expect(formatMemory(2 * 1024 ** 3)).toBe('2 TiB');
  });
});

describe('filterAndSort with precomputed ranks', () => {
  it('orders exactly as the collator does, for every key and direction, and filters by facets and tags', () => {
    const many = [
      ...rows,
      row('DB-2', 'kvm02', 'paused'),
      row('db-10', 'kvm01', 'shutoff'),
      { ...row('Web', 'kvm02', 'running'), tags: ['prod'] },
    ];
    const ranks = new Ranks();
    ranks.ensure(many.flatMap((r) => [r.name, r.host]));
    for (const key of ['name', 'host', 'state', 'vcpus', 'memory'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        expect(filterAndSort(many, '', { key, dir }, {}, ranks).map((r) => r.key)).toEqual(
          filterAndSort(many, '', { key, dir }).map((r) => r.key),
        );
      }
    }
    expect(names(filterAndSort(many, 'prod', { key: 'name', dir: 'asc' }, {}, ranks))).toEqual(['Web']);
    expect(names(filterAndSort(many, '', { key: 'name', dir: 'asc' }, { connectionId: 'kvm02', state: 'paused' }, ranks))).toEqual([
      'DB-2',
    ]);
    expect(names(filterAndSort(many, '', { key: 'name', dir: 'asc' }, { tag: 'prod' }, ranks))).toEqual(['Web']);
  });
});

/** Turns libvirt's flat snapshot list (each naming its parent) into the contract's depth-first tree. */
import type { Snapshot, SnapshotTree } from '../../../shared/contract/snapshots.js';
import type { SnapshotModel } from '../xml/index.js';

const bySiblingOrder = (a: SnapshotModel, b: SnapshotModel) =>
  (a.creationTime ?? 0) - (b.creationTime ?? 0) || a.name.localeCompare(b.name);

/**
 * Roots first, each snapshot followed by its subtree, siblings oldest first.
 * A parent libvirt names but does not list (metadata lost) makes its child a root.
 */
export function arrangeTree(models: SnapshotModel[], current: string | null): SnapshotTree {
  const names = new Set(models.map((m) => m.name));
  const parentOf = (m: SnapshotModel) => (m.parent !== undefined && names.has(m.parent) ? m.parent : null);
  const kids = new Map<string | null, SnapshotModel[]>();
  for (const m of models) {
    const p = parentOf(m);
    kids.set(p, [...(kids.get(p) ?? []), m]);
  }
  for (const list of kids.values()) list.sort(bySiblingOrder);

  const out: Snapshot[] = [];
  const visit = (m: SnapshotModel, depth: number) => {
    const children = kids.get(m.name) ?? [];
    out.push({
      name: m.name,
      ...(m.description !== undefined ? { description: m.description } : {}),
      state: m.state ?? 'unknown',
      createdAt: (m.creationTime ?? 0) * 1000,
      parent: parentOf(m),
      children: children.map((c) => c.name),
      depth,
      current: m.name === current,
      withMemory: m.memory === 'internal' || m.memory === 'external',
    });
    for (const c of children) visit(c, depth + 1);
  };
  for (const root of kids.get(null) ?? []) visit(root, 0);
  return { snapshots: out, current: current !== null && names.has(current) ? current : null };
}

/** The names of `name` and every snapshot below it, in tree order. */
export function subtreeOf(tree: SnapshotTree, name: string): string[] {
  const byName = new Map(tree.snapshots.map((s) => [s.name, s]));
  const out: string[] = [];
  const walk = (n: string) => {
    const s = byName.get(n);
    if (!s) return;
    out.push(n);
    s.children.forEach(walk);
  };
  walk(name);
  return out;
}

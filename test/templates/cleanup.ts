/**
 * Cleanup for the template tests: every machine they named and every volume
 * of the lab pool carrying one of their unique names (template volumes,
 * copies, machines' disks), removed whatever state a failed test left.
 */
import { requireLab, virsh, virshQuiet } from '../helpers/lab.js';

export function removeMachines(names: readonly string[]): void {
  for (const n of names) {
    if (!n.includes('apitest-') && !n.includes('e2e-tpl-')) throw new Error(`refusing to remove ${n}: not a test object`);
    virshQuiet(['destroy', n]);
    virshQuiet(['undefine', '--nvram', n]);
    virshQuiet(['undefine', n]);
  }
}

export function labVolumes(): string[] {
  return virsh(['vol-list', requireLab().pool])
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** Deletes the lab pool's volumes whose names contain one of `marks` (each an apitest-/e2e-tpl- unique name). */
export function removeVolumesMarked(marks: readonly string[]): void {
  for (const m of marks)
    if (!m.includes('apitest-') && !m.includes('e2e-tpl-')) throw new Error(`refusing to remove ${m}: not a test mark`);
  // Overlays first: a backing file deleted under an overlay is harmless to libvirt, but keep the order sane.
  const vols = labVolumes().filter((v) => marks.some((m) => v.includes(m)));
  for (const v of vols.sort((a, b) => Number(a.startsWith('tpl-')) - Number(b.startsWith('tpl-')))) {
    virshQuiet(['vol-delete', '--pool', requireLab().pool, v]);
  }
}

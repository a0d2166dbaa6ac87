/** The names a template's volumes get, and the next version number. */
import { AppError } from '../errors.js';
import type { StoredTemplate } from './record.js';

/** The template volume of one version, in the source machine's pool. */
export function templateVolumeName(name: string, version: string): string {
  return `tpl-${name}-${version}.qcow2`;
}

/**
 * Its copy on another host. A different name from the original, so that two
 * connections to one daemon (the lab's qemu:/// and qemu+ssh://) never mistake
 * the original for a copy, or delete it as one.
 */
export function copyVolumeName(name: string, version: string): string {
  return `tpl-${name}-${version}-copy.qcow2`;
}

/** A new machine's own disk. */
export function instanceVolumeName(machine: string): string {
  return `${machine}.qcow2`;
}

/** One more than the highest numeric version; "1" for none. */
export function nextVersion(t: StoredTemplate | undefined): string {
  const numbers = (t?.versions ?? []).map((v) => Number(v.version)).filter((n) => Number.isSafeInteger(n) && n >= 0);
  return String(numbers.length ? Math.max(...numbers) + 1 : 1);
}

export function findTemplate(all: readonly StoredTemplate[], name: string): StoredTemplate {
  const t = all.find((x) => x.name === name);
  if (!t) throw new AppError('not-found', `There is no template named "${name}".`);
  return t;
}

/** The version asked for, or the newest when none is. */
export function findVersion(t: StoredTemplate, version: string | undefined) {
  const v = version === undefined ? t.versions.at(-1) : t.versions.find((x) => x.version === version);
  if (!v) {
    const known = t.versions.map((x) => x.version).join(', ') || 'none';
    throw new AppError('not-found', `Template "${t.name}" has no version "${version ?? ''}" (its versions: ${known}).`);
  }
  return v;
}

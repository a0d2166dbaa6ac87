/**
 * libvirt's scaled integers: <memory unit='MiB'>, <capacity unit='G'>. The unit
 * table follows libvirt's documented spellings (case-insensitive): b/bytes,
 * KB (1000) vs k/KiB (1024), and so on up to exa. Memory is normalised to KiB,
 * storage sizes to bytes.
 */
import { findChild, readAttr, readText, type XmlElement } from './core.js';
import { XmlParseError } from './errors.js';

const POWERS: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };

/** Bytes per unit, or undefined for a unit libvirt does not define. */
export function unitFactor(unit: string): number | undefined {
  const u = unit.toLowerCase();
  if (u === 'b' || u === 'bytes') return 1;
  const m = /^([kmgtpe])(b|ib)?$/.exec(u);
  if (!m) return undefined;
  const base = m[2] === 'b' ? 1000 : 1024; // "KB" is decimal, "K" and "KiB" binary
  return base ** POWERS[m[1]!]!;
}

/** value × unit in bytes; `defaultUnit` applies when the element has no unit attribute. */
export function toBytes(value: string, unit: string | undefined, defaultUnit: string, what: string): number {
  const v = value.trim();
  if (!/^\d+$/.test(v)) throw new XmlParseError(`${what}: "${value}" is not a non-negative integer`);
  const factor = unitFactor(unit ?? defaultUnit);
  if (factor === undefined) throw new XmlParseError(`${what}: unknown unit "${unit}"`);
  const bytes = Number(v) * factor;
  if (!Number.isSafeInteger(bytes)) throw new XmlParseError(`${what}: ${value} ${unit ?? defaultUnit} is too large`);
  return bytes;
}

/** A size element (text + unit attribute) in bytes; libvirt's storage default unit is bytes. */
export function readBytes(el: XmlElement | undefined, ...path: string[]): number | undefined {
  const target = findChild(el, ...path);
  const text = readText(target);
  if (text === undefined) return undefined;
  return toBytes(text, readAttr(target, 'unit'), 'bytes', `<${path.join('/') || target?.name}>`);
}

/** A memory element in KiB (libvirt's default memory unit is KiB), rounded up. */
export function readKiB(el: XmlElement | undefined, ...path: string[]): number | undefined {
  const target = findChild(el, ...path);
  const text = readText(target);
  if (text === undefined) return undefined;
  return Math.ceil(toBytes(text, readAttr(target, 'unit'), 'KiB', `<${path.join('/') || target?.name}>`) / 1024);
}

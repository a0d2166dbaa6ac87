/**
 * Checks on builder specs, each throwing XmlSpecError with the field's name and
 * a reason a user can act on. Builders call these before making any element, so
 * a bad spec never reaches libvirt half-written.
 */
import { findIllegalXmlChar, hasControlChar } from './chars.js';
import { XmlSpecError } from './errors.js';

export const MAX_NAME_LENGTH = 128;

/** libvirt object names: non-empty, bounded, no '/', no control characters, not just dots. */
export function checkName(value: unknown, field: string, maxLength = MAX_NAME_LENGTH): string {
  if (typeof value !== 'string' || value.length === 0) throw new XmlSpecError(field, 'a name is required');
  if (value.length > maxLength) throw new XmlSpecError(field, `longer than ${maxLength} characters`);
  // Any control character is refused here, even the tab/newline XML could carry.
  if (hasControlChar(value)) throw new XmlSpecError(field, 'must not contain control characters');
  if (value.includes('/')) throw new XmlSpecError(field, 'must not contain "/"');
  if (value === '.' || value === '..') throw new XmlSpecError(field, 'must not be "." or ".."');
  if (value.trim() !== value) throw new XmlSpecError(field, 'must not start or end with whitespace');
  return value;
}

/** Free text (title, description, note): any length up to `max`, only characters XML can carry. */
export function checkText(value: unknown, field: string, max = 64 * 1024): string {
  if (typeof value !== 'string') throw new XmlSpecError(field, 'must be a string');
  if (value.length > max) throw new XmlSpecError(field, `longer than ${max} characters`);
  const bad = findIllegalXmlChar(value);
  if (bad) throw new XmlSpecError(field, `contains a control character XML cannot carry (${bad})`);
  return value;
}

/** Absolute host paths without '..' segments or control characters. */
export function checkPath(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new XmlSpecError(field, 'a path is required');
  if (!value.startsWith('/')) throw new XmlSpecError(field, `"${value}" is not an absolute path`);
  if (value.split('/').includes('..')) throw new XmlSpecError(field, 'must not contain ".." segments');
  if (hasControlChar(value)) throw new XmlSpecError(field, 'must not contain control characters');
  if (value.length > 4096) throw new XmlSpecError(field, 'longer than 4096 characters');
  return value;
}

/** Positive safe integers (sizes, counts). */
export function checkPositiveInt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new XmlSpecError(field, `must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** Integers in [min, max]. */
export function checkIntRange(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new XmlSpecError(field, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/** One of a fixed set of strings. */
export function checkOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new XmlSpecError(field, `must be one of ${allowed.join(', ')}, got ${String(value)}`);
  }
  return value as T;
}

/** A token such as a machine type, model or device name: letters, digits, . _ - : only. */
export function checkToken(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(value)) {
    throw new XmlSpecError(field, `"${String(value)}" is not a valid identifier`);
  }
  return value;
}

export function checkUuid(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(value)) {
    throw new XmlSpecError(field, `"${String(value)}" is not a UUID`);
  }
  return value;
}

export function checkMac(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(value)) {
    throw new XmlSpecError(field, `"${String(value)}" is not a MAC address (aa:bb:cc:dd:ee:ff)`);
  }
  // The low bit of the first octet marks multicast addresses, which a NIC cannot use.
  if (parseInt(value.slice(0, 2), 16) & 1) throw new XmlSpecError(field, 'is a multicast MAC address');
  return value.toLowerCase();
}

/** Dotted-quad IPv4 addresses. */
export function checkIPv4(value: unknown, field: string): string {
  const parts = typeof value === 'string' ? value.split('.') : [];
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
    throw new XmlSpecError(field, `"${String(value)}" is not an IPv4 address`);
  }
  return value as string;
}

/** Dotted IPv4 address as a 32-bit number, for range checks. */
export function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
}

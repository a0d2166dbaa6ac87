/**
 * The shared core of NovaCron's libvirt XML handling: one parser configuration,
 * one small ordered element tree every model reads from, and typed readers.
 *
 * Library: fast-xml-parser 5.12.1. It was chosen because it is pure JavaScript
 * (no native addon to rebuild for Electron, no DOM: it runs the same in plain
 * Node and in the Electron main process), actively maintained, and offers both a
 * parser and a builder (XMLBuilder) that escapes text and attribute values; its
 * `preserveOrder` mode keeps sibling order, so a document can be read, edited
 * and written back (see metadata.ts) without shuffling elements.
 *
 * Safety choices, all made here and nowhere else:
 * - entity processing in the library is off (`processEntities: false`); we decode
 *   only the five predefined entities and numeric references ourselves, and any
 *   document with a DOCTYPE/ENTITY declaration is refused: libvirt never sends
 *   one, and refusing it rules out entity-expansion attacks entirely;
 * - no value is coerced: numbers stay strings until a typed reader converts them
 *   with the unit the schema gives;
 * - characters XML 1.0 cannot carry are refused with an error naming them.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeEntities, findIllegalXmlChar } from './chars.js';
import { XmlParseError } from './errors.js';

/** An element of a parsed (or built) document: its name, attributes and ordered content. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** Child elements and text, in document order. Text is already entity-decoded. */
  readonly nodes: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

const ATTRS = ':@';
const TEXT = '#text';
const CDATA = '#cdata';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: TEXT,
  cdataPropName: CDATA,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  allowBooleanAttributes: false,
});

type RawNode = Record<string, unknown>;

function fail(message: string): never {
  throw new XmlParseError(message);
}

/** Converts the library's preserveOrder output into our tree, decoding entities on the way. */
function toElement(raw: RawNode): XmlElement | string | null {
  const name = Object.keys(raw).find((k) => k !== ATTRS);
  if (name === undefined) return null;
  if (name === TEXT) return decodeEntities(String(raw[TEXT]), fail);
  // CDATA content is literal: no entity decoding.
  if (name === CDATA) return ((raw[CDATA] as RawNode[]) ?? []).map((n) => String(n[TEXT] ?? '')).join('');
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries((raw[ATTRS] as Record<string, unknown> | undefined) ?? {})) {
    attrs[k] = decodeEntities(String(v), fail);
  }
  const nodes = ((raw[name] as RawNode[]) ?? []).map(toElement).filter((n): n is XmlNode => n !== null);
  // Whitespace between child elements is formatting, not content: drop it.
  const hasElements = nodes.some((n) => typeof n !== 'string');
  return { name, attrs, nodes: hasElements ? nodes.filter((n) => typeof n !== 'string' || n.trim() !== '') : nodes };
}

/**
 * Parses a whole document and returns its root element, checking the root's
 * name when `expectedRoot` is given. Throws XmlParseError on anything malformed.
 */
export function parseXml(xml: string, expectedRoot?: string): XmlElement {
  if (typeof xml !== 'string' || xml.trim() === '') fail('empty XML document');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) fail('XML with a DOCTYPE or ENTITY declaration is not accepted');
  const bad = findIllegalXmlChar(xml);
  if (bad) fail(`XML contains a character XML 1.0 cannot carry (${bad})`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlParseError(`malformed XML: ${valid.err.msg}`, valid.err.line, valid.err.col);
  const roots = (parser.parse(xml) as RawNode[]).map(toElement).filter((n): n is XmlElement => n !== null && typeof n !== 'string');
  if (roots.length !== 1) fail(`expected one root element, found ${roots.length}`);
  const root = roots[0]!;
  if (expectedRoot !== undefined && root.name !== expectedRoot) fail(`expected <${expectedRoot}>, found <${root.name}>`);
  return root;
}

// ---- readers -------------------------------------------------------------

/** The child elements of `el`, optionally only those named `name`. */
export function childElements(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (!el) return [];
  return el.nodes.filter((n): n is XmlElement => typeof n !== 'string' && (name === undefined || n.name === name));
}

/** Follows a path of element names ("devices", "disk"), taking the first match at each step. */
export function findChild(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let cur = el;
  for (const step of path) cur = childElements(cur, step)[0];
  return cur;
}

/** All elements at the end of a path: findAll(dom, 'devices', 'disk'). */
export function findAll(el: XmlElement | undefined, ...path: string[]): XmlElement[] {
  if (path.length === 0) return el ? [el] : [];
  const parent = path.length > 1 ? findChild(el, ...path.slice(0, -1)) : el;
  return childElements(parent, path[path.length - 1]);
}

/** The element's own text, untrimmed (undefined when the element is absent). */
export function readRawText(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  return el.nodes.filter((n): n is string => typeof n === 'string').join('');
}

/** The trimmed text of the element at `path`, or undefined when absent or empty. */
export function readText(el: XmlElement | undefined, ...path: string[]): string | undefined {
  const t = readRawText(findChild(el, ...path))?.trim();
  return t === undefined || t === '' ? undefined : t;
}

/** An attribute's value, or undefined. */
export function readAttr(el: XmlElement | undefined, name: string): string | undefined {
  return el?.attrs[name];
}

/** Reads a decimal integer, failing loudly on anything else ("12abc" is an error, not 12). */
export function toInteger(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (!/^-?\d+$/.test(v)) fail(`${what}: "${value}" is not an integer`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) fail(`${what}: ${value} is too large`);
  return n;
}

export function readIntAttr(el: XmlElement | undefined, name: string): number | undefined {
  return toInteger(readAttr(el, name), `<${el?.name ?? '?'} ${name}>`);
}

export function readIntText(el: XmlElement | undefined, ...path: string[]): number | undefined {
  return toInteger(readText(el, ...path), `<${path.join('/')}>`);
}

/** libvirt's yes/no and on/off switches as a boolean (undefined when absent or unknown). */
export function readSwitch(el: XmlElement | undefined, name: string): boolean | undefined {
  const v = readAttr(el, name);
  if (v === 'yes' || v === 'on') return true;
  if (v === 'no' || v === 'off') return false;
  return undefined;
}

/** A <cpu> element's <topology> (in capabilities and in a domain), or undefined when it has none. */
export interface CpuTopology {
  sockets?: number;
  dies?: number;
  cores?: number;
  threads?: number;
}

export function readCpuTopology(cpu: XmlElement | undefined): CpuTopology | undefined {
  const topo = findChild(cpu, 'topology');
  return topo
    ? compact({
        sockets: readIntAttr(topo, 'sockets'),
        dies: readIntAttr(topo, 'dies'),
        cores: readIntAttr(topo, 'cores'),
        threads: readIntAttr(topo, 'threads'),
      })
    : undefined;
}

/** Drops undefined-valued keys so models have no `key: undefined` noise. */
export function compact<T extends object>(obj: T): T {
  for (const k of Object.keys(obj) as (keyof T)[]) if (obj[k] === undefined) delete obj[k];
  return obj;
}

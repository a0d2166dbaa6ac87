/**
 * Building XML, escaped by construction: callers never write markup, they call
 * `el(name, attrs, ...content)` and every attribute value and text passes
 * through one serializer (fast-xml-parser's XMLBuilder with entity escaping on),
 * which turns & < > " ' into entities and, because attribute-value
 * normalisation would otherwise turn them into spaces, tab/CR/LF into character
 * references. Names are checked against the XML Name production, and values
 * XML 1.0 cannot carry at all (NUL, most C0 controls) are refused with an
 * XmlSpecError naming the field.
 */
import { XMLBuilder, type XmlBuilderOptions } from 'fast-xml-parser';
import { findIllegalXmlChar, isXmlName } from './chars.js';
import type { XmlElement, XmlNode } from './core.js';
import { XmlSpecError } from './errors.js';

/** What a builder call accepts as an attribute value: absent values are skipped. */
export type AttrValue = string | number | boolean | undefined | null;
/** What a builder call accepts as content: elements, text, numbers; falsy entries are skipped. */
export type Content = XmlNode | number | undefined | null | false | readonly Content[];

// The escaping table: the library's default covers & > < ' " (in that order, '&'
// first so nothing is escaped twice); we add the whitespace characters that would
// not survive attribute-value normalisation. `entities` is honoured by the
// builder but missing from its published option type, hence the widening.
const ENTITIES = [
  { regex: /&/g, val: '&amp;' },
  { regex: />/g, val: '&gt;' },
  { regex: /</g, val: '&lt;' },
  { regex: /'/g, val: '&apos;' },
  { regex: /"/g, val: '&quot;' },
  { regex: /\t/g, val: '&#9;' },
  { regex: /\n/g, val: '&#10;' },
  { regex: /\r/g, val: '&#13;' },
];
const options: XmlBuilderOptions & { entities: typeof ENTITIES } = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  processEntities: true,
  entities: ENTITIES,
};
const builder = new XMLBuilder(options);

/** Throws when a value contains a character XML 1.0 cannot carry. */
export function assertXmlSafe(value: string, field: string): void {
  const bad = findIllegalXmlChar(value);
  if (bad) throw new XmlSpecError(field, `contains a control character XML cannot carry (${bad})`);
}

function flatten(content: readonly Content[], out: XmlNode[], where: string): XmlNode[] {
  for (const c of content) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) flatten(c as readonly Content[], out, where);
    else if (typeof c === 'number') out.push(String(c));
    else if (typeof c === 'string') {
      assertXmlSafe(c, `<${where}> text`);
      out.push(c);
    } else out.push(c as XmlElement);
  }
  return out;
}

/** Makes an element; attributes whose value is undefined/null are left out. */
export function el(name: string, attrs: Record<string, AttrValue> = {}, ...content: Content[]): XmlElement {
  if (!isXmlName(name)) throw new XmlSpecError('element', `"${name}" is not a valid XML element name`);
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (!isXmlName(k)) throw new XmlSpecError(`<${name}>`, `"${k}" is not a valid XML attribute name`);
    const s = typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
    assertXmlSafe(s, `<${name} ${k}>`);
    clean[k] = s;
  }
  return { name, attrs: clean, nodes: flatten(content, [], name) };
}

/** An element holding only text: textEl('name', 'vm1') is <name>vm1</name>; undefined gives nothing. */
export function textEl(name: string, text: string | number | undefined, attrs: Record<string, AttrValue> = {}): XmlElement | undefined {
  return text === undefined ? undefined : el(name, attrs, String(text));
}

type Ordered = Record<string, unknown>;

function toOrdered(node: XmlNode): Ordered {
  if (typeof node === 'string') return { '#text': node };
  // Elements and text were checked when built with el(); a tree that came from
  // parseXml was checked when parsed. Re-check anyway: serializing is the last gate.
  if (!isXmlName(node.name)) throw new XmlSpecError('element', `"${node.name}" is not a valid XML element name`);
  for (const [k, v] of Object.entries(node.attrs)) assertXmlSafe(v, `<${node.name} ${k}>`);
  for (const n of node.nodes) if (typeof n === 'string') assertXmlSafe(n, `<${node.name}> text`);
  const out: Ordered = { [node.name]: node.nodes.map(toOrdered) };
  if (Object.keys(node.attrs).length > 0) out[':@'] = { ...node.attrs };
  return out;
}

/** Serializes an element tree to an indented XML string (no declaration: libvirt wants none). */
export function serializeXml(root: XmlElement): string {
  return `${(builder.build([toOrdered(root)]) as string).trim()}\n`;
}

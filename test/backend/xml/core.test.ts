/**
 * The shared core on its own: escaping by construction, refusal of characters
 * XML cannot carry and of DTDs, entity decoding, and unit normalisation.
 * (The same guarantees are checked end to end through libvirt in domain-build.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { childElements, findChild, parseXml, readAttr, readRawText } from '../../../electron/backend/xml/core.js';
import {
  XmlParseError,
  XmlSpecError,
  buildDomainXml,
  buildVolumeXml,
  el,
  parseDomain,
  serializeXml,
  toBytes,
} from '../../../electron/backend/xml/index.js';

const HOSTILE = `<script>&"'</x><y a="1">]]>`;

describe('builder escaping', () => {
  it('cannot be made to emit elements from text or attribute values', () => {
    const xml = serializeXml(el('root', { a: HOSTILE, b: `'"` }, el('child', {}, HOSTILE), HOSTILE));
    const root = parseXml(xml, 'root');
    // Exactly one child element, whatever the values contained.
    expect(childElements(root).map((e) => e.name)).toEqual(['child']);
    expect(readAttr(root, 'a')).toBe(HOSTILE);
    expect(readAttr(root, 'b')).toBe(`'"`);
    expect(readRawText(findChild(root, 'child'))).toBe(HOSTILE);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<y');
  });

  it('keeps tabs and newlines in attribute values (which attribute normalisation would eat)', () => {
    const v = 'a\tb\nc\rd';
    const xml = serializeXml(el('r', { v }, v));
    const root = parseXml(xml, 'r');
    expect(readAttr(root, 'v')).toBe(v);
    expect(readRawText(root)).toBe(v);
  });

  it('refuses control characters XML 1.0 cannot carry, naming the field', () => {
    expect(() => el('r', { a: 'x\u0001y' })).toThrow(XmlSpecError);
    expect(() => el('r', { a: 'x\u0001y' })).toThrow(/<r a>.*U\+0001/);
    expect(() => el('r', {}, 'nul\u0000')).toThrow(/U\+0000/);
    expect(() => el('r', {}, '\uFFFF')).toThrow(/U\+FFFF/);
    expect(() => buildDomainXml({ name: 'ok', memoryMiB: 64, vcpus: 1, description: 'bell\u0007' })).toThrow(/description.*U\+0007/);
  });

  it('refuses element and attribute names that are not XML names', () => {
    expect(() => el('a b')).toThrow(XmlSpecError);
    expect(() => el('a><script')).toThrow(XmlSpecError);
    expect(() => el('r', { 'x="1" y': 'v' })).toThrow(XmlSpecError);
  });

  it('validates names in specs: no "/", no control characters, bounded length', () => {
    const vol = (name: string) => buildVolumeXml({ name, format: 'raw', capacityBytes: 1024 });
    expect(() => vol('a/b')).toThrow(/name: must not contain "\/"/);
    expect(() => vol('a\nb')).toThrow(/control characters/);
    expect(() => vol('x'.repeat(129))).toThrow(/longer than 128/);
    expect(() => vol('')).toThrow(/required/);
    expect(() => vol('..')).toThrow(XmlSpecError);
    // Markup characters are fine in names: they are escaped, not refused.
    expect(parseXml(vol(`<v&'">`), 'volume').nodes.length).toBeGreaterThan(0);
  });
});

describe('parser', () => {
  it('decodes the predefined entities and character references', () => {
    const root = parseXml(`<r a="&lt;&amp;&quot;&apos;&gt;&#65;&#x42;">&lt;b&gt; &#x1F600;</r>`);
    expect(readAttr(root, 'a')).toBe(`<&"'>AB`);
    expect(readRawText(root)).toBe('<b> \u{1F600}');
  });

  it('keeps CDATA literally', () => {
    expect(readRawText(parseXml('<r><![CDATA[&amp; <x>]]></r>'))).toBe('&amp; <x>');
  });

  it('refuses DTDs, so no entity can expand', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>`;
    expect(() => parseXml(bomb)).toThrow(/DOCTYPE/);
    expect(() => parseXml('<r>&undeclared;</r>')).toThrow(/unknown entity/);
    expect(() => parseXml('<r>&#1;</r>')).toThrow(/not allowed in XML 1.0/);
  });

  it('reports malformed documents and wrong roots', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(XmlParseError);
    expect(() => parseXml('<a><b></a>')).toThrow(/line 1/);
    expect(() => parseXml('')).toThrow(/empty/);
    expect(() => parseXml('<pool/>', 'domain')).toThrow(/expected <domain>/);
    expect(() => parseDomain('<domain><uuid>x</uuid></domain>')).toThrow(/no <name>/);
    expect(() => parseXml('<r>\u0002</r>')).toThrow(/U\+0002/);
  });

  it('reads memory in any libvirt unit as KiB', () => {
    const dom = (mem: string) => parseDomain(`<domain type='kvm'><name>n</name><uuid>u</uuid>${mem}<vcpu>1</vcpu></domain>`);
    expect(dom(`<memory unit='MiB'>512</memory>`).memoryKiB).toBe(524288);
    expect(dom(`<memory unit='GiB'>2</memory>`).memoryKiB).toBe(2097152);
    expect(dom(`<memory unit='G'>2</memory>`).memoryKiB).toBe(2097152);
    expect(dom(`<memory unit='bytes'>1048576</memory>`).memoryKiB).toBe(1024);
    expect(dom(`<memory>4096</memory>`).memoryKiB).toBe(4096);
    expect(dom(`<memory unit='MB'>1</memory>`).memoryKiB).toBe(977); // 1,000,000 bytes, rounded up
    expect(() => dom(`<memory unit='parsecs'>1</memory>`)).toThrow(/unknown unit/);
    expect(() => dom(`<memory unit='KiB'>12abc</memory>`)).toThrow(/not a non-negative integer/);
  });

  it('converts storage sizes to bytes', () => {
    expect(toBytes('3', 'KB', 'bytes', 'x')).toBe(3000);
    expect(toBytes('3', 'KiB', 'bytes', 'x')).toBe(3072);
    expect(toBytes('1', 'TiB', 'bytes', 'x')).toBe(2 ** 40);
    expect(toBytes('7', undefined, 'bytes', 'x')).toBe(7);
  });
});

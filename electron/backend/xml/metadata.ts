/**
 * NovaCron's own per-VM data, kept inside the domain XML's <metadata> under our
 * namespace so it travels with the domain (migration, backups, other tools):
 *
 *   <metadata>
 *     <novacron:vm xmlns:novacron="https://novacron.dev/xmlns/vm/1">
 *       <novacron:tags><novacron:tag>web</novacron:tag></novacron:tags>
 *       <novacron:note>free text</novacron:note>
 *       <novacron:template name="debian-12" version="3"/>
 *     </novacron:vm>
 *   </metadata>
 *
 * libvirt's virDomainSetMetadata(VIR_DOMAIN_METADATA_ELEMENT) takes a bare
 * fragment (buildNovacronMetadataXml: <vm><tags>…, no prefix) plus
 * NOVACRON_METADATA_KEY and NOVACRON_METADATA_URI, and virDomainGetMetadata
 * returns one (parseNovacronMetadata); setNovacronMetadata edits a whole domain
 * document instead, for define-time use.
 * Elements are matched by namespace URI, never by prefix: another writer may
 * have picked a different prefix for the same namespace.
 */
import { el, serializeXml, textEl } from './builder.js';
import { childElements, compact, findChild, parseXml, readAttr, readRawText, readText, type XmlElement, type XmlNode } from './core.js';
import { checkName, checkText } from './validate.js';
import { XmlSpecError } from './errors.js';

export const NOVACRON_METADATA_URI = 'https://novacron.dev/xmlns/vm/1';
export const NOVACRON_METADATA_KEY = 'novacron';

export interface NovacronMetadata {
  tags: string[];
  note?: string;
  template?: { name: string; version: string };
}

type Scope = Readonly<Record<string, string>>;

/** The namespace scope inside `e`: its parent's scope plus its own xmlns declarations. */
function scopeOf(e: XmlElement, parent: Scope): Scope {
  const scope: Record<string, string> = { ...parent };
  for (const [k, v] of Object.entries(e.attrs)) {
    if (k === 'xmlns') scope[''] = v;
    else if (k.startsWith('xmlns:')) scope[k.slice(6)] = v;
  }
  return scope;
}

function splitName(name: string): { prefix: string; local: string } {
  const i = name.indexOf(':');
  return i < 0 ? { prefix: '', local: name } : { prefix: name.slice(0, i), local: name.slice(i + 1) };
}

/** The children of `parent` that are {uri}local, each with its own scope. */
function findNamespaced(parent: XmlElement, scope: Scope, local: string): Array<{ e: XmlElement; scope: Scope }> {
  return childElements(parent)
    .map((e) => ({ e, scope: scopeOf(e, scope) }))
    .filter(({ e, scope: s }) => {
      const n = splitName(e.name);
      return n.local === local && s[n.prefix] === NOVACRON_METADATA_URI;
    });
}

/** Reads NovaCron's metadata from a domain's <metadata> element; undefined when we never wrote any. */
export function readNovacronMetadata(domain: XmlElement): NovacronMetadata | undefined {
  const metadata = findChild(domain, 'metadata');
  if (!metadata) return undefined;
  const scope = scopeOf(metadata, scopeOf(domain, {}));
  const vm = findNamespaced(metadata, scope, 'vm')[0];
  if (!vm) return undefined;
  const tags = findNamespaced(vm.e, vm.scope, 'tags').flatMap((t) =>
    findNamespaced(t.e, t.scope, 'tag')
      .map(({ e }) => readText(e))
      .filter((s): s is string => s !== undefined),
  );
  const noteEl = findNamespaced(vm.e, vm.scope, 'note')[0]?.e;
  const template = findNamespaced(vm.e, vm.scope, 'template')[0]?.e;
  return compact({
    tags,
    note: noteEl ? readRawText(noteEl) : undefined,
    template: template ? { name: readAttr(template, 'name') ?? '', version: readAttr(template, 'version') ?? '' } : undefined,
  });
}

/**
 * Parses the fragment virDomainGetMetadata returns: libvirt hands it back
 * without a namespace (<vm><tags>…), the URI having selected it, so unprefixed
 * names are read as ours.
 */
export function parseNovacronMetadata(fragmentXml: string): NovacronMetadata {
  const root = parseXml(fragmentXml);
  const holder: XmlElement = { name: 'metadata', attrs: { xmlns: NOVACRON_METADATA_URI }, nodes: [root] };
  return readNovacronMetadata({ name: 'domain', attrs: {}, nodes: [holder] }) ?? { tags: [] };
}

function checkMetadata(meta: NovacronMetadata): void {
  if (!Array.isArray(meta.tags)) throw new XmlSpecError('metadata.tags', 'must be an array');
  meta.tags.forEach((t, i) => checkName(t, `metadata.tags[${i}]`, 64));
  if (new Set(meta.tags).size !== meta.tags.length) throw new XmlSpecError('metadata.tags', 'contains duplicates');
  if (meta.note !== undefined) checkText(meta.note, 'metadata.note', 16 * 1024);
  if (meta.template) {
    checkName(meta.template.name, 'metadata.template.name');
    checkName(meta.template.version, 'metadata.template.version', 64);
  }
}

/**
 * The <vm> element. With `prefixed`, every name carries the novacron: prefix and
 * the root declares it, so the element stands alone inside a domain document;
 * without, it is the bare fragment virDomainSetMetadata wants (libvirt itself
 * puts the fragment into the namespace given by key and URI, and refuses a
 * fragment that already declares the prefix).
 */
function metadataElement(meta: NovacronMetadata, prefixed: boolean): XmlElement {
  checkMetadata(meta);
  const p = prefixed ? `${NOVACRON_METADATA_KEY}:` : '';
  return el(
    `${p}vm`,
    prefixed ? { [`xmlns:${NOVACRON_METADATA_KEY}`]: NOVACRON_METADATA_URI } : {},
    el(`${p}tags`, {}, ...meta.tags.map((t) => el(`${p}tag`, {}, t))),
    textEl(`${p}note`, meta.note),
    meta.template && el(`${p}template`, { name: meta.template.name, version: meta.template.version }),
  );
}

/** NovaCron's metadata as an element to put inside a domain's <metadata>. */
export function novacronMetadataElement(meta: NovacronMetadata): XmlElement {
  return metadataElement(meta, true);
}

/** The fragment for virDomainSetMetadata(type=ELEMENT, metadata, key=NOVACRON_METADATA_KEY, uri=NOVACRON_METADATA_URI). */
export function buildNovacronMetadataXml(meta: NovacronMetadata): string {
  return serializeXml(metadataElement(meta, false));
}

// Where <metadata> goes when a domain has none: after the identity elements.
const HEAD = ['name', 'uuid', 'genid', 'title', 'description'];

/**
 * Returns `domainXml` with NovaCron's metadata replaced by `meta` (or removed
 * when `meta` is null); everything else, including other applications'
 * metadata, is kept in order.
 */
export function setNovacronMetadata(domainXml: string, meta: NovacronMetadata | null): string {
  const domain = parseXml(domainXml, 'domain');
  const fresh = meta ? novacronMetadataElement(meta) : undefined;
  const old = findChild(domain, 'metadata');
  let nodes: XmlNode[];
  if (old) {
    const scope = scopeOf(old, scopeOf(domain, {}));
    const ours = new Set(findNamespaced(old, scope, 'vm').map(({ e }) => e));
    const kept = old.nodes.filter((n) => typeof n === 'string' || !ours.has(n));
    const updated: XmlElement = { ...old, nodes: fresh ? [...kept, fresh] : kept };
    nodes = domain.nodes.map((n) => (n === old ? updated : n));
  } else if (fresh) {
    const at = domain.nodes.reduce((last, n, i) => (typeof n !== 'string' && HEAD.includes(n.name) ? i + 1 : last), 0);
    nodes = [...domain.nodes.slice(0, at), el('metadata', {}, fresh), ...domain.nodes.slice(at)];
  } else nodes = [...domain.nodes];
  return serializeXml({ ...domain, nodes });
}

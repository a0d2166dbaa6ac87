/**
 * Domain snapshots: the model read from virDomainSnapshotGetXMLDesc and the
 * builder for virDomainSnapshotCreateXML (name, description, and whether the
 * guest's memory is saved).
 */
import { el, serializeXml, textEl } from './builder.js';
import { childElements, compact, findChild, parseXml, readAttr, readIntText, readRawText, readText } from './core.js';
import { XmlParseError } from './errors.js';
import { checkName, checkOneOf, checkText } from './validate.js';

export interface SnapshotModel {
  name: string;
  description?: string;
  /** The domain state when taken: running, shutoff, paused, disk-snapshot, ... */
  state?: string;
  /** Seconds since the epoch. */
  creationTime?: number;
  parent?: string;
  /** internal | external | no */
  memory?: string;
  memoryFile?: string;
  disks: Array<{ name: string; snapshot?: string; type?: string; sourceFile?: string }>;
  /** The domain as it was: its name and uuid from the embedded <domain>. */
  domain?: { name?: string; uuid?: string };
}

/** Parses a snapshot document (snapshot-dumpxml output). */
export function parseSnapshot(xml: string): SnapshotModel {
  const root = parseXml(xml, 'domainsnapshot');
  const name = readText(root, 'name');
  if (!name) throw new XmlParseError('<domainsnapshot> has no <name>');
  const memory = findChild(root, 'memory');
  const domain = findChild(root, 'domain');
  return compact({
    name,
    description: readRawText(findChild(root, 'description')),
    state: readText(root, 'state'),
    creationTime: readIntText(root, 'creationTime'),
    parent: readText(root, 'parent', 'name'),
    memory: readAttr(memory, 'snapshot'),
    memoryFile: readAttr(memory, 'file'),
    disks: childElements(findChild(root, 'disks'), 'disk').map((d) =>
      compact({
        name: readAttr(d, 'name') ?? '',
        snapshot: readAttr(d, 'snapshot'),
        type: readAttr(d, 'type'),
        sourceFile: readAttr(findChild(d, 'source'), 'file'),
      }),
    ),
    domain: domain ? compact({ name: readText(domain, 'name'), uuid: readText(domain, 'uuid') }) : undefined,
  });
}

export interface SnapshotSpec {
  name: string;
  description?: string;
  /** internal: save RAM into the qcow2 image (running guests only); no: disks only. Default no. */
  memory?: 'internal' | 'no';
}

/** Builds a snapshot document for virDomainSnapshotCreateXML. */
export function buildSnapshotXml(spec: SnapshotSpec): string {
  const memory = checkOneOf(spec.memory ?? 'no', 'memory', ['internal', 'no'] as const);
  return serializeXml(
    el(
      'domainsnapshot',
      {},
      textEl('name', checkName(spec.name, 'name')),
      spec.description !== undefined && textEl('description', checkText(spec.description, 'description')),
      el('memory', { snapshot: memory }),
    ),
  );
}

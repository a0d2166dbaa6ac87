/**
 * electron/backend/xml: the one place libvirt XML is parsed and built.
 *
 *   const vm = parseDomain(await getDomainXml(conn, dom));
 *   const xml = buildVolumeXml({ name: 'disk0.qcow2', format: 'qcow2', capacityBytes: 10 * 2 ** 30 });
 *
 * Parsers throw XmlParseError, builders XmlSpecError (with the offending field).
 * Built on fast-xml-parser; see core.ts for why and for the safety settings.
 */
export { XmlParseError, XmlSpecError } from './errors.js';
export { parseXml, type XmlElement, type XmlNode } from './core.js';
export { el, serializeXml } from './builder.js';
export { toBytes, unitFactor } from './units.js';

export { parseDomain, type DomainModel, type DomainOsModel, type Firmware } from './domain.js';
export type { CharDeviceModel, DiskModel, GraphicsModel, InterfaceModel } from './domain-devices.js';
export { buildDomainXml, type DomainSpec } from './domain-build.js';
export { buildCloneDomainXml, buildMovedDomainXml, type CloneSpec } from './domain-clone.js';
export {
  buildCdromXml,
  buildDiskXml,
  buildInterfaceXml,
  type CdromSpec,
  type DiskSource,
  type DiskSpec,
  type InterfaceSpec,
} from './device-build.js';
export {
  NOVACRON_METADATA_KEY,
  NOVACRON_METADATA_URI,
  buildNovacronMetadataXml,
  parseNovacronMetadata,
  setNovacronMetadata,
  type NovacronMetadata,
} from './metadata.js';

export { parsePool, buildPoolXml, type PoolModel, type PoolSpec } from './pool.js';
export { parseVolume, buildVolumeXml, type VolumeModel, type VolumeSpec } from './volume.js';
export { parseNetwork, buildNetworkXml, type NetworkIpModel, type NetworkModel, type NetworkSpec } from './network.js';
export { parseSnapshot, buildSnapshotXml, type SnapshotModel, type SnapshotSpec } from './snapshot.js';
export { parseCapabilities, type CapabilitiesModel, type GuestArchModel } from './capabilities.js';
export {
  parseDomainCapabilities,
  parseStoragePoolCapabilities,
  type DomainCapabilitiesModel,
  type StoragePoolCapabilitiesModel,
} from './domain-capabilities.js';

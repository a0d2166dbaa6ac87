/** vms.xml and the expert vms.defineXml. */
import { api, DefineFlags, DomainXmlFlags, uuidToString, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { parseDomain } from '../xml/index.js';
import { checked, findDomain } from './common.js';

/** The domain XML without secrets: the live definition, or with `inactive` the next boot's. */
export async function readVmXml(c: RpcCaller, uuid: string, inactive: boolean): Promise<string> {
  const dom = await findDomain(c, uuid);
  return api.getDomainXml(c, dom, inactive ? DomainXmlFlags.INACTIVE : 0);
}

/**
 * Redefines the machine from `xml`, validated by libvirt against its schema.
 * The document must name this very machine: a changed name or UUID would
 * define another machine (or rename this one behind the user's back), so it
 * is refused here. libvirt's own refusal passes through with its message.
 */
export async function defineVmXml(c: RpcCaller, uuid: string, xml: string): Promise<string> {
  const dom = await findDomain(c, uuid);
  const model = checked(() => parseDomain(xml));
  const ownUuid = uuidToString(dom.uuid);
  if (!model.uuid) throw new AppError('invalid-input', `The XML has no <uuid>: keep <uuid>${ownUuid}</uuid> so it stays this machine.`);
  if (model.uuid.toLowerCase() !== ownUuid.toLowerCase()) {
    throw new AppError(
      'invalid-input',
      `The XML's <uuid> ${model.uuid} is not this machine's (${ownUuid}); changing it would define a different machine.`,
    );
  }
  if (model.name !== dom.name) {
    throw new AppError(
      'invalid-input',
      `The XML's <name> "${model.name}" is not this machine's ("${dom.name}"); renaming is not done by redefining.`,
    );
  }
  const defined = await api.defineDomain(c, xml, DefineFlags.VALIDATE);
  return api.getDomainXml(c, defined, DomainXmlFlags.INACTIVE);
}

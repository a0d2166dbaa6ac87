/**
 * Creating a pool: from the form's fields (dir, netfs, logical: the XML is
 * built by xml/pool.ts) or from a whole <pool> document for any other type the
 * host's storage driver reports (checked here: it parses, its name follows
 * NovaCron's rule, its paths are absolute without '..', its type is supported).
 * Define, build, start, autostart; a failure after the define undoes it.
 */
import {
  FORM_POOL_TYPES,
  hostPathProblem,
  storageNameProblem,
  type PoolCapabilities,
  type PoolForm,
} from '../../../shared/contract/storage.js';
import { api, isNoStoragePool, PoolBuildFlags, PoolDefineFlags, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { buildPoolXml, parsePool, parseStoragePoolCapabilities } from '../xml/index.js';
import { checkedXml } from './find.js';
import { readPoolRow, type PoolRow } from './pools.js';

export async function readPoolCapabilities(c: RpcCaller): Promise<PoolCapabilities> {
  const model = parseStoragePoolCapabilities(await api.getStoragePoolCapabilities(c));
  return {
    types: model.pools.map((p) => ({
      type: p.type,
      volumeFormats: p.volumeFormats,
      form: (FORM_POOL_TYPES as readonly string[]).includes(p.type),
    })),
  };
}

export interface PoolCreateOptions {
  build: boolean;
  start: boolean;
  autostart: boolean;
}

function invalid(path: string, message: string): AppError {
  return new AppError('invalid-input', `The pool's ${path} ${message}.`, { issues: [{ path, message }] });
}

/** The document to define, and the pool's name and type. */
function poolDocument(form: PoolForm): { xml: string; name: string; type: string } {
  if (form.type !== 'xml') {
    const xml = checkedXml(() =>
      buildPoolXml(
        form.type === 'logical'
          ? { type: 'logical', name: form.name, ...(form.vgName ? { vgName: form.vgName } : {}), devices: form.devices }
          : form,
      ),
    );
    return { xml, name: form.name, type: form.type };
  }
  const model = checkedXml(() => parsePool(form.xml));
  const nameProblem = storageNameProblem(model.name);
  if (nameProblem) throw invalid('name', nameProblem);
  for (const [field, p] of [
    ['target path', model.targetPath],
    ['source directory', model.source.dir],
    ['source device', model.source.device],
  ] as const) {
    const problem = p === undefined ? null : hostPathProblem(p);
    if (problem) throw invalid(field, problem);
  }
  return { xml: form.xml, name: model.name, type: model.type };
}

export async function createPool(c: RpcCaller, form: PoolForm, opts: PoolCreateOptions): Promise<PoolRow> {
  const doc = poolDocument(form);
  const caps = await readPoolCapabilities(c);
  if (!caps.types.some((t) => t.type === doc.type))
    throw invalid('type', `"${doc.type}" is not supported by this host (it supports ${caps.types.map((t) => t.type).join(', ')})`);
  const exists = await api.lookupStoragePoolByName(c, doc.name).then(
    () => true,
    (e: unknown) => {
      if (isNoStoragePool(e)) return false;
      throw e;
    },
  );
  if (exists)
    throw new AppError('conflict', `This host already has a storage pool named "${doc.name}".`, {
      issues: [{ path: 'name', message: 'this name is taken' }],
    });
  const pool = await api.defineStoragePool(c, doc.xml, PoolDefineFlags.VALIDATE);
  try {
    // Never format a device that already holds something: NO_OVERWRITE makes libvirt refuse instead.
    const buildFlags = doc.type === 'dir' || doc.type === 'netfs' ? 0 : PoolBuildFlags.NO_OVERWRITE;
    if (opts.build) await api.buildStoragePool(c, pool, buildFlags);
    if (opts.start) await api.startStoragePool(c, pool);
    if (opts.autostart) await api.setStoragePoolAutostart(c, pool, true);
  } catch (e) {
    // Undo the define (cockpit-machines does the same): a half-made pool is worse than none.
    if (await api.isStoragePoolActive(c, pool).catch(() => false)) await api.stopStoragePool(c, pool).catch(() => undefined);
    await api.undefineStoragePool(c, pool).catch(() => undefined);
    throw e;
  }
  return readPoolRow(c, pool);
}

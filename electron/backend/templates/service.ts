/**
 * The template operations over a library and the hosts' callers: what the
 * app's feature and the CLI both call (each supplies its own environment:
 * the lowdb store and the host registry, or the CLI's file and clients).
 */
import type { Template } from '../../../shared/contract/templates.js';
import type { StreamCaller } from '../../libvirt/index.js';
import { api } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { JobControl } from '../jobs/jobs.js';
import { planInstance, runInstance, type InstanceResult } from './instantiate.js';
import { planTemplateVersion, runTemplateVersion } from './make.js';
import { findTemplate, findVersion, nextVersion } from './names.js';
import type { StoredTemplate, StoredTemplateVersion, TemplateLibrary } from './record.js';
import { describeUsers, findTemplateUsers, type HostCaller } from './users.js';
import { deleteVolumeQuietly, findPool, findVolume } from './volumes.js';

export interface JobInfo {
  connectionId: string;
  subject: { uuid: string; name: string };
  title: string;
}

export interface TemplateEnv {
  library: TemplateLibrary;
  client(connectionId: string): StreamCaller;
  /** The URI a connection id stands for (kept with the template, so the CLI can find its host). */
  uriOf(connectionId: string): string;
  /** The connected hosts, scanned for machines made from a version. */
  hosts(): HostCaller[];
  runJob<R>(info: JobInfo, work: (ctl: JobControl) => Promise<R>): Promise<R>;
}

export async function listTemplates(env: TemplateEnv): Promise<Template[]> {
  const users = await findTemplateUsers(env.hosts());
  return env.library.read().map((t) => ({
    name: t.name,
    connectionId: t.connectionId,
    hostUri: t.hostUri,
    createdAt: t.createdAt,
    versions: t.versions.map(({ definitionXml: _x, diskTarget: _d, ...v }) => ({ ...v, users: users.get(`${t.name}@${v.version}`) ?? [] })),
  }));
}

async function listOne(env: TemplateEnv, name: string): Promise<Template> {
  return (await listTemplates(env)).find((t) => t.name === name)!;
}

export interface FromMachine {
  connectionId: string;
  uuid: string;
  name: string;
  version?: string | undefined;
  description: string;
}

async function addVersion(env: TemplateEnv, i: FromMachine, existing: StoredTemplate | undefined): Promise<Template> {
  if (existing && existing.connectionId !== i.connectionId) {
    throw new AppError(
      'invalid-input',
      `Template "${i.name}" lives on ${existing.hostUri}: publish its new versions from a machine of that host.`,
    );
  }
  const version = i.version ?? nextVersion(existing);
  if (existing?.versions.some((v) => v.version === version)) {
    throw new AppError('conflict', `Template "${i.name}" already has a version "${version}".`);
  }
  const c = env.client(i.connectionId);
  const plan = await planTemplateVersion(c, i.uuid, { name: i.name, version, description: i.description });
  const made = await env.runJob(
    {
      connectionId: i.connectionId,
      subject: { uuid: i.uuid, name: plan.dom.name },
      title: `Template ${i.name}@${version} from ${plan.dom.name}`,
    },
    (ctl) => runTemplateVersion(c, plan, ctl),
  );
  try {
    await env.library.update((all) => {
      const t = all.find((x) => x.name === i.name);
      if (t) {
        if (t.versions.some((v) => v.version === version))
          throw new AppError('conflict', `Template "${i.name}" already has a version "${version}".`);
        t.versions.push(made);
      } else {
        all.push({
          name: i.name,
          connectionId: i.connectionId,
          hostUri: env.uriOf(i.connectionId),
          createdAt: Date.now(),
          versions: [made],
        });
      }
    });
  } catch (e) {
    // Not recorded: the volume would be an orphan nobody can delete through NovaCron.
    const vol = await findVolume(c, await findPool(c, made.pool), made.volume).catch(() => null);
    if (vol) await deleteVolumeQuietly(c, vol).catch(() => undefined);
    throw e;
  }
  return listOne(env, i.name);
}

export function createTemplate(env: TemplateEnv, i: FromMachine): Promise<Template> {
  if (env.library.read().some((t) => t.name === i.name)) {
    return Promise.reject(new AppError('conflict', `A template named "${i.name}" already exists: publish a new version of it instead.`));
  }
  return addVersion(env, i, undefined);
}

export function publishVersion(env: TemplateEnv, i: FromMachine): Promise<Template> {
  return addVersion(env, i, findTemplate(env.library.read(), i.name));
}

export interface InstantiateInput {
  name: string;
  version?: string | undefined;
  newName: string;
  mode: 'linked' | 'full';
  connectionId?: string | undefined;
  pool?: string | undefined;
  start: boolean;
}

export async function instantiateTemplate(env: TemplateEnv, i: InstantiateInput): Promise<InstanceResult & { connectionId: string }> {
  const template = findTemplate(env.library.read(), i.name);
  const version = findVersion(template, i.version);
  const targetId = i.connectionId ?? template.connectionId;
  const plan = await planInstance({
    template,
    version,
    newName: i.newName,
    mode: i.mode,
    start: i.start,
    source: env.client(template.connectionId),
    target: env.client(targetId),
    targetId,
    poolName: i.pool ?? version.pool,
  });
  const label = `${template.name}@${version.version}`;
  const result = await env.runJob(
    { connectionId: targetId, subject: { uuid: '', name: i.newName }, title: `Create ${i.newName} from template ${label} (${i.mode})` },
    (ctl) => runInstance(plan, ctl),
  );
  if (result.madeCopy) {
    const copy = { connectionId: targetId, ...result.madeCopy };
    await env.library.update((all) => {
      all
        .find((t) => t.name === template.name)
        ?.versions.find((v) => v.version === version.version)
        ?.copies.push(copy);
    });
  }
  return { ...result, connectionId: targetId };
}

/** Deletes a version's volumes (the original and its copies); returns "pool/volume" of each deleted. */
async function deleteVersionVolumes(env: TemplateEnv, t: StoredTemplate, v: StoredTemplateVersion): Promise<string[]> {
  const deleted: string[] = [];
  const places = [{ connectionId: t.connectionId, pool: v.pool, volume: v.volume }, ...v.copies];
  for (const p of places) {
    const c = env.client(p.connectionId);
    const vol = await findVolume(c, await findPool(c, p.pool), p.volume);
    if (vol) await api.deleteStorageVolume(c, vol);
    deleted.push(`${p.pool}/${p.volume}`);
  }
  return deleted;
}

async function refuseUsed(env: TemplateEnv, t: StoredTemplate, versions: StoredTemplateVersion[]): Promise<void> {
  const users = await findTemplateUsers(env.hosts());
  for (const v of versions) {
    const using = users.get(`${t.name}@${v.version}`) ?? [];
    if (using.length) {
      throw new AppError(
        'operation-invalid',
        `Version ${v.version} of template "${t.name}" is still used by ${using.length === 1 ? 'the machine' : 'the machines'} ${describeUsers(using)}: delete ${using.length === 1 ? 'it' : 'them'} first.`,
      );
    }
  }
}

/** Every host a version's volumes live on must be connected: a volume left behind would be forgotten. */
function assertHostsConnected(env: TemplateEnv, t: StoredTemplate, versions: StoredTemplateVersion[]): void {
  for (const v of versions) for (const p of [{ connectionId: t.connectionId }, ...v.copies]) env.client(p.connectionId);
}

export async function deleteTemplateVersion(env: TemplateEnv, name: string, version: string): Promise<string[]> {
  const t = findTemplate(env.library.read(), name);
  const v = findVersion(t, version);
  assertHostsConnected(env, t, [v]);
  await refuseUsed(env, t, [v]);
  const deleted = await deleteVersionVolumes(env, t, v);
  await env.library.update((all) => {
    const at = all.findIndex((x) => x.name === name);
    if (at < 0) return;
    all[at]!.versions = all[at]!.versions.filter((x) => x.version !== version);
    // A template without versions has nothing to make a machine from.
    if (all[at]!.versions.length === 0) all.splice(at, 1);
  });
  return deleted;
}

export async function deleteTemplate(env: TemplateEnv, name: string): Promise<string[]> {
  const t = findTemplate(env.library.read(), name);
  assertHostsConnected(env, t, t.versions);
  await refuseUsed(env, t, t.versions);
  const deleted: string[] = [];
  for (const v of t.versions) {
    deleted.push(...(await deleteVersionVolumes(env, t, v)));
    await env.library.update((all) => {
      const x = all.find((y) => y.name === name);
      if (x) x.versions = x.versions.filter((y) => y.version !== v.version);
    });
  }
  await env.library.update((all) => {
    const at = all.findIndex((x) => x.name === name);
    if (at >= 0) all.splice(at, 1);
  });
  return deleted;
}

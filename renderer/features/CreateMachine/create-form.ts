/**
 * The wizard's form: its values, the request they make, and every problem
 * with them keyed by field, so each step shows its own and the wizard does
 * not move on past one. The request goes through the contract's own schema
 * (the backend checks it again, and checks the host: name clash, room).
 */
import type { MethodInput } from '../../../shared/api';
import { CreateVmInput, type CreateChoices } from '../../../shared/contract/vm-create';

export type DiskKind = 'new-volume' | 'volume' | 'iso' | 'cloud-image' | 'none';

export interface CreateForm {
  connectionId: string | null;
  name: string;
  vcpus: number | string;
  memoryMiB: number | string;
  virtType: 'kvm' | 'qemu' | null;
  firmware: 'bios' | 'efi';
  diskKind: DiskKind;
  pool: string | null;
  /** New disk size in GiB; for a cloud image empty means the image's own size. */
  sizeGiB: number | string;
  format: 'qcow2' | 'raw';
  volume: string | null;
  isoPool: string | null;
  isoVolume: string | null;
  image: string | null;
  ciUser: string;
  ciKey: string;
  ciHostname: string;
  network: string | null;
  start: boolean;
}

export const EMPTY_FORM: CreateForm = {
  connectionId: null,
  name: '',
  vcpus: 1,
  memoryMiB: 1024,
  virtType: null,
  firmware: 'bios',
  diskKind: 'new-volume',
  pool: null,
  sizeGiB: 10,
  format: 'qcow2',
  volume: null,
  isoPool: null,
  isoVolume: null,
  image: null,
  ciUser: '',
  ciKey: '',
  ciHostname: '',
  network: null,
  start: true,
};

/** Values that work on the host just chosen: its default accelerator, an active pool and network, memory it has. */
export function defaultsFor(form: CreateForm, ch: CreateChoices): CreateForm {
  const pool = ch.pools.find((p) => p.active)?.name ?? null;
  return {
    ...form,
    virtType: ch.defaultVirtType,
    firmware: 'bios',
    memoryMiB: Math.min(Number(form.memoryMiB) || 1024, Math.floor(ch.hostMemoryKiB / 1024)),
    pool,
    isoPool: pool,
    volume: null,
    isoVolume: null,
    image: null,
    network: ch.networks.find((n) => n.active)?.name ?? null,
  };
}

const GiB = 2 ** 30;
const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v));

export type CreateRequest = MethodInput<'vms.create'>;

/** The request these values make (unchecked: see problemsOf). */
export function toRequest(f: CreateForm): CreateRequest {
  const size = Math.round(num(f.sizeGiB) * GiB);
  const disk = (): CreateRequest['disk'] => {
    switch (f.diskKind) {
      case 'new-volume':
        return { kind: 'new-volume', pool: f.pool ?? '', capacityBytes: size, format: f.format };
      case 'volume':
        return { kind: 'volume', pool: f.pool ?? '', volume: f.volume ?? '' };
      case 'iso':
        return {
          kind: 'iso',
          pool: f.pool ?? '',
          capacityBytes: size,
          format: f.format,
          isoPool: f.isoPool ?? '',
          isoVolume: f.isoVolume ?? '',
        };
      case 'cloud-image':
        return {
          kind: 'cloud-image',
          pool: f.pool ?? '',
          image: f.image ?? '',
          ...(String(f.sizeGiB).trim() === '' ? {} : { capacityBytes: size }),
          cloudInit: { user: f.ciUser, hostname: f.ciHostname, ...(f.ciKey.trim() ? { sshKey: f.ciKey } : {}) },
        };
      case 'none':
        return { kind: 'none' };
    }
  };
  return {
    connectionId: f.connectionId ?? '',
    name: f.name,
    vcpus: num(f.vcpus),
    memoryKiB: Math.round(num(f.memoryMiB) * 1024),
    ...(f.virtType ? { virtType: f.virtType } : {}),
    firmware: f.firmware,
    disk: disk(),
    ...(f.network ? { network: f.network } : {}),
    start: f.start,
  };
}

/** The schema's paths, in the form's own field names. */
const FIELD_OF: Record<string, keyof CreateForm> = {
  connectionId: 'connectionId',
  name: 'name',
  vcpus: 'vcpus',
  memoryKiB: 'memoryMiB',
  'disk.pool': 'pool',
  'disk.capacityBytes': 'sizeGiB',
  'disk.volume': 'volume',
  'disk.isoPool': 'isoPool',
  'disk.isoVolume': 'isoVolume',
  'disk.image': 'image',
  'disk.cloudInit.user': 'ciUser',
  'disk.cloudInit.sshKey': 'ciKey',
  'disk.cloudInit.hostname': 'ciHostname',
  network: 'network',
};

export type Problems = Partial<Record<keyof CreateForm, string>>;

export function problemsOf(f: CreateForm, ch: CreateChoices | undefined): Problems {
  const out: Problems = {};
  const say = (k: keyof CreateForm, m: string) => (out[k] ??= m);
  if (!f.connectionId) say('connectionId', 'Pick a connected host');
  const parsed = CreateVmInput.safeParse(toRequest(f));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF[issue.path.join('.')];
      const message = issue.code === 'invalid_type' || /expected (number|string)/i.test(issue.message) ? 'Required' : issue.message;
      if (field) say(field, field === 'pool' || field.endsWith('olume') || field === 'image' ? 'Pick one' : message);
    }
  }
  if (f.name.includes('/')) say('name', 'A name cannot contain "/"');
  if (!ch) return out;
  if (ch.takenNames.includes(f.name.trim())) say('name', `A machine named "${f.name.trim()}" already exists on this host`);
  const virt = ch.virtTypes.find((v) => v.type === f.virtType);
  if (!virt) say('virtType', 'Pick an accelerator this host has');
  if (virt?.maxVcpus && num(f.vcpus) > virt.maxVcpus) say('vcpus', `At most ${virt.maxVcpus} on this host`);
  const hostMiB = Math.floor(ch.hostMemoryKiB / 1024);
  if (num(f.memoryMiB) > hostMiB) say('memoryMiB', `The host has ${hostMiB} MiB`);
  if (!Number.isInteger(num(f.memoryMiB))) say('memoryMiB', 'A whole number of MiB');
  if (virt && !virt.firmwares.includes(f.firmware)) say('firmware', 'This host has no UEFI firmware (OVMF)');
  const pool = ch.pools.find((p) => p.name === f.pool);
  const newBytes = f.diskKind === 'new-volume' || f.diskKind === 'iso' ? num(f.sizeGiB) * GiB : 0;
  if (pool && newBytes > pool.availableBytes) say('sizeGiB', `The pool has ${(pool.availableBytes / GiB).toFixed(1)} GiB free`);
  if (f.diskKind === 'cloud-image' && pool && f.image) {
    const img = pool.volumes.find((v) => v.name === f.image);
    const size = String(f.sizeGiB).trim() === '' ? (img?.capacityBytes ?? 0) : num(f.sizeGiB) * GiB;
    if (img && size < img.capacityBytes) say('sizeGiB', `At least the image's ${(img.capacityBytes / GiB).toFixed(2)} GiB`);
    if (size > pool.availableBytes) say('sizeGiB', `The pool has ${(pool.availableBytes / GiB).toFixed(1)} GiB free`);
  }
  return out;
}

/** Which step shows each field (the wizard stops on the first step with a problem). */
export const STEP_FIELDS: Array<Array<keyof CreateForm>> = [
  ['connectionId', 'name'],
  ['vcpus', 'memoryMiB', 'virtType', 'firmware'],
  ['pool', 'sizeGiB', 'format', 'volume', 'isoPool', 'isoVolume', 'image', 'ciUser', 'ciKey', 'ciHostname'],
  ['network', 'start'],
];

export const stepHasProblem = (step: number, p: Problems) => (STEP_FIELDS[step] ?? []).some((k) => p[k] !== undefined);

/**
 * Creating machines against the lab: the choices a host offers, every
 * refusal (taken name, pool without room, missing volume/pool/network,
 * vcpus 0, memory beyond the host, a name libvirt refuses) changing nothing,
 * a machine with XML and shell metacharacters in its name, the cloud-image
 * path (an overlay on the lab's bootable image + a cloud-init seed uploaded
 * through libvirt) booting to its console, the job through the backend, and
 * rollback when defining or starting fails or the job is cancelled.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, uuidToString, type LibvirtClient } from '../../electron/libvirt/index.js';
import { createLocalControl } from '../../electron/backend/jobs/jobs.js';
import { readCreateChoices } from '../../electron/backend/vms/create/choices.js';
import { planVmCreate } from '../../electron/backend/vms/create/plan.js';
import { runVmCreate } from '../../electron/backend/vms/create/run.js';
import { parseDomain } from '../../electron/backend/xml/index.js';
import { buildIsoImage } from '../../electron/backend/vms/create/iso9660.js';
import type { CreateVmInput } from '../../shared/contract/vm-create.js';
import type { Job } from '../../shared/contract/jobs.js';
import { GuestConsole } from '../helpers/guest-console.js';
import { connectLab, lab, uniqueName, virsh } from '../helpers/lab.js';
import { startTestBackend, type TestBackend } from '../backend/helpers.js';
import { poolVolumes, refusal, remember, sweep } from './helpers.js';

let c: LibvirtClient;
let t: TestBackend | undefined;
const bootable = String(lab?.['bootableVolume'] ?? 'nc-bootable.qcow2');
const virtType = lab?.accel === 'kvm' ? 'kvm' : 'qemu';

beforeAll(async () => {
  if (!lab) return;
  c = await connectLab();
}, 60_000);

afterAll(async () => {
  if (!lab) return;
  await t?.close();
  await sweep(c);
  await c?.close();
}, 120_000);

type Req = Omit<CreateVmInput, 'connectionId'>;
const base = (name: string, over: Partial<Req> = {}): Req => ({
  name,
  vcpus: 1,
  memoryKiB: 128 * 1024,
  firmware: 'bios',
  virtType,
  disk: { kind: 'new-volume', pool: lab!.pool, capacityBytes: 8 << 20, format: 'qcow2' },
  start: false,
  ...over,
});
const domains = () => virsh(['list', '--all', '--name']).split('\n');
/** Creates through the core, as the CLI does; the name is swept afterwards. */
async function create(req: Req, ctl = createLocalControl()) {
  remember(req.name);
  return runVmCreate(c, await planVmCreate(c, req), ctl);
}

describe.skipIf(!lab)('create a machine (lab)', () => {
  it('lists what the host offers: pools with sized volumes, networks, accelerators, limits', async () => {
    const ch = await readCreateChoices(c);
    const pool = ch.pools.find((p) => p.name === lab!.pool);
    expect(pool?.active).toBe(true);
    const img = pool?.volumes.find((v) => v.name === bootable);
    expect(img, `the lab pool has no ${bootable}: run lab.sh up`).toMatchObject({ format: 'qcow2' });
    expect(img!.capacityBytes).toBe(Number(/Capacity:\s+(\d+)/.exec(virsh(['vol-info', '--bytes', '--pool', lab!.pool, bootable]))![1]));
    expect(ch.networks).toContainEqual({ name: lab!.network, active: true });
    const q = ch.virtTypes.find((v) => v.type === 'qemu');
    expect(q?.emulator).toBe(/<path>([^<]+)<\/path>/.exec(virsh(['domcapabilities', '--virttype', 'qemu']))![1]);
    expect(q?.machine).toBe(/<machine>([^<]+)<\/machine>/.exec(virsh(['domcapabilities', '--virttype', 'qemu']))![1]);
    expect(q?.firmwares).toContain('bios');
    expect(ch.hostMemoryKiB).toBe(Number(/Memory size:\s+(\d+) KiB/.exec(virsh(['nodeinfo']))![1]));
    expect(ch.takenNames).toContain(lab!.runningGuest);
  });

  it('refuses a bad request with a clear message and leaves nothing behind', async () => {
    const name = uniqueName('refused');
    const cases: Array<[Req, string, RegExp]> = [
      [base(lab!.runningGuest), 'conflict', /already exists/],
      [
        base(name, { disk: { kind: 'new-volume', pool: lab!.pool, capacityBytes: 2 ** 49, format: 'qcow2' } }),
        'invalid-input',
        /do not fit/,
      ],
      [base(name, { disk: { kind: 'volume', pool: lab!.pool, volume: `${name}-missing.qcow2` } }), 'not-found', /has no volume/],
      [
        base(name, { disk: { kind: 'new-volume', pool: `${name}-pool`, capacityBytes: 8 << 20, format: 'raw' } }),
        'not-found',
        /no storage pool/,
      ],
      [base(name, { network: `${name}-net` }), 'not-found', /no network/],
      [base(name, { vcpus: 0 }), 'invalid-input', /at least 1 vCPU/],
      [base(name, { vcpus: 100_000 }), 'invalid-input', /at most \d+ vCPUs/],
      [base(name, { memoryKiB: 2 ** 40 }), 'invalid-input', /does not fit/],
      [base(name, { memoryKiB: 128 * 1024 + 1 }), 'invalid-input', /whole number of MiB/],
      [base('a/b'), 'invalid-input', /"\/"/],
      [
        base(name, {
          disk: { kind: 'cloud-image', pool: lab!.pool, image: bootable, capacityBytes: 1 << 20, cloudInit: { user: 'u', hostname: 'h' } },
        }),
        'invalid-input',
        /smaller than its image/,
      ],
    ];
    for (const [req, code, msg] of cases) {
      const e = await refusal(planVmCreate(c, req));
      expect([req.name, e.code, e.message]).toEqual([req.name, code, expect.stringMatching(msg)]);
    }
    // a clash on the disk's volume name: the machine name is free, its volume's is not
    const clash = uniqueName('clash');
    remember(clash);
    const pool = await api.lookupStoragePoolByName(c, lab!.pool);
    await api.createStorageVolume(
      c,
      pool,
      `<volume><name>${clash}.qcow2</name><capacity>1048576</capacity><target><format type='qcow2'/></target></volume>`,
    );
    expect((await refusal(planVmCreate(c, base(clash)))).message).toMatch(/already has a volume/);
    expect(domains()).not.toContain(name);
    expect(poolVolumes(name)).toEqual([]);
    expect(poolVolumes(clash)).toEqual([`${clash}.qcow2`]);
  });

  it('creates a machine whose name has XML and shell metacharacters, with a new disk and a NIC', async () => {
    // no spaces: the sweep reads virsh vol-list's columns
    const name = `${uniqueName('meta')}<&>'"$(id);\`x\`|*?`;
    const made = await create(base(name, { vcpus: 2, memoryKiB: 96 * 1024, network: lab!.network }));
    expect(made).toMatchObject({ name, started: false, createdVolumes: 1 });
    const xml = virsh(['dumpxml', '--inactive', made.uuid]);
    const d = parseDomain(xml);
    expect(d.name).toBe(name);
    expect(d.uuid).toBe(made.uuid);
    expect(d.type).toBe(virtType);
    expect(d.vcpu).toEqual({ current: 2, max: 2 });
    expect(xml).toContain("<memory unit='KiB'>98304</memory>");
    expect(d.disks.map((x) => [x.device, x.targetDev, x.path])).toEqual([['disk', 'vda', `${lab!.poolPath}/${name}.qcow2`]]);
    expect(d.interfaces.map((n) => [n.type, n.source.network])).toEqual([['network', lab!.network]]);
    expect(virsh(['vol-info', '--pool', lab!.pool, `${name}.qcow2`])).toMatch(/Capacity:\s+8\.00 MiB/);
    expect(virsh(['domstate', made.uuid]).trim()).toBe('shut off');
  });

  it('creates from a cloud image: a qcow2 overlay and a cidata seed, boots from the disk and its console answers', async () => {
    const name = uniqueName('cloud');
    const key = String(lab!['hostKey']);
    const made = await create(
      base(name, {
        disk: { kind: 'cloud-image', pool: lab!.pool, image: bootable, cloudInit: { user: 'ops', sshKey: key, hostname: 'web-1' } },
        network: lab!.network,
        start: true,
      }),
    );
    expect(made).toMatchObject({ started: true, createdVolumes: 2 });
    const overlay = virsh(['vol-dumpxml', '--pool', lab!.pool, `${name}.qcow2`]);
    expect(overlay).toContain(`<path>${lab!.poolPath}/${bootable}</path>`);
    const seedPath = `${lab!.poolPath}/${name}-cidata.iso`;
    const isoinfo = (args: string[]) => execFileSync('isoinfo', [...args, '-i', seedPath], { encoding: 'utf8' });
    expect(isoinfo(['-d'])).toMatch(/Volume id: cidata\n/);
    expect(isoinfo(['-J', '-x', '/meta-data'])).toContain(`instance-id: "${made.uuid}"`);
    expect(isoinfo(['-J', '-x', '/user-data'])).toContain(`- "${key}"`);
    const d = parseDomain(virsh(['dumpxml', made.uuid]));
    expect(d.disks.map((x) => [x.device, x.path])).toEqual([
      ['disk', `${lab!.poolPath}/${name}.qcow2`],
      ['cdrom', seedPath],
    ]);
    const dom = await api.lookupDomainByUuid(c, made.uuid);
    const con = await GuestConsole.open(c, dom);
    try {
      await con.run('echo CR$((40+2))EATED', 'CR42EATED', 150_000);
      expect(con.output).toContain('nc-bootable#');
    } finally {
      await con.close();
    }
  }, 240_000);

  it('installs from an ISO volume (booted first, a new disk beside it), and makes a machine with no disk', async () => {
    const name = uniqueName('iso');
    remember(name);
    // an ISO volume of our own, uploaded through the same stream the seed uses
    const pool = await api.lookupStoragePoolByName(c, lab!.pool);
    const iso = buildIsoImage([{ name: 'README', data: Buffer.from('install me\n') }], { volumeId: 'INSTALL' });
    const vol = await api.createStorageVolume(
      c,
      pool,
      `<volume><name>${name}-install.iso</name><capacity>${iso.length}</capacity><target><format type='raw'/></target></volume>`,
    );
    await api.uploadVolume(c, vol, [iso]);
    const made = await create(
      base(name, {
        disk: { kind: 'iso', pool: lab!.pool, capacityBytes: 8 << 20, format: 'raw', isoPool: lab!.pool, isoVolume: `${name}-install.iso` },
      }),
    );
    expect(made.createdVolumes).toBe(1);
    const d = parseDomain(virsh(['dumpxml', '--inactive', made.uuid]));
    expect(d.os.bootDevices).toEqual(['cdrom', 'hd']);
    expect(d.disks.map((x) => [x.device, x.format, x.path])).toEqual([
      ['disk', 'raw', `${lab!.poolPath}/${name}.raw`],
      ['cdrom', 'raw', `${lab!.poolPath}/${name}-install.iso`],
    ]);
    const bare = `${name}-bare`;
    const none = await create(base(bare, { disk: { kind: 'none' }, network: lab!.network }));
    expect(none.createdVolumes).toBe(0);
    const b = parseDomain(virsh(['dumpxml', '--inactive', none.uuid]));
    expect([b.disks, b.os.bootDevices]).toEqual([[], ['network', 'hd']]);
    expect(poolVolumes(bare)).toEqual([]);
  });

  it('runs as a job through the backend, with its phases, and validates the input first', async () => {
    t = await startTestBackend();
    const conn = await t.call('connections.add', { name: 'lab', uri: lab!.system });
    await t.call('connections.connect', { id: conn.id });
    const bad = await t.fail('vms.create', { connectionId: conn.id, ...base(uniqueName('zod'), { vcpus: 0 }) });
    expect(bad.code).toBe('invalid-input');
    const name = uniqueName('job');
    remember(name);
    const from = t.events.mark();
    const job = await t.call('vms.create', { connectionId: conn.id, ...base(name) });
    expect(job).toMatchObject({ kind: 'create', subject: { name } });
    const done = await t.events.waitFor<Job>('job.changed', (j) => j.id === job.id && j.state !== 'running', 60_000, from);
    expect(done.state).toBe('succeeded');
    expect(done.result).toMatchObject({ name, uuid: job.subject.uuid, started: false });
    const phases = t.events.events
      .filter((e) => e.seq >= from && e.name === 'job.changed' && (e.payload as Job).id === job.id)
      .map((e) => (e.payload as Job).phase);
    expect(phases).toEqual(expect.arrayContaining([`creating volume ${name}.qcow2`, 'defining']));
    expect(uuidToString((await api.lookupDomainByName(c, name)).uuid)).toBe(job.subject.uuid);
  }, 90_000);

  it('rolls back when defining fails: its new volumes are deleted', async () => {
    const name = uniqueName('rbdef');
    remember(name);
    const plan = await planVmCreate(
      c,
      base(name, { disk: { kind: 'cloud-image', pool: lab!.pool, image: bootable, cloudInit: { user: 'u', hostname: 'h' } } }),
    );
    plan.virt = { ...plan.virt, emulator: '/nonexistent/qemu-system-x86_64' };
    const phases: string[] = [];
    const e = await runVmCreate(
      c,
      plan,
      createLocalControl((p) => p.phase && phases.push(p.phase)),
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect(phases).toEqual(
      expect.arrayContaining([`creating volume ${name}.qcow2`, `uploading seed ${name}-cidata.iso`, 'defining', 'rolling back']),
    );
    expect(domains()).not.toContain(name);
    expect(poolVolumes(name)).toEqual([]);
  });

  it('rolls back when starting fails: the machine is undefined and its volume deleted', async () => {
    const name = uniqueName('rbstart');
    remember(name);
    const plan = await planVmCreate(c, base(name, { start: true }));
    plan.cdroms = [{ kind: 'existing', path: `${lab!.poolPath}/${name}-absent.iso`, format: 'raw' }];
    const e = await runVmCreate(c, plan, createLocalControl()).catch((x: unknown) => x);
    expect(String(e)).toMatch(/absent\.iso/);
    expect(domains()).not.toContain(name);
    expect(poolVolumes(name)).toEqual([]);
  });

  it('a cancel before the first phase creates nothing', async () => {
    const name = uniqueName('cancel');
    remember(name);
    const plan = await planVmCreate(c, base(name));
    const abort = new AbortController();
    abort.abort();
    const e = await runVmCreate(c, plan, { signal: abort.signal, update: () => undefined }).catch((x: unknown) => x);
    expect(String(e)).toMatch(/cancelled/);
    expect(domains()).not.toContain(name);
    expect(poolVolumes(name)).toEqual([]);
  });
});

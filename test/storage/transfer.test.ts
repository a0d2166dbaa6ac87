/**
 * The transfer cores against the lab over qemu+ssh: uploads into new and existing volumes,
 * sparse both ways, downloads compared by sha256, the refusals that come before any byte is
 * sent, and the rollback of a cancelled upload and of one whose connection died.
 */
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/backend/errors.js';
import { downloadFromVolume } from '../../electron/backend/storage/transfer/download.js';
import { checkUpload } from '../../electron/backend/storage/transfer/target.js';
import { uploadToVolume } from '../../electron/backend/storage/transfer/upload.js';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { connectLab, lab, uniqueName, virsh, virshQuiet } from '../helpers/lab.js';
import { chunks, layout, MiB, sha256, volumeExists, volumeInfo, volumeXml } from './transfer-helpers.js';

describe.skipIf(!lab)('volume transfer cores over qemu+ssh', () => {
  const L = lab!;
  let c: LibvirtClient;
  const made: string[] = [];
  const fresh = (what: string) => {
    const n = `${uniqueName(what)}.img`;
    made.push(n);
    return n;
  };

  async function download(client: LibvirtClient, name: string): Promise<{ bytes: Buffer; holeBytes: number }> {
    const parts: Buffer[] = [];
    const r = await downloadFromVolume(
      client,
      { pool: L.pool, name },
      { data: (b) => void parts.push(Buffer.from(b)), hole: (n) => void parts.push(Buffer.alloc(n)) },
    );
    return { bytes: Buffer.concat(parts), holeBytes: r.holeBytes };
  }

  beforeAll(async () => {
    c = await connectLab('ssh');
  });

  afterAll(async () => {
    for (const n of made) virshQuiet(['vol-delete', '--pool', L.pool, n]);
    await c?.close();
  });

  it('uploads random bytes into a new raw volume sized to them and downloads them back byte-identical', async () => {
    const name = fresh('tx-rand');
    const data = layout([['data', 3 * MiB + 12345]]);
    const seen: number[] = [];
    const r = await uploadToVolume(c, { pool: L.pool, name, size: data.length }, chunks(data), {
      onProgress: (p) => seen.push(p.done),
    });
    expect(r).toMatchObject({ pool: L.pool, name, bytes: data.length, created: true });
    expect(seen.at(-1)).toBe(data.length);
    expect(volumeInfo(name).capacity).toBe(data.length);
    expect(volumeXml(name)).toMatch(/<format type=['"]raw['"]/);
    const back = await download(c, name);
    expect(back.bytes.length).toBe(data.length);
    expect(sha256(back.bytes)).toBe(sha256(data));
  });

  it('sends long zero runs as holes: the volume stays sparse on the host and comes back identical', async () => {
    const name = fresh('tx-sparse');
    // Ends in a hole, so the daemon must extend the file for it (lseek + ftruncate).
    const data = layout([
      ['data', 512 * 1024],
      ['zero', 6 * MiB],
      ['data', 100 * 1024 + 7],
      ['zero', 3 * MiB],
    ]);
    const r = await uploadToVolume(c, { pool: L.pool, name, size: data.length }, chunks(data, 700 * 1024));
    expect(r.sparse).toBe(true);
    expect(r.holeBytes).toBeGreaterThan(8 * MiB);
    const info = volumeInfo(name);
    expect(info.capacity).toBe(data.length);
    // Only the data blocks are allocated (a few blocks of slack for the filesystem).
    expect(info.allocation).toBeLessThan(1 * MiB);
    const back = await download(c, name);
    expect(back.holeBytes).toBeGreaterThan(8 * MiB);
    expect(sha256(back.bytes)).toBe(sha256(data));
  });

  it('without sparse the same bytes are written in full', async () => {
    const name = fresh('tx-dense');
    const data = layout([
      ['data', 64 * 1024],
      ['zero', 2 * MiB],
    ]);
    const r = await uploadToVolume(c, { pool: L.pool, name, size: data.length, sparse: false }, chunks(data));
    expect(r).toMatchObject({ sparse: false, holeBytes: 0 });
    expect(volumeInfo(name).allocation).toBeGreaterThanOrEqual(data.length);
    expect(sha256((await download(c, name)).bytes)).toBe(sha256(data));
  });

  it('refuses bad names, an empty file and a file larger than the pool before creating anything', async () => {
    const before = virsh(['vol-list', '--pool', L.pool]);
    for (const bad of ['../escape.img', 'a/b.img', 'x<y>.img', "q'uote.img", '$(id).img', 'semi;colon', '.hidden', '-rf', 'sp ace.img']) {
      const err = await uploadToVolume(c, { pool: L.pool, name: bad, size: 10 }, chunks(Buffer.alloc(10))).catch((e: unknown) => e);
      expect(err, bad).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('invalid-input');
      expect((err as AppError).message).toMatch(/Invalid volume name/);
    }
    const empty = uniqueName('tx-empty');
    const e0 = await uploadToVolume(c, { pool: L.pool, name: empty, size: 0 }, chunks(Buffer.alloc(0))).catch((e: unknown) => e);
    expect((e0 as AppError).message).toMatch(/empty/);

    const huge = uniqueName('tx-huge');
    const check = await checkUpload(c, { pool: L.pool, name: huge, size: 1 });
    const tooBig = check.available + 1024 * MiB;
    const e1 = await uploadToVolume(c, { pool: L.pool, name: huge, size: tooBig }, chunks(Buffer.alloc(1))).catch((e: unknown) => e);
    expect((e1 as AppError).code).toBe('invalid-input');
    expect((e1 as AppError).message).toMatch(/does not fit in the pool/);
    expect(volumeExists(empty)).toBe(false);
    expect(volumeExists(huge)).toBe(false);
    expect(virsh(['vol-list', '--pool', L.pool])).toBe(before);
  });

  it('a cancelled upload deletes the volume it created', async () => {
    const name = fresh('tx-cancel');
    const data = layout([['data', 24 * MiB]]);
    const abort = new AbortController();
    const err = await uploadToVolume(
      c,
      { pool: L.pool, name, size: data.length },
      chunks(data, MiB, (sent) => {
        if (sent >= 4 * MiB) abort.abort();
      }),
      { signal: abort.signal },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/cancelled/);
    expect(volumeExists(name)).toBe(false);
    // The connection is still good for the next transfer.
    expect((await checkUpload(c, { pool: L.pool, name, size: 1 })).problem).toBeNull();
  });

  it('a connection that dies mid-upload: the volume it created is deleted through a fresh connection', async () => {
    const name = fresh('tx-cut');
    const doomed = await connectLab('ssh');
    const data = layout([['data', 24 * MiB]]);
    let cut = false;
    const err = await uploadToVolume(
      doomed,
      { pool: L.pool, name, size: data.length },
      chunks(data, MiB, (sent) => {
        if (sent >= 4 * MiB && !cut) {
          cut = true;
          // The link drops under the stream (as a dead network would): no goodbye to the daemon.
          (doomed as unknown as { channel: { stream: Duplex } }).channel.stream.destroy();
        }
      }),
      { reopen: () => connectLab('ssh') },
    ).catch((e: unknown) => e);
    expect(cut).toBe(true);
    expect(err).toBeInstanceOf(Error);
    expect(volumeExists(name)).toBe(false);
    await doomed.close().catch(() => undefined);
  });

  it('an existing volume needs overwrite, and one left half-written is reported as partial', async () => {
    const name = fresh('tx-exist');
    virsh(['vol-create-as', L.pool, name, String(4 * MiB), '--format', 'raw']);
    const data = layout([['data', 2 * MiB]]);
    const refused = await uploadToVolume(c, { pool: L.pool, name, size: data.length }, chunks(data)).catch((e: unknown) => e);
    expect((refused as AppError).code).toBe('conflict');

    // Announces 2 MiB, gives 1 MiB: the stream is aborted, and the existing volume is not deleted.
    const short = await uploadToVolume(c, { pool: L.pool, name, size: data.length, overwrite: true }, chunks(data.subarray(0, MiB))).catch(
      (e: unknown) => e,
    );
    expect((short as AppError).message).toMatch(/PARTIAL/);
    expect(volumeExists(name)).toBe(true);

    const r = await uploadToVolume(c, { pool: L.pool, name, size: data.length, overwrite: true }, chunks(data));
    // Into an existing volume, never sparse (its old bytes would show through the holes).
    expect(r).toMatchObject({ created: false, sparse: false });
    const back = await download(c, name);
    expect(back.bytes.length).toBe(4 * MiB);
    expect(sha256(back.bytes.subarray(0, data.length))).toBe(sha256(data));
  });

  it('a file larger than an existing volume is refused before writing', async () => {
    const name = fresh('tx-small');
    virsh(['vol-create-as', L.pool, name, String(MiB), '--format', 'raw']);
    const err = await uploadToVolume(c, { pool: L.pool, name, size: 2 * MiB, overwrite: true }, chunks(Buffer.alloc(2 * MiB))).catch(
      (e: unknown) => e,
    );
    expect((err as AppError).message).toMatch(/larger than the existing volume/);
  });
});

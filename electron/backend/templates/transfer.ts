/**
 * A template volume copied to another host through libvirt streams only:
 * downloaded from the source daemon and uploaded into a fresh qcow2 volume
 * on the target, chunk by chunk (never a file copy over SSH). The bytes are
 * the qcow2 file itself, so the copy is the same image. A failure deletes
 * the half-written copy.
 */
import { api, type Pool, type StreamCaller, type Vol } from '../../libvirt/index.js';
import { checked } from '../vms/common.js';
import { buildVolumeXml } from '../xml/index.js';

export async function copyVolumeToHost(
  from: StreamCaller,
  source: Vol,
  to: StreamCaller,
  pool: Pool,
  name: string,
  report: (fraction: number) => void,
): Promise<Vol> {
  const info = await api.getStorageVolumeInfo(from, source, 1 /* VolInfoFlags.GET_PHYSICAL: the file's size */);
  const total = Math.max(1, Number(info.allocation));
  const xml = checked(() => buildVolumeXml({ name, format: 'qcow2', capacityBytes: Number(info.capacity) }));
  const target = await api.createStorageVolume(to, pool, xml);
  try {
    let sent = 0;
    const data = await api.downloadVolume(from, source);
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of data) {
        sent += chunk.byteLength;
        report(Math.min(1, sent / total));
        yield chunk;
      }
    }
    await api.uploadVolume(to, target, counted());
    return target;
  } catch (e) {
    await api.deleteStorageVolume(to, target).catch(() => undefined);
    throw e;
  }
}

/**
 * The graphical console channel: the bytes of the machine's VNC server
 * (RFB; the client speaks it), through the host connection's own transport:
 * for qemu+ssh a channel (direct-tcpip) of the SSH connection NovaCron
 * already holds, for a local host a direct connection. No port is opened
 * here and no new SSH session starts.
 */
import type { Duplex } from 'node:stream';
import { api, parseLibvirtUri, type LibvirtConnection, type TunnelTarget } from '../../libvirt/index.js';
import type { AppErrorShape } from '../../../shared/types.js';
import { AppError, toAppErrorShape } from '../errors.js';
import type { Logger } from '../log.js';
import { findDomain, readModel } from '../vms/common.js';
import type { ChannelSink, OpenedChannel } from '../channels/types.js';

/** Client bytes (keys, pointer moves) the tunnel may hold unsent before the channel is cut off. */
export const MAX_PENDING_INPUT_BYTES = 4 * 1024 * 1024;

export function vncTarget(listen: string | undefined, port: number): TunnelTarget {
  if (listen !== undefined && listen.startsWith('/')) return { path: listen };
  return { host: listen ?? '127.0.0.1', port };
}

export async function openVnc(
  conn: LibvirtConnection,
  input: { connectionId: string; uuid: string },
  sink: ChannelSink,
  log: Logger,
): Promise<OpenedChannel<'console.vnc'>> {
  const dom = await findDomain(conn, input.uuid);
  if (!(await api.isDomainActive(conn, dom))) {
    throw new AppError('operation-invalid', `"${dom.name}" is not running: its graphical console opens once it runs.`);
  }
  const model = await readModel(conn, dom);
  const g = model.graphics.find((x) => x.type === 'vnc');
  if (!g) {
    const other = model.graphics[0]?.type;
    throw new AppError(
      'unsupported',
      other ? `"${dom.name}" has a ${other} display, not VNC; NovaCron shows VNC only.` : `"${dom.name}" has no graphical display.`,
    );
  }
  const isSocket = g.listen?.startsWith('/') === true;
  if (!isSocket && (g.port === undefined || g.port <= 0)) {
    throw new AppError('operation-invalid', `The VNC display of "${dom.name}" has no port yet.`);
  }
  const target = vncTarget(g.listen, g.port ?? 0);
  const via = parseLibvirtUri(conn.uri).transport === 'ssh' ? 'ssh' : 'direct';
  const describe = 'path' in target ? target.path : `${target.host}:${target.port}`;

  let socket: Duplex;
  try {
    socket = await conn.openTunnel(target);
  } catch (e) {
    const shape = toAppErrorShape(e, log, 'console.vnc');
    throw new AppError(shape.code, `Cannot reach the VNC display of "${dom.name}" (${describe}): ${shape.message}`);
  }
  socket.pause();

  let closedByClient = false;
  let ended = false;
  const end = (error?: AppErrorShape) => {
    if (ended || closedByClient) return;
    ended = true;
    sink.end(error);
  };
  socket.on('data', (chunk: Buffer) => {
    if (!closedByClient && !ended) sink.data(chunk);
  });
  // The tunnel also ends when the SSH link under it drops: then say so (a link loss, which the
  // client may heal by reopening once the host connection is back), not "the session ended".
  // The connection learns of the loss a moment after its tunnels do.
  const onTunnelEnd = () =>
    setTimeout(() => {
      if (conn.state === 'connected') end();
      else end({ code: 'not-connected', message: `The link to the host of "${dom.name}" dropped.` });
    }, 200).unref();
  socket.on('end', onTunnelEnd);
  socket.on('close', onTunnelEnd);
  socket.on('error', (e: Error) => end({ code: 'unreachable', message: `The VNC connection of "${dom.name}" failed: ${e.message}` }));

  return {
    info: { name: dom.name, target: describe, via, passwordSet: g.passwordSet },
    channel: {
      write(bytes) {
        if (closedByClient || ended) return;
        if (socket.writableLength > MAX_PENDING_INPUT_BYTES) {
          end({ code: 'invalid-input', message: 'Too much input queued for the VNC display; the console was closed.' });
          socket.destroy();
          return;
        }
        socket.write(Buffer.from(bytes));
      },
      pause: () => socket.pause(),
      resume: () => socket.resume(),
      close() {
        closedByClient = true;
        socket.destroy();
      },
    },
  };
}

/**
 * A machine's consoles: what it has (a method), and the byte channels that
 * carry them: the serial console (libvirt's console stream) and the
 * graphical one (the VNC server's RFB bytes, through the host connection's
 * own transport: a channel of the SSH connection for qemu+ssh).
 */
import { z } from 'zod';
import { channel, method } from './define.js';
import { id, plainText, uuid } from './fields.js';

const MachineRef = z.object({ connectionId: id, uuid });

export const SerialDevice = z.object({
  /** What libvirt's console stream takes as devName (the alias, e.g. "serial0"); absent = the first console. */
  devName: z.string().optional(),
  /** "serial", "virtio", ... (the console's target type) */
  targetType: z.string().optional(),
  /** pty | file | unix | ... (the host side) */
  type: z.string(),
});
export type SerialDevice = z.infer<typeof SerialDevice>;

export const GraphicsDevice = z.object({
  /** vnc | spice | ... (only vnc can be opened) */
  type: z.string(),
  /** Known while the machine runs; absent before. */
  port: z.number().int().optional(),
  /** The listen address (or socket path) on the host. */
  listen: z.string().optional(),
  passwordSet: z.boolean(),
});
export type GraphicsDevice = z.infer<typeof GraphicsDevice>;

export const MachineConsoles = z.object({
  running: z.boolean(),
  serial: z.array(SerialDevice),
  graphics: z.array(GraphicsDevice),
});
export type MachineConsoles = z.infer<typeof MachineConsoles>;

export const SerialChannelInput = MachineRef.extend({
  /** A console alias from consoles.list; absent = the machine's first console. */
  devName: plainText(64).optional(),
  /** Take the console over from another session (libvirt's VIR_DOMAIN_CONSOLE_FORCE). */
  force: z.boolean().default(false),
});
export const SerialChannelInfo = z.object({
  /** The machine's name, for the tab. */
  name: z.string(),
  forced: z.boolean(),
});

export const VncChannelInput = MachineRef;
export const VncChannelInfo = z.object({
  name: z.string(),
  /** Where the VNC server listens on the host. */
  target: z.string(),
  /** How the bytes travel: a channel of the host connection's SSH session, or a direct connection. */
  via: z.enum(['ssh', 'direct']),
  passwordSet: z.boolean(),
});

export const consolesContract = {
  methods: {
    /** The machine's serial consoles and graphical displays. */
    'consoles.list': method(MachineRef, MachineConsoles),
  },
  events: {},
};

export const consoleChannels = {
  /** The serial console: guest output in, keystrokes out. A console held by another session fails with 'conflict'. */
  'console.serial': channel(SerialChannelInput, SerialChannelInfo),
  /** The VNC server's RFB byte stream, both ways. */
  'console.vnc': channel(VncChannelInput, VncChannelInfo),
};

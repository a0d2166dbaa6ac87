/**
 * Readers for the <devices> a console shows: disks, NICs, graphics, and the
 * serial/console character devices. Each returns a plain model; attributes a
 * device lacks are simply absent from it.
 */
import { compact, findChild, readAttr, readIntAttr, readSwitch, readText, type XmlElement } from './core.js';

export interface DiskModel {
  /** disk | cdrom | floppy | lun */
  device: string;
  /** file | block | volume | network | dir */
  type: string;
  driverName?: string;
  /** The image format from <driver type>: qcow2, raw, ... */
  format?: string;
  source: { file?: string; dev?: string; pool?: string; volume?: string; protocol?: string; name?: string; host?: string };
  /** The host path backing the disk when it has one (file, block device or resolved volume). */
  path?: string;
  targetDev: string;
  targetBus?: string;
  readonly: boolean;
  shareable: boolean;
  bootOrder?: number;
  serial?: string;
}

export interface InterfaceModel {
  /** network | bridge | direct | user | ... */
  type: string;
  mac?: string;
  source: { network?: string; bridge?: string; dev?: string; mode?: string; portgroup?: string };
  model?: string;
  targetDev?: string;
  bootOrder?: number;
  linkState?: string;
}

export interface GraphicsModel {
  /** vnc | spice | ... */
  type: string;
  /** -1 (or absent) until a running guest has been given one. */
  port?: number;
  tlsPort?: number;
  autoport?: boolean;
  listen?: string;
  passwordSet: boolean;
}

export interface CharDeviceModel {
  /** pty | file | unix | tcp | ... */
  type: string;
  /** The host side: the pty's /dev/pts path once running, or the file/socket path. */
  path?: string;
  targetType?: string;
  targetPort?: number;
  /** The device alias of a running guest (serial0, console0): the name libvirt's console stream takes. */
  alias?: string;
}

function readBootOrder(dev: XmlElement): number | undefined {
  return readIntAttr(findChild(dev, 'boot'), 'order');
}

export function readDisk(disk: XmlElement): DiskModel {
  const driver = findChild(disk, 'driver');
  const src = findChild(disk, 'source');
  const target = findChild(disk, 'target');
  const source = compact({
    file: readAttr(src, 'file'),
    dev: readAttr(src, 'dev'),
    pool: readAttr(src, 'pool'),
    volume: readAttr(src, 'volume'),
    protocol: readAttr(src, 'protocol'),
    name: readAttr(src, 'name'),
    host: readAttr(findChild(src, 'host'), 'name'),
  });
  return compact({
    device: readAttr(disk, 'device') ?? 'disk',
    type: readAttr(disk, 'type') ?? 'file',
    driverName: readAttr(driver, 'name'),
    format: readAttr(driver, 'type'),
    source,
    path: source.file ?? source.dev,
    targetDev: readAttr(target, 'dev') ?? '',
    targetBus: readAttr(target, 'bus'),
    readonly: findChild(disk, 'readonly') !== undefined,
    shareable: findChild(disk, 'shareable') !== undefined,
    bootOrder: readBootOrder(disk),
    serial: readText(disk, 'serial'),
  });
}

export function readInterface(nic: XmlElement): InterfaceModel {
  const src = findChild(nic, 'source');
  return compact({
    type: readAttr(nic, 'type') ?? 'network',
    mac: readAttr(findChild(nic, 'mac'), 'address'),
    source: compact({
      network: readAttr(src, 'network'),
      bridge: readAttr(src, 'bridge'),
      dev: readAttr(src, 'dev'),
      mode: readAttr(src, 'mode'),
      portgroup: readAttr(src, 'portgroup'),
    }),
    model: readAttr(findChild(nic, 'model'), 'type'),
    targetDev: readAttr(findChild(nic, 'target'), 'dev'),
    bootOrder: readBootOrder(nic),
    linkState: readAttr(findChild(nic, 'link'), 'state'),
  });
}

export function readGraphics(g: XmlElement): GraphicsModel {
  // The listen address is either the legacy attribute or a <listen type='address'> child.
  const listenEl = findChild(g, 'listen');
  return compact({
    type: readAttr(g, 'type') ?? '',
    port: readIntAttr(g, 'port'),
    tlsPort: readIntAttr(g, 'tlsPort'),
    autoport: readSwitch(g, 'autoport'),
    listen: readAttr(g, 'listen') ?? readAttr(listenEl, 'address') ?? readAttr(listenEl, 'socket'),
    passwordSet: readAttr(g, 'passwd') !== undefined,
  });
}

export function readCharDevice(c: XmlElement): CharDeviceModel {
  const target = findChild(c, 'target');
  return compact({
    type: readAttr(c, 'type') ?? 'pty',
    path: readAttr(findChild(c, 'source'), 'path') ?? readAttr(c, 'tty'),
    targetType: readAttr(target, 'type'),
    targetPort: readIntAttr(target, 'port'),
    alias: readAttr(findChild(c, 'alias'), 'name'),
  });
}

/** The map's edges from a machine's definition: networks, bridges and pools, each once. */
import { describe, expect, it } from 'vitest';
import { poolOfPath, wireMachine } from '../../electron/backend/topology/wire.js';
import { parseDomain } from '../../electron/backend/xml/index.js';

const POOLS = [
  { name: 'images', targetPath: '/var/lib/libvirt/images' },
  { name: 'nested', targetPath: '/var/lib/libvirt/images/iso/' },
  { name: 'rbd-pool' },
];

const xml = `<domain type='kvm'>
  <name>web1</name><uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
  <memory>131072</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'><source file='/var/lib/libvirt/images/web1.qcow2'/><target dev='vda'/></disk>
    <disk type='file' device='cdrom'><source file='/var/lib/libvirt/images/iso/debian.iso'/><target dev='sda'/></disk>
    <disk type='volume' device='disk'><source pool='rbd-pool' volume='data'/><target dev='vdb'/></disk>
    <disk type='file' device='disk'><source file='/srv/elsewhere/x.img'/><target dev='vdc'/></disk>
    <disk type='file' device='disk'><source file='/var/lib/libvirt/images-old/y.img'/><target dev='vdd'/></disk>
    <disk type='file' device='cdrom'><target dev='sdb'/></disk>
    <interface type='network'><mac address='52:54:00:00:00:01'/><source network='default'/></interface>
    <interface type='network'><mac address='52:54:00:00:00:02'/><source network='default'/></interface>
    <interface type='bridge'><mac address='52:54:00:00:00:03'/><source bridge='br0'/></interface>
    <interface type='user'><mac address='52:54:00:00:00:04'/></interface>
  </devices>
</domain>`;

describe('topology wiring', () => {
  it('links NICs to networks and bridges, disks to the pools holding them, each once', () => {
    expect(wireMachine(parseDomain(xml), POOLS)).toEqual({
      networks: ['default'],
      bridges: ['br0'],
      pools: ['images', 'nested', 'rbd-pool'],
    });
  });

  it('takes the innermost pool directory, and never a sibling that shares a prefix', () => {
    expect(poolOfPath('/var/lib/libvirt/images/iso/a.iso', POOLS)).toBe('nested');
    expect(poolOfPath('/var/lib/libvirt/images/a.qcow2', POOLS)).toBe('images');
    expect(poolOfPath('/var/lib/libvirt/images-old/a.qcow2', POOLS)).toBeNull();
    expect(poolOfPath('/elsewhere/a.qcow2', POOLS)).toBeNull();
  });
});

/** Starting points for the XML of the pool types the form has no fields for; the user fills in the source. */
const SOURCES: Record<string, string> = {
  fs: `  <source>\n    <device path='/dev/sdb1'/>\n    <format type='auto'/>\n  </source>\n  <target>\n    <path>/var/lib/libvirt/NAME</path>\n  </target>`,
  disk: `  <source>\n    <device path='/dev/sdb'/>\n    <format type='gpt'/>\n  </source>\n  <target>\n    <path>/dev</path>\n  </target>`,
  iscsi: `  <source>\n    <host name='iscsi.example.com'/>\n    <device path='iqn.2024-01.com.example:storage'/>\n  </source>\n  <target>\n    <path>/dev/disk/by-path</path>\n  </target>`,
  scsi: `  <source>\n    <adapter name='host0'/>\n  </source>\n  <target>\n    <path>/dev/disk/by-path</path>\n  </target>`,
  mpath: `  <target>\n    <path>/dev/mapper</path>\n  </target>`,
  rbd: `  <source>\n    <host name='ceph-mon.example.com' port='6789'/>\n    <name>rbd-pool</name>\n  </source>`,
  gluster: `  <source>\n    <host name='gluster.example.com'/>\n    <dir path='/'/>\n    <name>volume</name>\n  </source>`,
  zfs: `  <source>\n    <name>tank</name>\n  </source>`,
};

export function poolTemplate(type: string, name: string): string {
  const n = name.trim() || 'NAME';
  const source = (SOURCES[type] ?? `  <target>\n    <path>/var/lib/libvirt/NAME</path>\n  </target>`).replaceAll('NAME', n);
  return `<pool type='${type}'>\n  <name>${n}</name>\n${source}\n</pool>\n`;
}

/**
 * Creating a pool on one host: fields for dir, netfs (NFS) and logical (LVM);
 * for any other type the host supports, its XML (from a template), which the
 * backend checks before libvirt sees it. Build, start and autostart options.
 */
import { Alert, Button, Checkbox, Group, List, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { hostPathProblem, storageNameProblem, type PoolForm } from '../../../../shared/contract/storage';
import { errorMessage, invoke, isApiError } from '../../../api';
import { go, poolPath } from '../../../app/paths';
import { storageQueries } from '../queries';
import { useStorageMutation } from '../use-storage-mutation';
import { poolTemplate } from './templates';

interface Props {
  hosts: { id: string; name: string }[];
  defaultHost: string | undefined;
  onClose: () => void;
}

const TYPE_LABELS: Record<string, string> = {
  dir: 'Directory (dir)',
  netfs: 'Network filesystem: NFS (netfs)',
  logical: 'LVM volume group (logical)',
  fs: 'Local filesystem on a device (fs)',
  disk: 'Whole disk with partitions (disk)',
  iscsi: 'iSCSI target (iscsi)',
  scsi: 'SCSI host adapter (scsi)',
  mpath: 'Multipath devices (mpath)',
  rbd: 'Ceph RBD (rbd)',
  gluster: 'GlusterFS (gluster)',
  zfs: 'ZFS (zfs)',
};

const pathError = (p: string, required: boolean) => (p.trim() === '' ? (required ? 'required' : null) : hostPathProblem(p.trim()));

export function CreatePoolModal({ hosts, defaultHost, onClose }: Props) {
  const [host, setHost] = useState(defaultHost ?? hosts[0]?.id ?? '');
  const caps = useQuery({ ...storageQueries.capabilities(host), enabled: host !== '' });
  const [type, setType] = useState('dir');
  const [name, setName] = useState('');
  const [targetPath, setTargetPath] = useState('');
  const [nfsHost, setNfsHost] = useState('');
  const [sourceDir, setSourceDir] = useState('');
  const [format, setFormat] = useState<'nfs' | 'cifs' | 'glusterfs'>('nfs');
  const [vgName, setVgName] = useState('');
  const [devices, setDevices] = useState('');
  const [xml, setXml] = useState<string | null>(null);
  const [build, setBuild] = useState(true);
  const [start, setStart] = useState(true);
  const [autostart, setAutostart] = useState(false);
  const [touched, setTouched] = useState(false);

  const types = caps.data?.types ?? [];
  const form = ['dir', 'netfs', 'logical'].includes(type);
  const xmlText = xml ?? poolTemplate(type, name);
  const deviceList = devices
    .split('\n')
    .map((d) => d.trim())
    .filter((d) => d);

  const errors: Record<string, string | null> = form
    ? {
        name: name.trim() ? storageNameProblem(name.trim()) : 'required',
        targetPath: type === 'logical' ? null : pathError(targetPath, true),
        nfsHost: type === 'netfs' && !/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(nfsHost.trim()) ? 'a host name or IP address' : null,
        sourceDir: type === 'netfs' ? pathError(sourceDir, true) : null,
        vgName: type === 'logical' && vgName.trim() ? storageNameProblem(vgName.trim()) : null,
        devices: type === 'logical' ? (deviceList.map((d) => hostPathProblem(d)).find((p) => p) ?? null) : null,
      }
    : { xml: xmlText.trim() ? null : 'required' };
  const valid = Object.values(errors).every((e) => !e);
  const shown = (k: string) => (touched ? errors[k] : null) ?? undefined;

  const spec = (): PoolForm => {
    const n = name.trim();
    if (type === 'dir') return { type: 'dir', name: n, targetPath: targetPath.trim() };
    if (type === 'netfs')
      return { type: 'netfs', name: n, targetPath: targetPath.trim(), host: nfsHost.trim(), sourceDir: sourceDir.trim(), format };
    if (type === 'logical') return { type: 'logical', name: n, ...(vgName.trim() ? { vgName: vgName.trim() } : {}), devices: deviceList };
    return { type: 'xml', xml: xmlText };
  };
  const create = useStorageMutation(
    'Creating the pool',
    () => invoke('storage.createPool', { connectionId: host, spec: spec(), build, start, autostart }),
    (p) => {
      notifications.show({ color: 'teal', title: `Pool ${p.name} created`, message: `${p.type} pool on ${p.host}, ${p.state}.` });
      onClose();
      go(poolPath(p.connectionId, p.name));
    },
    false,
  );
  const submit = () => {
    setTouched(true);
    if (valid) create.mutate(undefined);
  };
  // The backend's own message may already say it; zod's refusals come as a list of fields.
  const issues =
    create.error && isApiError(create.error) ? (create.error.issues ?? []).filter((i) => !create.error!.message.includes(i.message)) : [];

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Create storage pool</Text>} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md" data-testid="pool-create-form">
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label="Host"
              data={hosts.map((h) => ({ value: h.id, label: h.name }))}
              value={host}
              onChange={(v) => v && setHost(v)}
              allowDeselect={false}
              data-testid="pool-create-host"
            />
            <Select
              label="Type"
              description={caps.isPending ? 'Asking the host what it supports…' : undefined}
              data={(types.length ? types : [{ type: 'dir', form: true, volumeFormats: [] }]).map((t) => ({
                value: t.type,
                label: `${TYPE_LABELS[t.type] ?? t.type}${t.form ? '' : ' · XML'}`,
              }))}
              value={type}
              onChange={(v) => {
                if (!v) return;
                setType(v);
                setXml(null);
              }}
              allowDeselect={false}
              data-testid="pool-create-type"
            />
          </SimpleGrid>
          {caps.isError && (
            <Alert color="yellow" variant="light">
              Could not read the host's pool types ({errorMessage(caps.error)}); only a directory pool is offered.
            </Alert>
          )}
          {form ? (
            <>
              <TextInput
                label="Name"
                description="Letters, digits and . _ + -"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={shown('name')}
                data-autofocus
                data-testid="pool-create-name"
              />
              {type !== 'logical' && (
                <TextInput
                  label={type === 'netfs' ? 'Mount point on the host' : 'Directory on the host'}
                  placeholder="/var/lib/libvirt/images"
                  value={targetPath}
                  onChange={(e) => setTargetPath(e.currentTarget.value)}
                  error={shown('targetPath')}
                  data-testid="pool-create-target"
                />
              )}
              {type === 'netfs' && (
                <SimpleGrid cols={3} spacing="sm">
                  <TextInput
                    label="Server"
                    placeholder="nfs.example.com"
                    value={nfsHost}
                    onChange={(e) => setNfsHost(e.currentTarget.value)}
                    error={shown('nfsHost')}
                    data-testid="pool-create-nfs-host"
                  />
                  <TextInput
                    label="Exported directory"
                    placeholder="/export/vms"
                    value={sourceDir}
                    onChange={(e) => setSourceDir(e.currentTarget.value)}
                    error={shown('sourceDir')}
                    data-testid="pool-create-nfs-dir"
                  />
                  <Select
                    label="Protocol"
                    data={['nfs', 'cifs', 'glusterfs']}
                    value={format}
                    onChange={(v) => v && setFormat(v as typeof format)}
                    allowDeselect={false}
                  />
                </SimpleGrid>
              )}
              {type === 'logical' && (
                <>
                  <TextInput
                    label="Volume group"
                    description="Defaults to the pool's name"
                    value={vgName}
                    onChange={(e) => setVgName(e.currentTarget.value)}
                    error={shown('vgName')}
                  />
                  <Textarea
                    label="Physical volumes (to build a new group)"
                    description="One device per line, e.g. /dev/sdb; leave empty to use an existing volume group."
                    autosize
                    minRows={2}
                    value={devices}
                    onChange={(e) => setDevices(e.currentTarget.value)}
                    error={shown('devices')}
                  />
                </>
              )}
            </>
          ) : (
            <Textarea
              label={`Pool XML (${type})`}
              description="Fill in the source. NovaCron checks the name, the paths and the type before the host sees it."
              autosize
              minRows={8}
              maxRows={18}
              value={xmlText}
              onChange={(e) => setXml(e.currentTarget.value)}
              error={shown('xml')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
              data-testid="pool-create-xml"
            />
          )}
          <Group gap="lg">
            <Checkbox
              label="Build it"
              description={type === 'logical' ? 'create the volume group (never over existing data)' : 'create the directory'}
              checked={build}
              onChange={(e) => setBuild(e.currentTarget.checked)}
              data-testid="pool-create-build"
            />
            <Checkbox
              label="Start now"
              checked={start}
              onChange={(e) => setStart(e.currentTarget.checked)}
              data-testid="pool-create-start"
            />
            <Checkbox
              label="Start with the host"
              checked={autostart}
              onChange={(e) => setAutostart(e.currentTarget.checked)}
              data-testid="pool-create-autostart"
            />
          </Group>
          {create.isError && (
            <Alert color="red" variant="light" title="No pool created" data-testid="pool-create-error">
              {errorMessage(create.error)}
              {issues.length > 0 && (
                <List size="sm" mt={4}>
                  {issues.map((i) => (
                    <List.Item key={`${i.path}:${i.message}`}>
                      {i.path ? `${i.path}: ` : ''}
                      {i.message}
                    </List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={touched && !valid} data-testid="pool-create-submit">
              Create pool
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The machine's network interfaces: MAC, model, network or bridge, addresses with their source; add and remove. */
import { ActionIcon, Anchor, Badge, Group, Modal, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AttachNicInput } from '../../../../shared/contract/vm-config';
import { invoke } from '../../../api';
import { networkPath } from '../../../app/paths';
import { useReadOnly } from '../../Machines/read-only';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { AddFormFooter, DeviceCard, useMachineMutation } from '../parts';
import { detailQueries } from '../queries';

const SOURCE_LABEL = { lease: 'DHCP lease', agent: 'guest agent', arp: 'ARP table' } as const;

function AddNicModal({ row, onClose }: { row: VmRowData; onClose: () => void }) {
  const target = { connectionId: row.connectionId, uuid: row.uuid };
  const choices = useQuery(detailQueries.choices(row.connectionId));
  const [type, setType] = useState<'network' | 'bridge'>('network');
  const [network, setNetwork] = useState<string | null>(null);
  const [bridge, setBridge] = useState('');
  const [model, setModel] = useState<string>('virtio');
  const [mac, setMac] = useState('');
  const attach = useMachineMutation(
    target,
    'Adding the interface',
    (i: Omit<AttachNicInput, 'connectionId' | 'uuid'>) => invoke('vms.attachNic', { ...target, ...i }),
    (out) => {
      notifications.show({ color: 'teal', title: `Interface ${out.mac} added`, message: out.reason });
      onClose();
    },
  );
  const source = type === 'network' ? network : bridge.trim();
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Add a network interface to {row.name}</Text>}>
      <Stack gap="md" data-testid="nic-add-form">
        <Select
          label="Connect to"
          data={[
            { value: 'network', label: 'A virtual network' },
            { value: 'bridge', label: 'A host bridge' },
          ]}
          value={type}
          onChange={(v) => setType(v === 'bridge' ? 'bridge' : 'network')}
          allowDeselect={false}
        />
        {type === 'network' ? (
          <Select
            label="Network"
            placeholder={choices.isPending ? 'Loading…' : 'Pick a network'}
            data={(choices.data?.networks ?? []).map((n) => ({ value: n.name, label: n.active ? n.name : `${n.name} (inactive)` }))}
            value={network}
            onChange={setNetwork}
            data-testid="nic-add-network"
          />
        ) : (
          <TextInput
            label="Bridge"
            placeholder="br0"
            value={bridge}
            onChange={(e) => setBridge(e.currentTarget.value)}
            data-testid="nic-add-bridge"
          />
        )}
        <Group grow align="flex-start">
          <Select
            label="Model"
            data={['virtio', 'e1000', 'e1000e', 'rtl8139']}
            value={model}
            onChange={(v) => setModel(v ?? 'virtio')}
            allowDeselect={false}
          />
          <TextInput
            label="MAC address"
            description="Empty: libvirt picks one"
            value={mac}
            onChange={(e) => setMac(e.currentTarget.value)}
          />
        </Group>
        <AddFormFooter
          mutation={attach}
          onClose={onClose}
          ready={!!source}
          onSave={() =>
            source && attach.mutate({ type, source, model: model as AttachNicInput['model'], ...(mac.trim() ? { mac: mac.trim() } : {}) })
          }
          saveLabel="Add interface"
          saveTestId="nic-add-save"
        />
      </Stack>
    </Modal>
  );
}

export function NicsCard({ row }: { row: VmRowData }) {
  const target = { connectionId: row.connectionId, uuid: row.uuid };
  const details = useQuery(detailQueries.details(row.connectionId, row.uuid));
  const readOnly = useReadOnly(row.connectionId);
  const [adding, setAdding] = useState(false);
  const detach = useMachineMutation(
    target,
    'Removing the interface',
    (mac: string) => invoke('vms.detachNic', { ...target, mac }),
    (out, mac) => notifications.show({ color: 'teal', title: `Interface ${mac} removed`, message: out.reason }),
  );
  const confirmRemove = (mac: string) =>
    modals.openConfirmModal({
      title: (
        <Text fw={600}>
          Remove interface {mac} from {row.name}?
        </Text>
      ),
      children: <Text size="sm">The guest loses this network connection.</Text>,
      labels: { confirm: 'Remove', cancel: 'Cancel' },
      confirmProps: { color: 'red', 'data-testid': 'confirm-action' },
      onConfirm: () => detach.mutate(mac),
    });
  const d = details.data;
  return (
    <DeviceCard
      title="Network interfaces"
      testId="machine-nics"
      readOnly={readOnly}
      add={{ label: 'Add interface', testId: 'nic-add', onClick: () => setAdding(true) }}
      details={details}
      skeletonHeight={40}
      count={d?.nics.length}
      emptyText="No network interfaces."
      table={{
        minWidth: 640,
        testId: 'nic-table',
        head: (
          <>
            <Table.Th>MAC</Table.Th>
            <Table.Th>Model</Table.Th>
            <Table.Th>Network or bridge</Table.Th>
            <Table.Th>Addresses</Table.Th>
          </>
        ),
      }}
      modal={adding && <AddNicModal row={row} onClose={() => setAdding(false)} />}
    >
      {d?.nics.map((nic, i) => (
        <Table.Tr key={nic.mac ?? i} data-testid={`nic-row-${nic.mac ?? i}`}>
          <Table.Td ff="monospace" fz="sm">
            {nic.mac ?? '—'}
          </Table.Td>
          <Table.Td>{nic.model ?? '—'}</Table.Td>
          <Table.Td>
            {/* A virtual network links to its page (its DHCP leases, the other machines on it). */}
            {nic.network ? (
              <Anchor href={networkPath(row.connectionId, nic.network)} size="sm" data-testid="nic-network-link">
                {nic.network}
              </Anchor>
            ) : (
              (nic.bridge ?? '—')
            )}
            <Text span size="xs" c="dimmed">
              {' '}
              {nic.type}
              {nic.hostDevice ? ` · ${nic.hostDevice}` : ''}
            </Text>
          </Table.Td>
          <Table.Td>
            {nic.addresses.length === 0 ? (
              <Text size="xs" c="dimmed">
                {row.state === 'running' ? 'none reported' : 'not running'}
              </Text>
            ) : (
              <Stack gap={2}>
                {nic.addresses.map((a) => (
                  <Group key={`${a.address}-${a.source}`} gap={6} wrap="nowrap">
                    <Text size="sm" ff="monospace">
                      {a.address}/{a.prefix}
                    </Text>
                    <Badge size="xs" variant="light" color="gray" style={{ textTransform: 'none' }}>
                      {SOURCE_LABEL[a.source]}
                    </Badge>
                  </Group>
                ))}
              </Stack>
            )}
          </Table.Td>
          <Table.Td>
            {nic.mac && (
              <Tooltip label={readOnly ?? 'Remove interface'} multiline w={readOnly ? 260 : undefined}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  disabled={!!readOnly}
                  aria-label={`Remove interface ${nic.mac}`}
                  onClick={() => nic.mac && confirmRemove(nic.mac)}
                  data-testid={`nic-remove-${nic.mac}`}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DeviceCard>
  );
}

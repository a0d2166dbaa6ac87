/**
 * "Create machine" from a template: the version (default the newest), a
 * name, linked clone or full copy, the target host (another connected host
 * gets the template volume streamed to it first) and whether to start it.
 * Once made, the new machine's page opens.
 */
import { Alert, Button, Checkbox, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { MACHINE_NAME_PATTERN, type Template } from '../../../../shared/contract/templates';
import { errorMessage, invoke } from '../../../api';
import { go, machinePath } from '../../../app/paths';
import { connectionQueries } from '../../Connections/queries';

interface Props {
  template: Template;
  version?: string;
  onClose: () => void;
}

export function InstantiateModal({ template, version: initialVersion, onClose }: Props) {
  const connections = useQuery(connectionQueries.list());
  const hosts = (connections.data ?? []).filter((c) => c.state === 'connected' && !c.readOnly);
  const [version, setVersion] = useState<string | null>(initialVersion ?? template.versions.at(-1)?.version ?? null);
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'linked' | 'full'>('linked');
  const [host, setHost] = useState<string | null>(template.connectionId);
  const [start, setStart] = useState(true);
  const nameProblem =
    name.trim() === '' || MACHINE_NAME_PATTERN.test(name.trim())
      ? null
      : 'letters, digits, "_", "." or "-", starting with a letter or digit';
  const ok = version !== null && host !== null && name.trim() !== '' && !nameProblem;
  const elsewhere = host !== null && host !== template.connectionId;

  const create = useMutation({
    mutationFn: () =>
      invoke('templates.instantiate', { name: template.name, version: version!, newName: name.trim(), mode, connectionId: host!, start }),
    onSuccess: (r) => {
      notifications.show({ color: 'teal', title: 'Machine created', message: `${r.name} from ${template.name}@${version}.` });
      onClose();
      go(machinePath(r.connectionId, r.uuid));
    },
  });

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Create a machine from {template.name}</Text>} size="lg">
      <Stack gap="sm" data-testid="instantiate-form">
        <Group grow align="flex-start">
          <Select
            label="Version"
            data={[...template.versions]
              .reverse()
              .map((v) => ({ value: v.version, label: `${v.version}${v.description ? ` — ${v.description}` : ''}` }))}
            value={version}
            onChange={setVersion}
            data-testid="instantiate-version"
          />
          <TextInput
            label="Machine name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameProblem}
            data-testid="instantiate-name"
          />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Disk
          </Text>
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as 'linked' | 'full')}
            data={[
              { value: 'linked', label: 'Linked clone' },
              { value: 'full', label: 'Full copy' },
            ]}
            data-testid="instantiate-mode"
          />
          <Text size="xs" c="dimmed">
            {mode === 'linked'
              ? 'A small qcow2 overlay on the template volume: made at once; the template version cannot be deleted while it exists.'
              : 'An independent copy of the template volume: takes as long as the copy.'}
          </Text>
        </Stack>
        <Select
          label="Host"
          data={hosts.map((c) => ({ value: c.id, label: c.id === template.connectionId ? `${c.name} (the template's host)` : c.name }))}
          value={host}
          onChange={setHost}
          data-testid="instantiate-host"
        />
        {elsewhere && (
          <Text size="xs" c="dimmed" data-testid="instantiate-elsewhere">
            The template volume is copied to that host first (through libvirt, into a pool of the same name), and kept there for the next
            machine.
          </Text>
        )}
        <Checkbox
          label="Start it once created"
          checked={start}
          onChange={(e) => setStart(e.currentTarget.checked)}
          data-testid="instantiate-start"
        />
        {create.isError && (
          <Alert color="red" title="Not created" data-testid="instantiate-error">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => create.mutate()} disabled={!ok} loading={create.isPending} data-testid="instantiate-submit">
            Create machine
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

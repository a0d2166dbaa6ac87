/** Step 1: the machine's name and the host it goes on. */
import { Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { connectionQueries } from '../Connections/queries';
import { errorOf, type StepProps } from './step-props';

export function NameStep(p: StepProps & { onHost: (id: string | null) => void }) {
  const connections = useQuery(connectionQueries.list());
  const hosts = (connections.data ?? []).filter((c) => c.state === 'connected' && !c.readOnly);
  return (
    <Stack gap="md" data-testid="create-step-name">
      <Select
        label="Host"
        description="A connected host; read-only connections cannot create machines"
        placeholder={hosts.length ? 'Pick a host' : 'No writable host is connected'}
        data={hosts.map((c) => ({ value: c.id, label: c.name }))}
        value={p.form.connectionId}
        onChange={p.onHost}
        error={errorOf(p, 'connectionId')}
        allowDeselect={false}
        data-testid="create-host"
      />
      <TextInput
        label="Name"
        description="Unique on the host; any characters but “/”"
        placeholder="web-1"
        value={p.form.name}
        onChange={(e) => p.set({ name: e.currentTarget.value })}
        error={errorOf(p, 'name')}
        data-autofocus
        data-testid="create-name"
      />
      {p.choices && (
        <Text size="xs" c="dimmed">
          The host has {p.choices.hostCpus} CPUs and {Math.floor(p.choices.hostMemoryKiB / 1024).toLocaleString()} MiB of memory.
        </Text>
      )}
    </Stack>
  );
}

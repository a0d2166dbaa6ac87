/** Step 4: a virtio NIC on one of the host's virtual networks (or none), and whether to start the machine. */
import { Select, Stack, Switch } from '@mantine/core';
import { errorOf, type StepProps } from './step-props';

const NONE = '__none__';

export function NetworkStep(p: StepProps) {
  const nets = p.choices?.networks ?? [];
  return (
    <Stack gap="md" data-testid="create-step-network">
      <Select
        label="Network"
        description="One virtio NIC on this virtual network"
        data={[
          { value: NONE, label: 'No network' },
          ...nets.map((n) => ({ value: n.name, label: n.active ? n.name : `${n.name} (inactive)` })),
        ]}
        value={p.form.network ?? NONE}
        onChange={(v) => p.set({ network: !v || v === NONE ? null : v })}
        error={errorOf(p, 'network')}
        allowDeselect={false}
        data-testid="create-network"
      />
      <Switch
        label="Start the machine once it is created"
        checked={p.form.start}
        onChange={(e) => p.set({ start: e.currentTarget.checked })}
        data-testid="create-start"
      />
    </Stack>
  );
}

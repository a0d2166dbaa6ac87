/** vCPUs and memory: after saving, it says where each change applied (live, next boot, both) and why. */
import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ChangeMode, SetResourcesOutput } from '../../../../shared/contract/vm-config';
import type { VmDetails } from '../../../../shared/contract/vm-details';
import { errorMessage, invoke } from '../../../api';
import { useMachineMutation } from '../parts';

const WHERE = { live: 'running machine only', config: 'from the next boot', both: 'now and from the next boot' } as const;

export function ResourcesModal({ details, onClose }: { details: VmDetails; onClose: () => void }) {
  const target = { connectionId: details.connectionId, uuid: details.uuid };
  const [vcpus, setVcpus] = useState<number | string>(details.vcpus);
  const [memMiB, setMemMiB] = useState<number | string>(Math.round(details.memoryKiB / 1024));
  const [mode, setMode] = useState<ChangeMode>('auto');
  const [result, setResult] = useState<SetResourcesOutput | null>(null);
  const save = useMachineMutation(
    target,
    'Changing resources',
    (i: { vcpus?: number; memoryKiB?: number; mode: ChangeMode }) => invoke('vms.setResources', { ...target, ...i }),
    (out) => setResult(out),
  );

  const v = typeof vcpus === 'number' ? vcpus : Number(vcpus);
  const m = typeof memMiB === 'number' ? memMiB : Number(memMiB);
  const changedV = Number.isInteger(v) && v >= 1 && v !== details.vcpus;
  const changedM = Number.isFinite(m) && m >= 1 && Math.round(m * 1024) !== details.memoryKiB;
  const submit = () => {
    setResult(null);
    save.mutate({ vcpus: changedV ? v : undefined, memoryKiB: changedM ? Math.round(m * 1024) : undefined, mode });
  };

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Change resources of {details.name}</Text>} size="md">
      <Stack gap="md" data-testid="resources-form">
        <Group grow align="flex-start">
          <NumberInput
            label="vCPUs"
            description={`now ${details.vcpus}, max ${details.maxVcpus}`}
            min={1}
            max={4096}
            value={vcpus}
            onChange={setVcpus}
            data-testid="resources-vcpus"
          />
          <NumberInput
            label="Memory (MiB)"
            description={`now ${Math.round(details.memoryKiB / 1024)}, max ${Math.round(details.maxMemoryKiB / 1024)}`}
            min={1}
            value={memMiB}
            onChange={setMemMiB}
            data-testid="resources-memory"
          />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Apply
          </Text>
          <SegmentedControl
            value={mode}
            onChange={(x) => setMode(x as ChangeMode)}
            data={[
              { value: 'auto', label: 'Live where possible' },
              { value: 'live', label: 'Live only' },
              { value: 'config', label: 'Next boot only' },
            ]}
            data-testid="resources-mode"
          />
        </Stack>
        {save.isError && (
          <Alert color="red" variant="light" title="Not changed">
            {errorMessage(save.error)}
          </Alert>
        )}
        {result && (
          <Alert color="teal" variant="light" title="Saved" data-testid="resources-result">
            <Stack gap={4}>
              {result.vcpus && (
                <Text size="sm" data-testid="resources-result-vcpus" data-applied={result.vcpus.applied}>
                  vCPUs: {WHERE[result.vcpus.applied]} — {result.vcpus.reason}
                </Text>
              )}
              {result.memory && (
                <Text size="sm" data-testid="resources-result-memory" data-applied={result.memory.applied}>
                  Memory: {WHERE[result.memory.applied]} — {result.memory.reason}
                </Text>
              )}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="resources-close">
            {result ? 'Close' : 'Cancel'}
          </Button>
          <Button onClick={submit} disabled={!changedV && !changedM} loading={save.isPending} data-testid="resources-save">
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

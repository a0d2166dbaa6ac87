/** Step 5: everything the machine will be, in one table, before it is created. */
import { Stack, Table, Text } from '@mantine/core';
import type { CreateForm } from './create-form';
import type { StepProps } from './step-props';

const GiB = 2 ** 30;

function diskText(f: CreateForm): string {
  const size = String(f.sizeGiB).trim() === '' ? 'the image’s size' : `${f.sizeGiB} GiB`;
  switch (f.diskKind) {
    case 'new-volume':
      return `New ${f.format} volume of ${size} in ${f.pool}`;
    case 'volume':
      return `${f.pool}/${f.volume} (used as it is)`;
    case 'iso':
      return `New ${f.format} volume of ${size} in ${f.pool}; CD-ROM ${f.isoPool}/${f.isoVolume}, booted first`;
    case 'cloud-image':
      return `qcow2 overlay on ${f.pool}/${f.image} (${size}); cloud-init seed for ${f.ciUser}@${f.ciHostname}${f.ciKey.trim() ? ' with an SSH key' : ''}`;
    case 'none':
      return 'None';
  }
}

export function ReviewStep(p: StepProps & { hostName: string }) {
  const f = p.form;
  const virt = p.choices?.virtTypes.find((v) => v.type === f.virtType);
  const rows: Array<[string, string]> = [
    ['Name', f.name],
    ['Host', p.hostName],
    ['vCPUs', String(f.vcpus)],
    ['Memory', `${Number(f.memoryMiB).toLocaleString()} MiB`],
    ['Accelerator', f.virtType === 'kvm' ? 'KVM' : 'TCG (emulation)'],
    ['Machine type', virt?.machine ?? 'host default'],
    ['Firmware', f.firmware === 'efi' ? 'UEFI' : 'BIOS'],
    ['Disk', diskText(f)],
    ['Network', f.network ?? 'None'],
    ['Console', 'Serial (pty)'],
    ['Start', f.start ? 'Yes, once created' : 'No'],
  ];
  const pool = p.choices?.pools.find((x) => x.name === f.pool);
  return (
    <Stack gap="sm" data-testid="create-step-review">
      <Table withRowBorders={false} verticalSpacing={4} data-testid="create-review">
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Td w={130}>
                <Text size="sm" c="dimmed">
                  {k}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {v}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pool && (
        <Text size="xs" c="dimmed">
          {pool.name} has {(pool.availableBytes / GiB).toFixed(1)} GiB free. If anything fails, NovaCron deletes the volumes it made and
          undefines the machine.
        </Text>
      )}
    </Stack>
  );
}

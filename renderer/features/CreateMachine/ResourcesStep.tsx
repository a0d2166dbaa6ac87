/** Step 2: vCPUs, memory, the accelerator (KVM or TCG emulation) and the firmware, from the host's domain capabilities. */
import { Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { errorOf, type StepProps } from './step-props';

export function ResourcesStep(p: StepProps) {
  const virts = p.choices?.virtTypes ?? [];
  const virt = virts.find((v) => v.type === p.form.virtType);
  const efi = virt?.firmwares.includes('efi') ?? false;
  return (
    <Stack gap="md" data-testid="create-step-resources">
      <Group grow align="flex-start">
        <NumberInput
          label="vCPUs"
          min={1}
          max={virt?.maxVcpus ?? undefined}
          allowDecimal={false}
          value={p.form.vcpus}
          onChange={(v) => p.set({ vcpus: v })}
          error={errorOf(p, 'vcpus')}
          data-testid="create-vcpus"
        />
        <NumberInput
          label="Memory (MiB)"
          min={16}
          step={256}
          allowDecimal={false}
          thousandSeparator=","
          value={p.form.memoryMiB}
          onChange={(v) => p.set({ memoryMiB: v })}
          error={errorOf(p, 'memoryMiB')}
          data-testid="create-memory"
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Accelerator
        </Text>
        <SegmentedControl
          data={[
            { value: 'kvm', label: 'KVM', disabled: !virts.some((v) => v.type === 'kvm') },
            { value: 'qemu', label: 'TCG (emulation)', disabled: !virts.some((v) => v.type === 'qemu') },
          ]}
          value={p.form.virtType ?? ''}
          onChange={(v) => p.set({ virtType: v as 'kvm' | 'qemu' })}
          data-testid="create-virt-type"
        />
        <Text size="xs" c={errorOf(p, 'virtType') ? 'red' : 'dimmed'}>
          {errorOf(p, 'virtType') ??
            (virt
              ? `Machine type ${virt.machine ?? 'default'}, emulator ${virt.emulator ?? 'default'}, up to ${virt.maxVcpus ?? '?'} vCPUs`
              : 'The host offers no accelerator')}
        </Text>
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Firmware
        </Text>
        <SegmentedControl
          data={[
            { value: 'bios', label: 'BIOS' },
            { value: 'efi', label: 'UEFI', disabled: !efi },
          ]}
          value={p.form.firmware}
          onChange={(v) => p.set({ firmware: v as 'bios' | 'efi' })}
          data-testid="create-firmware"
        />
        <Text size="xs" c="dimmed">
          {efi ? 'UEFI boots through the host’s OVMF firmware.' : 'UEFI needs OVMF on the host; this one has none.'}
        </Text>
      </Stack>
    </Stack>
  );
}

/**
 * The migration options, shared by the machine, bulk and evacuation dialogs:
 * live, copy of non-shared storage, compression, bandwidth cap,
 * auto-converge, max downtime, post-copy, and under "Advanced" peer-to-peer
 * and tunnelled (only with peer-to-peer). `compact` lays them out tighter,
 * without the explanations.
 */
import { Checkbox, Collapse, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Switch, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { MigrationCompression } from '../../../../shared/contract/migration';
import { optionProblems, type OptionsForm } from '../options';

interface Props {
  value: OptionsForm;
  onChange: (next: OptionsForm) => void;
  /** Some machine moves live (it runs): the live options apply. */
  running: boolean;
  /** Whether the copy-storage switch is offered (a plan with a disk to copy, or several machines). */
  offerCopyStorage: boolean;
  compact?: boolean;
}

const COMPRESSION = [
  { value: 'none', label: 'None' },
  { value: 'xbzrle', label: 'xbzrle' },
  { value: 'zstd', label: 'zstd (multifd)' },
  // QEMU's older threaded zlib: for daemons without multifd compression (libvirt 9.0 refuses zstd)
  { value: 'mt', label: 'zlib (threads)' },
];

const numberOrEmpty = (v: string | number): number | '' => (v === '' ? '' : typeof v === 'number' ? v : Number(v));

export function MigrationOptionsFields({ value, onChange, running, offerCopyStorage, compact = false }: Props) {
  const [advanced, { toggle }] = useDisclosure(value.p2p);
  const set = <K extends keyof OptionsForm>(key: K, v: OptionsForm[K]) => onChange({ ...value, [key]: v });
  const problems = optionProblems(value);
  const hint = (text: string) => (compact ? undefined : text);

  if (!running)
    return (
      <Text size="sm" c="dimmed" data-testid="migrate-offline-note">
        Shut off: it moves offline — its definition first, then each disk through a volume stream. The live options do not apply.
      </Text>
    );

  return (
    <Stack gap={compact ? 'xs' : 'sm'} data-testid="migrate-options">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing={compact ? 6 : 'xs'}>
        <Switch
          label="Live"
          description={hint('Keeps running while it copies (off: paused)')}
          checked={value.live}
          onChange={(e) => set('live', e.currentTarget.checked)}
          data-testid="migrate-opt-live"
        />
        {offerCopyStorage && (
          <Switch
            label="Copy non-shared storage"
            description={hint('Disks not on shared storage go along (NBD)')}
            checked={value.copyStorage}
            onChange={(e) => set('copyStorage', e.currentTarget.checked)}
            data-testid="migrate-opt-copy-storage"
          />
        )}
        <Checkbox
          label="Auto-converge"
          description={hint('Slows its vCPUs if memory changes faster than it copies')}
          checked={value.autoConverge}
          onChange={(e) => set('autoConverge', e.currentTarget.checked)}
          data-testid="migrate-opt-autoconverge"
        />
        <Checkbox
          label="Allow post-copy"
          description={hint('Switch over early: it runs there, pages follow')}
          checked={value.postcopy}
          onChange={(e) => set('postcopy', e.currentTarget.checked)}
          data-testid="migrate-opt-postcopy"
        />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="migrate-compression-label">
          Compression
        </Text>
        <Group gap="sm" wrap="wrap" align="center">
          <SegmentedControl
            size="xs"
            aria-labelledby="migrate-compression-label"
            value={value.compression}
            onChange={(v) => set('compression', v as MigrationCompression)}
            data={COMPRESSION}
            data-testid="migrate-opt-compression"
          />
          {value.compression === 'zstd' && (
            <NumberInput
              size="xs"
              w={150}
              aria-label="Parallel streams"
              leftSection={<Text size="xs">×</Text>}
              rightSection={
                <Text size="xs" c="dimmed" pr={6}>
                  streams
                </Text>
              }
              rightSectionWidth={60}
              min={2}
              max={16}
              allowDecimal={false}
              value={value.parallelConnections}
              onChange={(v) => set('parallelConnections', typeof v === 'number' ? v : Number(v) || 2)}
              error={problems.parallelConnections}
              data-testid="migrate-opt-parallel"
            />
          )}
        </Group>
      </Stack>
      <SimpleGrid cols={2} spacing="sm">
        <NumberInput
          size={compact ? 'xs' : 'sm'}
          label="Bandwidth cap"
          placeholder="no cap"
          rightSection={
            <Text size="xs" c="dimmed" pr={8}>
              MiB/s
            </Text>
          }
          rightSectionWidth={56}
          min={1}
          max={1_000_000}
          allowDecimal={false}
          allowNegative={false}
          value={value.bandwidthMiBps}
          onChange={(v) => set('bandwidthMiBps', numberOrEmpty(v))}
          error={problems.bandwidthMiBps}
          data-testid="migrate-opt-bandwidth"
        />
        <NumberInput
          size={compact ? 'xs' : 'sm'}
          label="Max downtime"
          placeholder="QEMU’s default (300)"
          rightSection={
            <Text size="xs" c="dimmed" pr={8}>
              ms
            </Text>
          }
          rightSectionWidth={40}
          min={1}
          max={600_000}
          allowDecimal={false}
          allowNegative={false}
          value={value.maxDowntimeMs}
          onChange={(v) => set('maxDowntimeMs', numberOrEmpty(v))}
          error={problems.maxDowntimeMs}
          data-testid="migrate-opt-downtime"
        />
      </SimpleGrid>
      <Stack gap={6}>
        <UnstyledButton onClick={toggle} aria-expanded={advanced} aria-controls="migrate-advanced" data-testid="migrate-opt-advanced">
          <Group gap={4} wrap="nowrap">
            {advanced ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            <Text size="sm" fw={500}>
              Advanced
            </Text>
          </Group>
        </UnstyledButton>
        <Collapse expanded={advanced} id="migrate-advanced">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" pl="md" pb={4}>
            <Checkbox
              label="Peer-to-peer"
              description={hint('The source daemon drives it (logs in to the target)')}
              checked={value.p2p}
              onChange={(e) => onChange({ ...value, p2p: e.currentTarget.checked, tunnelled: e.currentTarget.checked && value.tunnelled })}
              data-testid="migrate-opt-p2p"
            />
            <Checkbox
              label="Tunnelled"
              description={hint('The stream goes through the daemons’ link')}
              disabled={!value.p2p}
              checked={value.p2p && value.tunnelled}
              onChange={(e) => set('tunnelled', e.currentTarget.checked)}
              data-testid="migrate-opt-tunnelled"
            />
          </SimpleGrid>
        </Collapse>
      </Stack>
    </Stack>
  );
}

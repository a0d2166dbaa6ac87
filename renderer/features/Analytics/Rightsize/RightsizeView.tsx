/**
 * Right-sizing: machines with more (or fewer) vCPUs or memory than they use,
 * idle machines, and hosts that could be emptied. Each says why and on what
 * figures; a machine suggestion is applied through its own call after a
 * confirmation; consolidation moves are shown only (migration comes later).
 */
import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ConsolidationSuggestion, MachineSuggestion } from '../../../../shared/contract/analytics';
import { hostPath, machinePath } from '../../../app/paths';
import { formatBytes } from '../../Monitoring/format';
import { actionText, basisText, formatSpan, SUGGESTION_LABEL } from '../format';
import { analyticsQueries } from '../queries';
import { QueryFallback } from '../QueryFallback';
import { useApplySuggestion } from './use-apply-suggestion';

const KIND_COLOR: Record<MachineSuggestion['kind'], string> = {
  'fewer-vcpus': 'blue',
  'less-memory': 'blue',
  'more-vcpus': 'orange',
  'more-memory': 'orange',
  idle: 'gray',
};

function SuggestionCard({ s }: { s: MachineSuggestion }) {
  const { apply, pending, done } = useApplySuggestion(s);
  return (
    <Paper withBorder radius="sm" p="sm" data-testid={`suggestion-${s.name}-${s.kind}`} data-kind={s.kind}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Badge variant="light" color={KIND_COLOR[s.kind]}>
              {SUGGESTION_LABEL[s.kind]}
            </Badge>
            <Anchor href={machinePath(s.connectionId, s.uuid)} fw={600} size="sm">
              {s.name}
            </Anchor>
          </Group>
          <Text size="sm" data-testid="suggestion-reason">
            {s.reason}
          </Text>
          <Text size="xs" c="dimmed" data-testid="suggestion-basis">
            Based on: {basisText(s.basis)}
          </Text>
          <Text size="xs" c="dimmed">
            Apply: {actionText(s.action)}
          </Text>
        </Stack>
        <Button
          size="xs"
          variant={done ? 'light' : 'filled'}
          onClick={apply}
          loading={pending}
          disabled={done}
          data-testid="suggestion-apply"
        >
          {done ? 'Applied' : 'Apply…'}
        </Button>
      </Group>
    </Paper>
  );
}

function ConsolidationCard({ c }: { c: ConsolidationSuggestion }) {
  return (
    <Paper withBorder radius="sm" p="sm" data-testid={`consolidation-${c.connectionId}`}>
      <Stack gap={6}>
        <Group gap="xs">
          <Badge variant="light" color="grape">
            Could be emptied
          </Badge>
          <Anchor href={hostPath(c.connectionId)} fw={600} size="sm">
            {c.host}
          </Anchor>
          <Text size="xs" c="dimmed">
            keeping {c.headroomPct} % memory free on every receiving host
          </Text>
        </Group>
        <Text size="sm">{c.reason}</Text>
        <Table withRowBorders={false} verticalSpacing={2} fz="sm">
          <Table.Tbody>
            {c.moves.map((m) => (
              <Table.Tr key={m.uuid}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td c="dimmed">{formatBytes(m.memoryKiB * 1024)}</Table.Td>
                <Table.Td>→ {m.toName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          Moves are shown only: applying them needs live migration, which comes in a later version.
        </Text>
      </Stack>
    </Paper>
  );
}

export function RightsizeView() {
  const q = useQuery(analyticsQueries.rightsize());
  if (!q.isSuccess) return <QueryFallback query={q} height={160} />;
  const r = q.data;
  const nothing = r.machines.length === 0 && r.consolidation.length === 0;
  return (
    <Stack gap="md" data-testid="rightsize">
      <Text size="sm" c="dimmed">
        From the last {formatSpan(r.windowMs)} of one-minute means. Applying a suggestion runs the normal action after a confirmation, and
        it is recorded in the audit log.
      </Text>
      {nothing && (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} title="No suggestions" data-testid="rightsize-empty">
          Every machine looks sized for what it does, or there is not enough history yet to tell: suggestions need days of samples.
        </Alert>
      )}
      {r.machines.length > 0 && (
        <Stack gap="xs" data-testid="rightsize-machines">
          <Title order={3} fz="md">
            Machines ({r.machines.length})
          </Title>
          {r.machines.map((s) => (
            <SuggestionCard key={`${s.connectionId}/${s.uuid}/${s.kind}`} s={s} />
          ))}
        </Stack>
      )}
      {r.consolidation.length > 0 && (
        <Stack gap="xs" data-testid="rightsize-consolidation">
          <Title order={3} fz="md">
            Consolidation ({r.consolidation.length})
          </Title>
          {r.consolidation.map((c) => (
            <ConsolidationCard key={c.connectionId} c={c} />
          ))}
        </Stack>
      )}
      <Stack gap={4} data-testid="rightsize-rules">
        <Text size="sm" fw={500}>
          The rules
        </Text>
        <List size="sm" c="dimmed" spacing={2}>
          {r.rules.map((rule) => (
            <List.Item key={rule}>{rule}</List.Item>
          ))}
        </List>
      </Stack>
    </Stack>
  );
}

/** Alerts as rows: severity, state, rule, subject, value, times, and who acknowledged (or the button to). */
import { Anchor, Button, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { Alert, AlertRule } from '../../../../shared/contract/alerts';
import { hostPath, machinePath } from '../../../app/paths';
import tableClasses from '../../../components/DataTable/DataTable.module.css';
import { AlertStateBadge, SeverityBadge } from '../AlertBadges/AlertBadges';
import { ago, alertValue, when } from '../alert-text';
import { useAcknowledge } from '../mutations';

interface Props {
  alerts: Alert[];
  rules: Map<string, AlertRule>;
  hostName: (id: string) => string;
}

export function AlertsTable({ alerts, rules, hostName }: Props) {
  const ack = useAcknowledge();
  return (
    <Paper withBorder radius="sm" style={{ overflow: 'auto' }}>
      <Table layout="fixed" verticalSpacing={6} horizontalSpacing="sm" miw={1000} highlightOnHover data-testid="alerts-table">
        <Table.Thead className={tableClasses.head}>
          <Table.Tr>
            <Table.Th w={124}>Severity</Table.Th>
            <Table.Th w={108}>State</Table.Th>
            <Table.Th>Rule and message</Table.Th>
            <Table.Th w="16%">Subject</Table.Th>
            <Table.Th w={96} ta="right">
              Value
            </Table.Th>
            <Table.Th w={150}>Since</Table.Th>
            <Table.Th w={180}>Acknowledged</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((a) => (
            <Table.Tr
              key={a.id}
              data-testid={`alert-row-${a.id}`}
              data-rule={a.ruleName}
              data-subject={a.subject.name}
              data-state={a.state}
            >
              <Table.Td>
                <SeverityBadge severity={a.severity} />
              </Table.Td>
              <Table.Td>
                <AlertStateBadge state={a.state} testId="alert-state" />
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500} truncate title={a.ruleName}>
                  {a.ruleName}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2} title={a.message}>
                  {a.message}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor
                  href={a.subject.uuid ? machinePath(a.subject.connectionId, a.subject.uuid) : hostPath(a.subject.connectionId)}
                  size="sm"
                  truncate
                  display="block"
                >
                  {a.subject.pool ? `pool ${a.subject.pool}` : a.subject.name}
                </Anchor>
                <Text size="xs" c="dimmed" truncate>
                  {hostName(a.subject.connectionId)}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className={tableClasses.num}>
                <Text size="sm">{alertValue(a, rules.get(a.ruleId))}</Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={when(a.since)}>
                  <Text size="sm">{ago(a.since)}</Text>
                </Tooltip>
                <Text size="xs" c="dimmed">
                  {a.resolvedAt ? `resolved ${ago(a.resolvedAt)}` : a.firedAt ? `fired ${ago(a.firedAt)}` : 'not fired yet'}
                </Text>
              </Table.Td>
              <Table.Td>
                {a.acknowledged ? (
                  <Stack gap={0} data-testid="alert-acked" data-by={a.acknowledged.by}>
                    <Text size="sm" truncate>
                      by {a.acknowledged.by}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {when(a.acknowledged.at)}
                    </Text>
                  </Stack>
                ) : (
                  <Button
                    size="compact-sm"
                    variant="light"
                    leftSection={<IconCheck size={14} />}
                    loading={ack.isPending && ack.variables === a.id}
                    onClick={() => ack.mutate(a.id)}
                    data-testid="alert-ack"
                  >
                    Acknowledge
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

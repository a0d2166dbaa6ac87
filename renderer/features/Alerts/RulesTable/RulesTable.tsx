/** Every rule: what it watches, its severity, enable/disable, edit, and delete for the user's own rules. */
import { ActionIcon, Badge, Button, Group, Paper, Skeleton, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AlertRule } from '../../../../shared/contract/alerts';
import { errorMessage } from '../../../api';
import tableClasses from '../../../components/DataTable/DataTable.module.css';
import { connectionQueries } from '../../Connections/queries';
import { SeverityBadge } from '../AlertBadges/AlertBadges';
import { kindText, ruleCondition } from '../alert-text';
import { useDeleteRule, useToggleRule } from '../mutations';
import { alertQueries } from '../queries';
import { RuleFormModal } from '../RuleForm/RuleFormModal';

type Editing = { rule?: AlertRule } | null;

function scopeText(r: AlertRule, hostName: (id: string) => string): string {
  switch (r.scope.kind) {
    case 'all':
      return 'everything';
    case 'host':
      return `host ${hostName(r.scope.connectionId)}`;
    case 'vm':
      return `one machine on ${hostName(r.scope.connectionId)}`;
    case 'tag':
      return `tag “${r.scope.tag}”`;
  }
}

export function RulesTable() {
  const rules = useQuery(alertQueries.rules());
  const connections = useQuery(connectionQueries.list());
  const toggle = useToggleRule();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<Editing>(null);
  const hostName = (id: string) => connections.data?.find((c) => c.id === id)?.name ?? id;

  const confirmDelete = (r: AlertRule) =>
    modals.openConfirmModal({
      title: <Text fw={600}>Delete {r.name}?</Text>,
      children: <Text size="sm">The rule stops watching at once; its alerts stay in the history.</Text>,
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red', 'data-testid': 'confirm-action' },
      cancelProps: { 'data-testid': 'confirm-cancel' },
      onConfirm: () => remove.mutate(r.id),
    });

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Built-in rules can be edited and disabled, not deleted.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})} data-testid="rule-add">
          New rule
        </Button>
      </Group>
      {rules.isPending && <Skeleton h={160} />}
      {rules.isError && (
        <Text c="red" size="sm">
          {errorMessage(rules.error)}
        </Text>
      )}
      {rules.data && (
        <Paper withBorder radius="sm" style={{ overflow: 'auto' }}>
          <Table layout="fixed" verticalSpacing={8} horizontalSpacing="md" miw={900} highlightOnHover data-testid="rules-table">
            <Table.Thead className={tableClasses.head}>
              <Table.Tr>
                <Table.Th w="24%">Name</Table.Th>
                <Table.Th>Condition</Table.Th>
                <Table.Th w="16%">Scope</Table.Th>
                <Table.Th w={124}>Severity</Table.Th>
                <Table.Th w={90}>Enabled</Table.Th>
                <Table.Th w={90} ta="right">
                  Actions
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.map((r) => (
                <Table.Tr key={r.id} data-testid={`rule-row-${r.name}`} data-enabled={r.enabled}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500} truncate title={r.name}>
                        {r.name}
                      </Text>
                      {r.builtin && (
                        <Badge size="xs" variant="outline" color="gray" style={{ flex: 'none' }}>
                          built-in
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {kindText(r.kind)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {ruleCondition(r)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate>
                      {scopeText(r, hostName)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <SeverityBadge severity={r.severity} />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={r.enabled}
                      onChange={(e) => toggle.mutate({ id: r.id, enabled: e.currentTarget.checked })}
                      aria-label={`${r.enabled ? 'Disable' : 'Enable'} ${r.name}`}
                      data-testid={`rule-toggle-${r.name}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Tooltip label="Edit">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Edit ${r.name}`}
                          onClick={() => setEditing({ rule: r })}
                          data-testid={`rule-edit-${r.name}`}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      {!r.builtin && (
                        <Tooltip label="Delete">
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Delete ${r.name}`}
                            onClick={() => confirmDelete(r)}
                            data-testid={`rule-delete-${r.name}`}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && <RuleFormModal rule={editing.rule} onClose={() => setEditing(null)} onSaved={() => undefined} />}
    </Stack>
  );
}

/** Who did what through NovaCron: search and filters, paging, export as CSV or JSON. */
import { Alert, Badge, Button, Code, Group, Pagination, Popover, Select, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import type { AuditEntry, AuditFilter } from '../../../../shared/contract/audit';
import { errorMessage, invoke } from '../../../api';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { connectionQueries } from '../../Connections/queries';
import { downloadText } from '../download';
import { auditQueries } from '../queries';

const PAGE = 50;
const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
const RANGES: Record<string, number | null> = { all: null, '1h': 3600_000, '24h': 86400_000, '7d': 7 * 86400_000, '30d': 30 * 86400_000 };
const ACTIONS = [
  { value: '', label: 'Any action' },
  { value: 'vms.', label: 'Machines (vms.*)' },
  { value: 'vms.act', label: 'Lifecycle (vms.act)' },
  { value: 'vms.delete', label: 'Delete' },
  { value: 'vms.create', label: 'Create' },
  { value: 'vms.clone', label: 'Clone' },
  { value: 'vms.bulk', label: 'Bulk actions' },
  { value: 'snapshots.', label: 'Snapshots' },
  { value: 'inventory.', label: 'Tags and notes' },
  { value: 'connections.', label: 'Connections' },
  { value: 'alerts.', label: 'Alerts' },
];

function objectText(e: AuditEntry): string {
  return e.objects.map((o) => o.name ?? o.uuid ?? o.kind).join(', ') || '—';
}

function Params({ params }: { params: Record<string, unknown> }) {
  const text = JSON.stringify(params);
  if (text === '{}')
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  return (
    <Popover width={420} position="bottom-start" withinPortal shadow="md">
      <Popover.Target>
        <Text size="xs" ff="monospace" truncate style={{ cursor: 'pointer' }} title="Show all parameters">
          {text}
        </Text>
      </Popover.Target>
      <Popover.Dropdown>
        <Code block style={{ maxHeight: 320, overflow: 'auto' }}>
          {JSON.stringify(params, null, 2)}
        </Code>
      </Popover.Dropdown>
    </Popover>
  );
}

export function AuditPage() {
  const connections = useQuery(connectionQueries.list());
  const [text, setText] = useState('');
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [action, setAction] = useState<string>('');
  const [result, setResult] = useState<string | null>(null);
  const [range, setRange] = useState('all');
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);
  const deferredText = useDeferredValue(text.trim());
  // The time range is fixed when chosen (not re-evaluated on every render).
  const [rangeAt, setRangeAt] = useState(() => Date.now());
  const filter = useMemo<AuditFilter>(() => {
    const span = RANGES[range] ?? null;
    return {
      ...(deferredText ? { text: deferredText } : {}),
      ...(connectionId ? { connectionId } : {}),
      ...(action ? { action } : {}),
      ...(result === 'ok' || result === 'error' ? { result } : {}),
      ...(span ? { from: rangeAt - span } : {}),
    };
  }, [deferredText, connectionId, action, result, range, rangeAt]);
  const list = useQuery(auditQueries.page(filter, (page - 1) * PAGE, PAGE));
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  const exportAs = async (format: 'csv' | 'json') => {
    setExporting(format);
    try {
      const out = await invoke('audit.export', { ...filter, format });
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      downloadText(out.text, `novacron-audit-${stamp}.${format}`, format === 'csv' ? 'text/csv' : 'application/json');
      notifications.show({ color: 'teal', title: 'Exported', message: `${out.count} entries as ${format.toUpperCase()}.` });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Export failed', message: errorMessage(e) });
    } finally {
      setExporting(null);
    }
  };

  return (
    <Stack gap="md" flex={1} mih={0} data-testid="audit-page">
      <PageHeader
        title="Audit log"
        description={
          <span data-testid="audit-count" data-total={total}>
            Every change made through NovaCron: {total.toLocaleString('en-US')} matching entr{total === 1 ? 'y' : 'ies'}
          </span>
        }
      >
        <Group gap="xs">
          <Button
            variant="default"
            size="sm"
            leftSection={<IconDownload size={16} />}
            loading={exporting === 'csv'}
            onClick={() => void exportAs('csv')}
            data-testid="audit-export-csv"
          >
            CSV
          </Button>
          <Button
            variant="default"
            size="sm"
            leftSection={<IconDownload size={16} />}
            loading={exporting === 'json'}
            onClick={() => void exportAs('json')}
            data-testid="audit-export-json"
          >
            JSON
          </Button>
        </Group>
      </PageHeader>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          placeholder="Search action, user, object, parameters…"
          aria-label="Search the audit log"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => reset(setText)(e.currentTarget.value)}
          w={300}
          data-testid="audit-search"
        />
        <Select
          placeholder="Any connection"
          aria-label="Connection"
          clearable
          data={(connections.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={connectionId}
          onChange={reset(setConnectionId)}
          w={180}
          data-testid="audit-connection"
        />
        <Select
          aria-label="Action"
          data={ACTIONS}
          value={action}
          onChange={(v) => reset(setAction)(v ?? '')}
          allowDeselect={false}
          w={200}
          data-testid="audit-action"
        />
        <Select
          placeholder="Any result"
          aria-label="Result"
          clearable
          data={[
            { value: 'ok', label: 'Succeeded' },
            { value: 'error', label: 'Failed' },
          ]}
          value={result}
          onChange={reset(setResult)}
          w={140}
          data-testid="audit-result"
        />
        <Select
          aria-label="Time range"
          data={[
            { value: 'all', label: 'Any time' },
            { value: '1h', label: 'Last hour' },
            { value: '24h', label: 'Last 24 hours' },
            { value: '7d', label: 'Last 7 days' },
            { value: '30d', label: 'Last 30 days' },
          ]}
          value={range}
          onChange={(v) => {
            setRangeAt(Date.now());
            reset(setRange)(v ?? 'all');
          }}
          allowDeselect={false}
          w={150}
          data-testid="audit-range"
        />
      </Group>
      {list.isError && (
        <Alert color="red" title="Could not read the audit log">
          {errorMessage(list.error)}
        </Alert>
      )}
      {list.isPending ? (
        <Skeleton h={240} />
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing={6} striped highlightOnHover layout="fixed" data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>Time</Table.Th>
                <Table.Th w={80}>User</Table.Th>
                <Table.Th w={120}>Connection</Table.Th>
                <Table.Th w={150}>Object</Table.Th>
                <Table.Th w={150}>Action</Table.Th>
                <Table.Th>Parameters</Table.Th>
                <Table.Th w={170}>Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data?.entries ?? []).map((e) => (
                <Table.Tr key={e.id} data-testid="audit-row" data-action={e.action} data-ok={e.ok}>
                  <Table.Td fz="xs">{time.format(e.at)}</Table.Td>
                  <Table.Td fz="sm" data-testid="audit-user">
                    {e.user}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate>
                      {e.connectionName ?? e.connectionId ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate title={objectText(e)} data-testid="audit-object">
                      {objectText(e)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" truncate>
                      {e.action}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Params params={e.params} />
                  </Table.Td>
                  <Table.Td>
                    {e.ok ? (
                      <Badge size="sm" variant="light" color="teal" style={{ textTransform: 'none' }}>
                        ok · {e.durationMs} ms
                      </Badge>
                    ) : (
                      <Text size="xs" c="red" lineClamp={2} title={e.error?.message}>
                        {e.error ? `${e.error.code}: ${e.error.message}` : 'failed'}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.data && list.data.entries.length === 0 && (
            <Text size="sm" c="dimmed" ta="center" py="lg">
              No entries match.
            </Text>
          )}
        </Table.ScrollContainer>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} size="sm" data-testid="audit-pages" />
        </Group>
      )}
    </Stack>
  );
}

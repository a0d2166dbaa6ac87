import { Alert, Button, Center, CloseButton, EmptyState, Group, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconPlugConnected, IconSearch, IconServer2 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import type { VmState } from '../../../../shared/types';
import { inventoryQueries } from '../../Inventory/queries';
import { BulkBar } from '../Bulk/BulkBar';
import { useReadOnlyConnections } from '../read-only';
import { VM_STATE_LABELS } from '../vm-state';
import { errorMessage } from '../../../api';
import { AddLocalHostButton } from '../../Connections/LocalHost/AddLocalHostButton';
import { connectionQueries } from '../../Connections/queries';
import { vmQueries } from '../queries';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { numberFormat } from '../format';
import { useVmRows, type Sort, type SortKey, type VmRowData } from '../use-vm-rows';
import { NewMachineButton } from '../../CreateMachine/NewMachineButton';
import { VmTable } from '../VmTable/VmTable';

/** Every VM on every connected host, in one fast table. */
export function MachinesPage({ onOpenConnections }: { onOpenConnections: () => void }) {
  const vms = useQuery(vmQueries.list());
  const connections = useQuery(connectionQueries.list());
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  const deferredFilter = useDeferredValue(filter);
  const [hostFacet, setHostFacet] = useState<string | null>(null);
  const [stateFacet, setStateFacet] = useState<VmState | null>(null);
  const [tagFacet, setTagFacet] = useState<string | null>(null);
  const inventory = useQuery(inventoryQueries.list());
  const tagsByKey = useMemo(() => {
    const m = new Map<string, readonly string[]>();
    for (const e of inventory.data ?? []) if (e.tags.length) m.set(`${e.connectionId}/${e.uuid}`, e.tags);
    return m;
  }, [inventory.data]);
  const allTags = useMemo(() => [...new Set([...tagsByKey.values()].flat())].sort(), [tagsByKey]);
  const facets = useMemo(() => ({ connectionId: hostFacet, state: stateFacet, tag: tagFacet }), [hostFacet, stateFacet, tagFacet]);
  const { rows, total, all } = useVmRows(vms.data, connections.data, deferredFilter, sort, facets, tagsByKey);
  const readOnly = useReadOnlyConnections();

  // Selection by row key; Shift extends from the last toggled row (the anchor) over the rows as shown.
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<number | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const toggle = useCallback((index: number, range: boolean) => {
    const list = rowsRef.current;
    const row = list[index];
    if (!row) return;
    setSelected((prev) => {
      const next = new Set(prev);
      if (range && anchor.current !== null) {
        const [a, b] = anchor.current < index ? [anchor.current, index] : [index, anchor.current];
        for (let i = a; i <= b; i++) {
          const r = list[i];
          if (r) next.add(r.key);
        }
      } else if (next.has(row.key)) next.delete(row.key);
      else next.add(row.key);
      return next;
    });
    anchor.current = index;
  }, []);
  const toggleAll = useCallback(() => {
    setSelected((prev) => (prev.size > 0 ? new Set() : new Set(rowsRef.current.map((r) => r.key))));
    anchor.current = null;
  }, []);
  const clear = useCallback(() => setSelected(new Set()), []);
  const selection = useMemo(() => ({ selected, toggle, toggleAll }), [selected, toggle, toggleAll]);
  // Only machines that still exist stay selected.
  const selectedRows = useMemo<VmRowData[]>(() => (selected.size ? all.filter((r) => selected.has(r.key)) : []), [all, selected]);

  const connected = (connections.data ?? []).filter((c) => c.state === 'connected').length;
  const onSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));
  const count =
    rows.length === total
      ? `${numberFormat.format(total)} machines`
      : `${numberFormat.format(rows.length)} of ${numberFormat.format(total)} machines`;
  const hosts = `on ${connected} connected host${connected === 1 ? '' : 's'}`;

  const facetBoxes = (
    <>
      <Select
        placeholder="Any host"
        aria-label="Filter by host"
        clearable
        data={(connections.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={hostFacet}
        onChange={setHostFacet}
        w={150}
        data-testid="vm-filter-host"
      />
      <Select
        placeholder="Any state"
        aria-label="Filter by state"
        clearable
        data={Object.entries(VM_STATE_LABELS).map(([value, label]) => ({ value, label }))}
        value={stateFacet}
        onChange={(v) => setStateFacet(v as VmState | null)}
        w={140}
        data-testid="vm-filter-state"
      />
      <Select
        placeholder="Any tag"
        aria-label="Filter by tag"
        clearable
        searchable
        nothingFoundMessage="No tags yet"
        data={allTags}
        value={tagFacet}
        onChange={setTagFacet}
        w={140}
        data-testid="vm-filter-tag"
      />
    </>
  );

  const filterBox = (
    <TextInput
      placeholder="Search name, host, state or tag"
      aria-label="Filter machines"
      leftSection={<IconSearch size={16} />}
      rightSection={filter ? <CloseButton size="sm" aria-label="Clear filter" onClick={() => setFilter('')} /> : undefined}
      value={filter}
      onChange={(e) => setFilter(e.currentTarget.value)}
      w={280}
      data-testid="vm-filter"
    />
  );

  let body;
  if (vms.isPending || connections.isPending) body = <Skeleton flex={1} />;
  else if (vms.isError)
    body = (
      <Alert color="red" title="Could not load machines">
        {errorMessage(vms.error)}
      </Alert>
    );
  else if (connected === 0 && total === 0)
    body = (
      <Center flex={1}>
        <EmptyState
          variant="light"
          icon={<IconPlugConnected size={28} stroke={1.5} />}
          title="No host connected"
          description="Machines appear here once NovaCron is connected to at least one libvirt host."
        >
          <EmptyState.Actions>
            <Stack gap="sm" align="center">
              <AddLocalHostButton />
              <Button variant="default" onClick={onOpenConnections} data-testid="machines-open-connections">
                Open Connections
              </Button>
            </Stack>
          </EmptyState.Actions>
        </EmptyState>
      </Center>
    );
  else if (total === 0)
    body = (
      <Center flex={1}>
        <EmptyState
          icon={<IconServer2 size={28} stroke={1.5} />}
          title="No machines"
          description="The connected hosts have no virtual machines defined."
        />
      </Center>
    );
  else body = <VmTable rows={rows} sort={sort} onSort={onSort} selection={selection} readOnly={readOnly} />;

  return (
    <Stack gap="md" flex={1} mih={0}>
      <PageHeader
        title="Machines"
        description={
          <>
            <span data-testid="vm-count" data-count={rows.length} data-total={total}>
              {count}
            </span>{' '}
            {hosts}
          </>
        }
      >
        <NewMachineButton host={hostFacet} />
      </PageHeader>
      <Group gap="xs" wrap="wrap">
        {filterBox}
        {facetBoxes}
      </Group>
      {selectedRows.length > 0 && <BulkBar selected={selectedRows} readOnly={readOnly} onClear={clear} />}
      {body}
      {total > 0 && rows.length === 0 && (
        <Text size="sm" c="dimmed" ta="center">
          No machine matches {filter ? `“${filter}”` : 'these filters'}.
        </Text>
      )}
    </Stack>
  );
}

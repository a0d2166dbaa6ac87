/**
 * The create dialog: host, name, mode, IPv4 range and DHCP range, checked as
 * typed by the same rules the backend applies (shared/contract/network-rules.ts),
 * so Create is only offered for a network the host will accept.
 */
import { Alert, Button, Checkbox, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Connection } from '../../../../shared/types';
import type { NetworkCreateInput, NetworkCreateMode } from '../../../../shared/contract/networks';
import { dhcpRangeProblem, networkNameProblem, parseCidr, suggestDhcpRange } from '../../../../shared/contract/network-rules';
import { errorMessage, invoke, isApiError } from '../../../api';

const MODES: { value: NetworkCreateMode; label: string; help: string }[] = [
  { value: 'nat', label: 'NAT', help: 'Guests reach outside networks through the host (masqueraded); nothing outside reaches them.' },
  { value: 'routed', label: 'Routed', help: "Guests' traffic is routed by the host without NAT; the outside needs a route back." },
  { value: 'isolated', label: 'Isolated', help: 'Guests reach each other and the host only: no forwarding at all.' },
  { value: 'open', label: 'Open', help: 'A bridge with an address and no firewall rules from libvirt: the host decides what passes.' },
];

interface Props {
  hosts: Connection[];
  initialHost: string | null;
  onClose: () => void;
  onCreated: (connectionId: string, name: string) => void;
}

export function CreateNetworkModal({ hosts, initialHost, onClose, onCreated }: Props) {
  const [host, setHost] = useState<string | null>(initialHost ?? hosts[0]?.id ?? null);
  const [name, setName] = useState('');
  const [mode, setMode] = useState<NetworkCreateMode>('nat');
  const [cidr, setCidr] = useState('');
  const [dhcp, setDhcp] = useState(true);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [startNow, setStartNow] = useState(true);
  const [autostart, setAutostart] = useState(true);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const touch = (f: string) => setTouched((t) => (t[f] ? t : { ...t, [f]: true }));

  const needsIp = mode === 'nat' || mode === 'routed';
  const plan = cidr.trim() ? parseCidr(cidr) : null;
  const planOk = plan !== null && typeof plan !== 'string' ? plan : null;
  const suggestion = planOk ? suggestDhcpRange(planOk) : null;
  const wantsDhcp = dhcp && cidr.trim() !== '';
  const [s, e] = [start.trim() || suggestion?.start || '', end.trim() || suggestion?.end || ''];

  const problems = useMemo(() => {
    const p: Record<string, string | null> = {};
    p.host = host ? null : 'pick a host';
    p.name = networkNameProblem(name.trim());
    p.cidr = cidr.trim() === '' ? (needsIp ? `a ${mode} network needs an IPv4 range` : null) : typeof plan === 'string' ? plan : null;
    const range = wantsDhcp && planOk ? dhcpRangeProblem(planOk, s, e) : null;
    p.start = range && range.field !== 'end' ? range.message : null;
    p.end = range && range.field === 'end' ? range.message : null;
    return p;
  }, [host, name, cidr, needsIp, mode, plan, planOk, wantsDhcp, s, e]);
  const ok = Object.values(problems).every((v) => v === null);
  const shown = (f: string) => (touched[f] ? (problems[f] ?? undefined) : undefined);

  const create = useMutation({
    mutationFn: (i: NetworkCreateInput) => invoke('networks.create', i),
    onSuccess: (n) => {
      notifications.show({ color: 'teal', title: 'Network created', message: `${n.name} (${n.mode}${n.active ? ', running' : ''}).` });
      onCreated(n.connectionId, n.name);
    },
  });
  const serverIssue = (f: string) =>
    isApiError(create.error) ? create.error.issues?.find((i) => i.path === f || i.path.startsWith(`${f}.`))?.message : undefined;

  const submit = () => {
    setTouched({ host: true, name: true, cidr: true, start: true, end: true });
    if (!ok || !host) return;
    create.mutate({
      connectionId: host,
      name: name.trim(),
      mode,
      ...(cidr.trim() ? { cidr: cidr.trim() } : {}),
      ...(wantsDhcp ? { dhcp: { start: s, end: e } } : {}),
      start: startNow,
      autostart,
    });
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={600}>New virtual network</Text>}>
      <Stack gap="md" data-testid="network-create-form">
        <SimpleGrid cols={2}>
          <Select
            label="Host"
            data={hosts.map((h) => ({ value: h.id, label: h.name }))}
            value={host}
            onChange={setHost}
            allowDeselect={false}
            error={shown('host')}
            data-testid="network-create-host"
          />
          <TextInput
            label="Name"
            placeholder="lab-net"
            value={name}
            onChange={(ev) => (setName(ev.currentTarget.value), touch('name'))}
            onBlur={() => touch('name')}
            error={shown('name') ?? serverIssue('name')}
            data-autofocus
            data-testid="network-create-name"
          />
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Mode
          </Text>
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as NetworkCreateMode)}
            data={MODES.map((m) => ({ value: m.value, label: m.label }))}
            data-testid="network-create-mode"
          />
          <Text size="xs" c="dimmed">
            {MODES.find((m) => m.value === mode)?.help}
          </Text>
        </Stack>
        <TextInput
          label="IPv4 range"
          description={`The host's address on the network with the prefix length${needsIp ? '' : ' (optional)'}`}
          placeholder="10.213.5.1/24"
          value={cidr}
          onChange={(ev) => (setCidr(ev.currentTarget.value), touch('cidr'))}
          onBlur={() => touch('cidr')}
          error={shown('cidr') ?? serverIssue('cidr')}
          data-testid="network-create-cidr"
        />
        <Checkbox
          label="Hand out addresses with DHCP"
          checked={dhcp}
          disabled={cidr.trim() === ''}
          onChange={(ev) => setDhcp(ev.currentTarget.checked)}
          data-testid="network-create-dhcp"
        />
        {wantsDhcp && (
          <SimpleGrid cols={2}>
            <TextInput
              label="DHCP range start"
              placeholder={suggestion?.start ?? ''}
              value={start}
              onChange={(ev) => (setStart(ev.currentTarget.value), touch('start'))}
              onBlur={() => touch('start')}
              error={shown('start') ?? serverIssue('dhcp')}
              data-testid="network-create-dhcp-start"
            />
            <TextInput
              label="DHCP range end"
              placeholder={suggestion?.end ?? ''}
              value={end}
              onChange={(ev) => (setEnd(ev.currentTarget.value), touch('end'))}
              onBlur={() => touch('end')}
              error={shown('end')}
              data-testid="network-create-dhcp-end"
            />
          </SimpleGrid>
        )}
        <Group gap="lg">
          <Checkbox
            label="Start it now"
            checked={startNow}
            onChange={(ev) => setStartNow(ev.currentTarget.checked)}
            data-testid="network-create-start"
          />
          <Checkbox
            label="Start with the host"
            checked={autostart}
            onChange={(ev) => setAutostart(ev.currentTarget.checked)}
            data-testid="network-create-autostart"
          />
        </Group>
        {create.isError && (
          <Alert color="red" title="The host refused the network" data-testid="network-create-error">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={submit}
            loading={create.isPending}
            disabled={Object.keys(touched).length > 0 && !ok}
            data-testid="network-create-save"
          >
            Create network
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

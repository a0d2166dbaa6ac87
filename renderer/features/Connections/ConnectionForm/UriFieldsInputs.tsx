import { Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { monoInput } from '../../../components/styles/mono';
import { portError, type UriFields } from './build-uri';

interface Props {
  value: UriFields;
  onChange: (v: UriFields) => void;
}

/** Host, user, port and path: the pieces of a qemu(+ssh) URI. */
export function UriFieldsInputs({ value, onChange }: Props) {
  const set = <K extends keyof UriFields>(key: K, v: UriFields[K]) => onChange({ ...value, [key]: v });
  return (
    <Stack gap="sm">
      <Group grow align="flex-start" gap="sm">
        <TextInput
          label="Host"
          description="Empty for this machine"
          placeholder="kvm01.example.org"
          value={value.host}
          onChange={(e) => set('host', e.currentTarget.value)}
          data-testid="connection-host"
          styles={monoInput}
        />
        <TextInput
          label="User"
          description="SSH login"
          placeholder="root"
          value={value.user}
          onChange={(e) => set('user', e.currentTarget.value)}
          disabled={!value.host.trim()}
          data-testid="connection-user"
        />
        <TextInput
          label="Port"
          description="SSH port"
          placeholder="22"
          inputMode="numeric"
          value={value.port}
          onChange={(e) => set('port', e.currentTarget.value)}
          error={portError(value.port)}
          disabled={!value.host.trim()}
          data-testid="connection-port"
          maw={110}
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          libvirt instance
        </Text>
        <SegmentedControl
          value={value.path}
          onChange={(v) => set('path', v === 'session' ? 'session' : 'system')}
          data={[
            { value: 'system', label: 'System (/system)' },
            { value: 'session', label: 'User session (/session)' },
          ]}
          data-testid="connection-path"
        />
      </Stack>
    </Stack>
  );
}

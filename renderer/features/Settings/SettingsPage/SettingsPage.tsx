import { Anchor, Badge, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { appQueries, errorMessage } from '../../../api';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { MonitoringSettings } from '../MonitoringSettings/MonitoringSettings';

/** About this console, and where preferences will live. */
export function SettingsPage({ onOpenConnections }: { onOpenConnections: () => void }) {
  const info = useQuery(appQueries.info());
  return (
    <Stack gap="md" maw={960}>
      <PageHeader title="Settings" description="How this NovaCron instance runs." />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" radius="sm">
          <Stack gap="sm">
            <Title order={3} fz="md">
              About
            </Title>
            {info.isPending && <Skeleton h={100} />}
            {info.isError && (
              <Text c="red" size="sm">
                {errorMessage(info.error)}
              </Text>
            )}
            {info.data && (
              <Table variant="vertical" layout="fixed" withTableBorder data-testid="app-info">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={150}>Version</Table.Th>
                    <Table.Td ff="monospace" fz={13}>
                      {info.data.version}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Running as</Table.Th>
                    <Table.Td>{info.data.shell === 'electron' ? 'Desktop app' : 'Headless server (browser)'}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Data directory</Table.Th>
                    <Table.Td ff="monospace" fz={13} style={{ wordBreak: 'break-all' }}>
                      {info.data.dataDir}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Secret storage</Table.Th>
                    <Table.Td>
                      <Badge variant="light" color={info.data.secretStorage ? 'teal' : 'gray'} style={{ textTransform: 'none' }}>
                        {info.data.secretStorage ? 'available' : 'not available'}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="sm">
          <Stack gap="sm">
            <Title order={3} fz="md">
              Preferences
            </Title>
            <Text size="sm" c="dimmed">
              Coming soon: default key files and console options. Alert rules and the webhook live in the{' '}
              <Anchor href="#/alerts" size="sm">
                alert centre
              </Anchor>
              .
            </Text>
            <Text size="sm">
              Hypervisor hosts are managed under{' '}
              <Anchor component="button" type="button" onClick={onOpenConnections} data-testid="settings-open-connections">
                Connections
              </Anchor>
              .
            </Text>
          </Stack>
        </Paper>
        <MonitoringSettings />
      </SimpleGrid>
    </Stack>
  );
}

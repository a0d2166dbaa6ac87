/** A machine's page (#/machines/<connectionId>/<uuid>): its header with the actions, then its cards. */
import { Alert, Button, Center, EmptyState, Skeleton, Stack } from '@mantine/core';
import { IconArrowsExchange, IconServerOff } from '@tabler/icons-react';
import { errorMessage, isApiError } from '../../../api';
import { machinePath } from '../../../app/paths';
import { useConnectionName, useMovedTo } from '../../Migration/hooks';
import { MACHINE_CARDS } from '../cards';
import { MachineHeader } from '../MachineHeader/MachineHeader';
import { useMachine } from '../use-machine';

export function MachineDetailPage({ connectionId, uuid }: { connectionId: string; uuid: string }) {
  const { vm, row } = useMachine(connectionId, uuid);
  const moved = useMovedTo(connectionId, uuid);
  const movedName = useConnectionName(moved?.targetConnectionId);

  if (vm.isPending && !moved) return <Skeleton h={240} data-testid="machine-loading" />;
  if (!row) {
    const gone = isApiError(vm.error, 'not-found');
    // It left this host through NovaCron: say where it went.
    if (moved && (gone || vm.isPending))
      return (
        <Center mih={320} data-testid="machine-moved">
          <EmptyState
            variant="light"
            icon={<IconArrowsExchange size={28} stroke={1.5} />}
            title={`${moved.job.subject.name} moved to ${movedName ?? 'another host'}`}
            description="It was migrated off this host; its page is on the host it runs on now."
          >
            <EmptyState.Actions>
              <Button component="a" href="#/machines" variant="default">
                Back to Machines
              </Button>
              <Button component="a" href={machinePath(moved.targetConnectionId, uuid)} data-testid="machine-moved-open">
                Open on {movedName ?? 'its host'}
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Center>
      );
    return (
      <Center mih={320} data-testid="machine-missing">
        <EmptyState
          variant="light"
          icon={<IconServerOff size={28} stroke={1.5} />}
          title={gone ? 'No such machine' : 'Could not load the machine'}
          description={gone ? 'It may have been removed, or its host is not connected.' : errorMessage(vm.error)}
        >
          <EmptyState.Actions>
            <Button component="a" href="#/machines" variant="default">
              Back to Machines
            </Button>
            {!gone && <Button onClick={() => void vm.refetch()}>Try again</Button>}
          </EmptyState.Actions>
        </EmptyState>
      </Center>
    );
  }
  return (
    <Stack gap="md" data-testid="machine-page" data-uuid={row.uuid}>
      <MachineHeader row={row} />
      {vm.isError && (
        <Alert color="orange" title="Showing the last known state">
          {errorMessage(vm.error)}
        </Alert>
      )}
      {MACHINE_CARDS.map(({ id, Card }) => (
        <Card key={id} row={row} />
      ))}
    </Stack>
  );
}

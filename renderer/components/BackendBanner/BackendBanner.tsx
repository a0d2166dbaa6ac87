import { Alert, Loader, Text } from '@mantine/core';
import { useLinkStatus } from '../../api';

const HEADLESS = typeof window !== 'undefined' && window.novacron === undefined;

/** Shown while the link to the backend is down; the client reconnects on its own. */
export function BackendBanner() {
  const link = useLinkStatus();
  if (link.state !== 'reconnecting') return null;
  const title = link.wasOpen ? 'Backend connection lost — reconnecting' : 'Cannot reach the NovaCron backend — retrying';
  return (
    <Alert
      data-testid="backend-banner"
      role="status"
      color="orange"
      variant="light"
      radius={0}
      icon={<Loader size={16} color="orange" />}
      title={title}
      py="xs"
    >
      <Text size="sm">
        Views show the last known data; new actions wait for the link and fail if it does not come back (attempt {link.attempt}).
      </Text>
      {HEADLESS && link.attempt >= 4 && (
        <Text size="sm" c="dimmed">
          If the NovaCron server was restarted, open the new address it printed (NOVACRON_URL=…): each run has its own access token.
        </Text>
      )}
    </Alert>
  );
}

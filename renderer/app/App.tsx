import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { getBridge, linkStatus } from '../api/bridge';
import { startEventSync } from '../api/event-sync';
import { CACHE_SYNCS } from './cache-syncs';
import { createQueryClient } from '../api/query-client';
import { AppFrame } from '../components/AppFrame/AppFrame';
import { AlertCountBadge } from '../features/Alerts/AlertCountBadge/AlertCountBadge';
import { StartupWarnings } from '../components/StartupWarnings/StartupWarnings';
import { Page } from './Page';
import { colorSchemeManager, theme } from './theme';
import { useHashRoute } from './use-hash-route';

const NAV_BADGES = { alerts: <AlertCountBadge /> };

export function App() {
  const [client] = useState(createQueryClient);
  const [route, navigate, view] = useHashRoute();

  useEffect(() => startEventSync(getBridge(), client, linkStatus, CACHE_SYNCS), [client]);

  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
      <QueryClientProvider client={client}>
        <ModalsProvider>
          <Notifications position="bottom-right" limit={5} />
          <StartupWarnings />
          <AppFrame route={route} onNavigate={navigate} navBadges={NAV_BADGES}>
            <Page route={route} onNavigate={navigate} view={view} />
          </AppFrame>
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

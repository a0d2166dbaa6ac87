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
import { ConsoleDock } from '../features/Consoles/ConsoleDock/ConsoleDock';
import { ConsolesProvider } from '../features/Consoles/store';
import { JobsButton } from '../features/Jobs/JobsPanel/JobsPanel';
import { MigrationDialogs } from '../features/Migration/MigrationDialogs';
import { StartupWarnings } from '../components/StartupWarnings/StartupWarnings';
import { Page } from './Page';
import { colorSchemeManager, theme } from './theme';
import { useHashRoute } from './use-hash-route';

const NAV_BADGES = { alerts: <AlertCountBadge /> };
const HEADER_ACTIONS = <JobsButton />;

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
          {/* Above the pages: a migrated machine's page goes away while its dialog shows the outcome. */}
          <MigrationDialogs />
          <ConsolesProvider>
            <AppFrame route={route} onNavigate={navigate} navBadges={NAV_BADGES} headerActions={HEADER_ACTIONS} dock={<ConsoleDock />}>
              <Page route={route} onNavigate={navigate} view={view} />
            </AppFrame>
          </ConsolesProvider>
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

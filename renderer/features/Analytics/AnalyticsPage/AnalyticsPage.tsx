/** The Analytics area (#/analytics): anomalies, capacity, right-sizing and the detector's status, as tabs. */
import { Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { AnomaliesFeed } from '../AnomaliesFeed/AnomaliesFeed';
import { CapacityList } from '../CapacityList/CapacityList';
import { RightsizeView } from '../Rightsize/RightsizeView';
import { StatusPanel } from '../StatusPanel/StatusPanel';

export function AnalyticsPage() {
  const [tab, setTab] = useState<string | null>('anomalies');
  return (
    <Stack gap="md">
      <PageHeader title="Analytics" description="What behaves unusually, what fills up first, and what is sized wrong." />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="anomalies" data-testid="analytics-tab-anomalies">
            Anomalies
          </Tabs.Tab>
          <Tabs.Tab value="capacity" data-testid="analytics-tab-capacity">
            Capacity
          </Tabs.Tab>
          <Tabs.Tab value="rightsize" data-testid="analytics-tab-rightsize">
            Right-sizing
          </Tabs.Tab>
          <Tabs.Tab value="status" data-testid="analytics-tab-status">
            Status
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="anomalies" pt="md">
          <AnomaliesFeed />
        </Tabs.Panel>
        <Tabs.Panel value="capacity" pt="md">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Ranked by what fills first: days until full from the trend of the history, with the range it likely falls in.
            </Text>
            <CapacityList />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="rightsize" pt="md">
          <RightsizeView />
        </Tabs.Panel>
        <Tabs.Panel value="status" pt="md">
          <StatusPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

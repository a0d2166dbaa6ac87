import { Code, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { appQueries } from '../../api';

const TITLES: Record<string, string> = {
  'store-unreadable': 'NovaCron could not read its saved settings',
};

/** Problems the backend met at startup, shown once per window as lasting notifications. */
export function StartupWarnings() {
  const info = useQuery(appQueries.info());
  const shown = useRef(false);
  useEffect(() => {
    const warnings = info.data?.warnings;
    if (shown.current || !warnings) return;
    shown.current = true;
    for (const w of warnings) {
      notifications.show({
        color: 'orange',
        autoClose: false,
        title: TITLES[w.code] ?? 'Startup warning',
        message: (
          <Stack gap={4}>
            <Text size="sm">{w.message}</Text>
            {w.file && <Code>{w.file}</Code>}
          </Stack>
        ),
      });
    }
  }, [info.data]);
  return null;
}

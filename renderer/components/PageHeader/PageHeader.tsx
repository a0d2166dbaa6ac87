import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  description?: ReactNode;
  /** Buttons or filters on the right. */
  children?: ReactNode;
}

/** The title row every screen starts with. */
export function PageHeader({ title, description, children }: Props) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md">
      <Stack gap={2} miw={0}>
        <Title order={2} fz="h3">
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Stack>
      {children && (
        <Group gap="sm" wrap="nowrap">
          {children}
        </Group>
      )}
    </Group>
  );
}

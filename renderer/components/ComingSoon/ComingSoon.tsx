import { Badge, Center, EmptyState } from '@mantine/core';
import type { TablerIcon } from '@tabler/icons-react';

interface Props {
  title: string;
  description: string;
  icon: TablerIcon;
}

/** A tidy placeholder for an area that is planned but not built yet. */
export function ComingSoon({ title, description, icon: Icon }: Props) {
  return (
    <Center h="100%" mih={360} data-testid="coming-soon">
      <EmptyState maw={520} variant="light" icon={<Icon size={28} stroke={1.5} />} title={title} description={description}>
        <EmptyState.Actions>
          <Badge variant="outline" color="gray" size="lg">
            Coming soon
          </Badge>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}

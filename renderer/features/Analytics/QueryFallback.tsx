/** What an analytics view shows in place of its data: a skeleton while the query loads, the backend's words when it failed. */
import { Skeleton, Text } from '@mantine/core';
import { errorMessage } from '../../api';

export function QueryFallback({ query, height }: { query: { isPending: boolean; error: unknown }; height: number }) {
  if (query.isPending) return <Skeleton h={height} />;
  return (
    <Text c="red" size="sm">
      {errorMessage(query.error)}
    </Text>
  );
}

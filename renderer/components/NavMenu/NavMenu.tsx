import { NavLink, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ROUTE_GROUPS, ROUTES, type RouteId } from '../../app/routes';

interface Props {
  active: RouteId;
  onNavigate: (id: RouteId) => void;
  /** Shown at the right of an entry (the alert count). */
  badges?: Partial<Record<RouteId, ReactNode>>;
}

/** The side navigation, grouped; each entry is a real link (#/id) for keyboard and middle-click. */
export function NavMenu({ active, onNavigate, badges }: Props) {
  return (
    <Stack gap="md" component="nav" aria-label="Main">
      {ROUTE_GROUPS.map((group) => (
        <Stack gap={2} key={group}>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={2} style={{ letterSpacing: '0.04em' }}>
            {group}
          </Text>
          {ROUTES.filter((r) => r.group === group).map((r) => (
            <NavLink
              key={r.id}
              href={`#/${r.id}`}
              label={r.label}
              leftSection={<r.icon size={18} stroke={1.6} />}
              active={r.id === active}
              aria-current={r.id === active ? 'page' : undefined}
              data-testid={`nav-${r.id}`}
              onClick={(e) => {
                e.preventDefault();
                onNavigate(r.id);
              }}
              styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
              rightSection={
                r.comingSoon ? (
                  <Text size="10px" c="dimmed" tt="uppercase" fw={600}>
                    soon
                  </Text>
                ) : (
                  badges?.[r.id]
                )
              }
            />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

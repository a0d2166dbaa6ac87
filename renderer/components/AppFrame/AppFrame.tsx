import { AppShell, Burger, Group, ScrollArea, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHexagons } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { RouteId } from '../../app/routes';
import { BackendBanner } from '../BackendBanner/BackendBanner';
import { ConnectionIndicator } from '../ConnectionIndicator/ConnectionIndicator';
import { NavMenu } from '../NavMenu/NavMenu';
import { ThemeToggle } from '../ThemeToggle/ThemeToggle';
import classes from './AppFrame.module.css';

interface Props {
  route: RouteId;
  onNavigate: (id: RouteId) => void;
  /** Counts next to nav entries (given by the app, which knows the features). */
  navBadges?: Partial<Record<RouteId, ReactNode>>;
  /** Buttons for the header's right side, before the connection indicator (given by the app: e.g. the jobs panel). */
  headerActions?: ReactNode;
  children: ReactNode;
  /** Below the page, outside its scrolling (the console dock): stays while pages change. */
  dock?: ReactNode;
}

/** Header, side navigation and the main area that each screen fills. */
export function AppFrame({ route, onNavigate, navBadges, headerActions, children, dock }: Props) {
  const [navOpen, { toggle, close }] = useDisclosure(false);
  const navigate = (id: RouteId) => {
    close();
    onNavigate(id);
  };
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 216, breakpoint: 'sm', collapsed: { mobile: !navOpen } }} padding={0}>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpen} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <ThemeIcon size={30} radius="sm" variant="filled" aria-hidden>
              <IconHexagons size={18} stroke={1.8} />
            </ThemeIcon>
            <Text component="h1" fw={700} fz="lg" m={0} data-testid="product-name" style={{ letterSpacing: '-0.01em' }}>
              NovaCron
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {headerActions}
            <ConnectionIndicator onOpen={() => navigate('connections')} />
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <NavMenu active={route} onNavigate={navigate} badges={navBadges} />
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm">
            KVM / libvirt console
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>
        <BackendBanner />
        <div className={classes.content}>{children}</div>
        {dock}
      </AppShell.Main>
    </AppShell>
  );
}

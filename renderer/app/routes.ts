import {
  IconAlertTriangle,
  IconChartHistogram,
  IconLayoutDashboard,
  IconNetwork,
  IconPlugConnected,
  IconServer2,
  IconSettings,
  IconSitemap,
  IconTemplate,
  IconDatabase,
  IconListDetails,
  type TablerIcon,
} from '@tabler/icons-react';

export const ROUTE_IDS = [
  'dashboard',
  'machines',
  'templates',
  'storage',
  'networks',
  'topology',
  'alerts',
  'analytics',
  'audit',
  'connections',
  'settings',
] as const;
export type RouteId = (typeof ROUTE_IDS)[number];
export const DEFAULT_ROUTE: RouteId = 'machines';

export function isRouteId(value: string): value is RouteId {
  return (ROUTE_IDS as readonly string[]).includes(value);
}

export interface RouteInfo {
  id: RouteId;
  label: string;
  icon: TablerIcon;
  group: 'Overview' | 'Virtualization' | 'Operations' | 'Administration';
  /** Areas not built yet: what will be there. */
  comingSoon?: string;
}

export const ROUTES: readonly RouteInfo[] = [
  {
    id: 'dashboard',
    label: 'Dashboard',
    icon: IconLayoutDashboard,
    group: 'Overview',
  },
  { id: 'machines', label: 'Machines', icon: IconServer2, group: 'Virtualization' },
  {
    id: 'templates',
    label: 'Templates',
    icon: IconTemplate,
    group: 'Virtualization',
  },
  {
    id: 'storage',
    label: 'Storage',
    icon: IconDatabase,
    group: 'Virtualization',
  },
  {
    id: 'networks',
    label: 'Networks',
    icon: IconNetwork,
    group: 'Virtualization',
  },
  {
    id: 'topology',
    label: 'Topology',
    icon: IconSitemap,
    group: 'Virtualization',
  },
  {
    id: 'alerts',
    label: 'Alerts',
    icon: IconAlertTriangle,
    group: 'Operations',
  },
  { id: 'analytics', label: 'Analytics', icon: IconChartHistogram, group: 'Operations' },
  { id: 'audit', label: 'Audit log', icon: IconListDetails, group: 'Operations' },
  { id: 'connections', label: 'Connections', icon: IconPlugConnected, group: 'Administration' },
  { id: 'settings', label: 'Settings', icon: IconSettings, group: 'Administration' },
];

export const ROUTE_GROUPS = ['Overview', 'Virtualization', 'Operations', 'Administration'] as const;

export function routeInfo(id: RouteId): RouteInfo {
  return ROUTES.find((r) => r.id === id) ?? (ROUTES[1] as RouteInfo);
}

import { ComingSoon } from '../components/ComingSoon/ComingSoon';
import { ConnectionsPage } from '../features/Connections/ConnectionsPage/ConnectionsPage';
import { AuditPage } from '../features/Audit/AuditPage/AuditPage';
import { AlertsPage } from '../features/Alerts/AlertsPage/AlertsPage';
import { AnalyticsPage } from '../features/Analytics/AnalyticsPage/AnalyticsPage';
import { DashboardPage } from '../features/Dashboard/DashboardPage/DashboardPage';
import { HostDetailPage } from '../features/HostDetail/HostDetailPage/HostDetailPage';
import { MachineDetailPage } from '../features/MachineDetail/MachineDetailPage/MachineDetailPage';
import { MachinesPage } from '../features/Machines/MachinesPage/MachinesPage';
import { NetworkDetailPage } from '../features/Networks/NetworkDetailPage/NetworkDetailPage';
import { NetworksPage } from '../features/Networks/NetworksPage/NetworksPage';
import { SettingsPage } from '../features/Settings/SettingsPage/SettingsPage';
import { PoolPage } from '../features/Storage/PoolPage/PoolPage';
import { StoragePage } from '../features/Storage/StoragePage/StoragePage';
import { TemplatesPage } from '../features/Templates/TemplatesPage/TemplatesPage';
import { TopologyPage } from '../features/Topology/TopologyPage/TopologyPage';
import type { View } from './paths';
import { routeInfo, type RouteId } from './routes';

interface Props {
  route: RouteId;
  onNavigate: (id: RouteId) => void;
  /** A page below the area (a machine's, a host's). */
  view?: View;
}

/** The screen for a route. */
export function Page({ route, onNavigate, view }: Props) {
  // Keyed by subject: another machine's page starts fresh (range, scroll, charts).
  if (view?.kind === 'machine')
    return <MachineDetailPage key={`${view.connectionId}/${view.uuid}`} connectionId={view.connectionId} uuid={view.uuid} />;
  if (view?.kind === 'host') return <HostDetailPage key={view.connectionId} connectionId={view.connectionId} />;
  if (view?.kind === 'network')
    return <NetworkDetailPage key={`${view.connectionId}/${view.name}`} connectionId={view.connectionId} name={view.name} />;
  if (view?.kind === 'pool')
    return <PoolPage key={`${view.connectionId}/${view.pool}`} connectionId={view.connectionId} pool={view.pool} />;
  switch (route) {
    case 'dashboard':
      return <DashboardPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'analytics':
      return <AnalyticsPage />;
    case 'audit':
      return <AuditPage />;
    case 'networks':
      return <NetworksPage />;
    case 'storage':
      return <StoragePage />;
    case 'templates':
      return <TemplatesPage />;
    case 'topology':
      return <TopologyPage />;
    case 'machines':
      return <MachinesPage onOpenConnections={() => onNavigate('connections')} />;
    case 'connections':
      return <ConnectionsPage />;
    case 'settings':
      return <SettingsPage onOpenConnections={() => onNavigate('connections')} />;
    default: {
      const info = routeInfo(route);
      return <ComingSoon title={info.label} description={info.comingSoon ?? ''} icon={info.icon} />;
    }
  }
}

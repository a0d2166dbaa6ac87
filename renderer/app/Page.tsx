import { ComingSoon } from '../components/ComingSoon/ComingSoon';
import { ConnectionsPage } from '../features/Connections/ConnectionsPage/ConnectionsPage';
import { MachinesPage } from '../features/Machines/MachinesPage/MachinesPage';
import { SettingsPage } from '../features/Settings/SettingsPage/SettingsPage';
import { routeInfo, type RouteId } from './routes';

interface Props {
  route: RouteId;
  onNavigate: (id: RouteId) => void;
}

/** The screen for a route. */
export function Page({ route, onNavigate }: Props) {
  switch (route) {
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

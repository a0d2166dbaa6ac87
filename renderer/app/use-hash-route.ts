import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { parsePath, type View } from './paths';
import { DEFAULT_ROUTE, isRouteId, type RouteId } from './routes';

/** A hash router (#/machines, #/machines/<host>/<uuid>): works from file://, a custom protocol and http alike. */
function read(): string {
  return window.location.hash;
}

/** The area a hash belongs to: a machine's page is under Machines, a host's under Connections. */
export function areaOf(view: View): RouteId {
  if (view.kind === 'machine') return 'machines';
  if (view.kind === 'host') return 'connections';
  if (view.kind === 'network') return 'networks';
  if (view.kind === 'pool') return 'storage';
  return isRouteId(view.id) ? view.id : DEFAULT_ROUTE;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): [RouteId, (id: RouteId) => void, View] {
  const hash = useSyncExternalStore(subscribe, read);
  const view = useMemo(() => parsePath(hash), [hash]);
  const navigate = useCallback((id: RouteId) => {
    window.location.hash = `/${id}`;
  }, []);
  return [areaOf(view), navigate, view];
}

import { useCallback, useSyncExternalStore } from 'react';
import { DEFAULT_ROUTE, isRouteId, type RouteId } from './routes';

/** A hash router (#/machines): works from file://, a custom protocol and http alike. */
function read(): RouteId {
  const id = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isRouteId(id) ? id : DEFAULT_ROUTE;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): [RouteId, (id: RouteId) => void] {
  const route = useSyncExternalStore(subscribe, read);
  const navigate = useCallback((id: RouteId) => {
    window.location.hash = `/${id}`;
  }, []);
  return [route, navigate];
}

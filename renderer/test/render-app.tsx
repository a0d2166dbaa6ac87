/**
 * Renders the whole renderer the way main.tsx does (the App: Mantine, TanStack
 * Query with the app's own QueryClient, modals, notifications and the event
 * listener), on one route, against a test backend.
 */
import { render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { App } from '../app/App';
import type { RouteId } from '../app/routes';
import { installBackend, type TestBackend } from './test-backend';

export function renderApp(backend: TestBackend, route: RouteId): RenderResult & { user: UserEvent } {
  installBackend(backend);
  window.location.hash = `/${route}`;
  const user = userEvent.setup();
  return { user, ...render(<App />) };
}

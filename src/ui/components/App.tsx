/** The whole panel: toolbar, sessions and summary, timeline, request list, details, status bar. */
import type { PanelStore } from '../store/panel-store.ts';
import { HostContext, StoreContext, usePanelState, useStore } from '../store/use-store.ts';
import type { PanelHost } from '../host.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Toolbar } from './Toolbar.tsx';
import { SessionList } from './SessionList.tsx';
import { Summary } from './Summary.tsx';
import { Timeline } from './Timeline.tsx';
import { RequestList } from './RequestList.tsx';
import { Details } from './Details.tsx';
import { EmptyState } from './EmptyState.tsx';
import { StatusBar } from './StatusBar.tsx';

export function App({ store, host }: { store: PanelStore; host: PanelHost }) {
  return (
    <StoreContext.Provider value={store}>
      <HostContext.Provider value={host}>
        <Layout />
      </HostContext.Provider>
    </StoreContext.Provider>
  );
}

function Layout() {
  const state = usePanelState();
  const store = useStore();
  const empty = store.analysis().calls.length === 0;
  return (
    <div class={`app theme-${state.theme}`} data-testid="app">
      <ErrorBoundary name="toolbar"><Toolbar /></ErrorBoundary>
      {empty ? (
        <ErrorBoundary name="empty state"><EmptyState /></ErrorBoundary>
      ) : (
        <div class="main">
          <div class="left">
            <ErrorBoundary name="sessions"><SessionList /></ErrorBoundary>
            <ErrorBoundary name="summary"><Summary /></ErrorBoundary>
          </div>
          <div class="right">
            <ErrorBoundary name="timeline"><Timeline /></ErrorBoundary>
            <div class="bottom">
              <ErrorBoundary name="request list"><RequestList /></ErrorBoundary>
              <ErrorBoundary name="details"><Details /></ErrorBoundary>
            </div>
          </div>
        </div>
      )}
      <ErrorBoundary name="status bar"><StatusBar /></ErrorBoundary>
    </div>
  );
}

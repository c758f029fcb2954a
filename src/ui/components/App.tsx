/** The whole panel: toolbar, sessions and summary, timeline, request list, details, status bar. */
import type { PanelStore } from '../store/panel-store.ts';
import { HostContext, StoreContext, usePanelState, useStore } from '../store/use-store.ts';
import type { PanelHost } from '../host.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Toolbar } from './Toolbar.tsx';
import { SessionList } from './SessionList.tsx';
import { Summary } from './Summary.tsx';
import { Timeline } from './timeline/Timeline.tsx';
import { RequestList } from './RequestList.tsx';
import { Details } from './Details.tsx';
import { EmptyState } from './EmptyState.tsx';
import { StatusBar } from './StatusBar.tsx';
import { Splitter } from './Splitter.tsx';
import { LossBanner } from './LossBanner.tsx';
import { FileViewBar, ShownStore } from './FileView.tsx';
import { useEffect, useRef, useState } from 'preact/hooks';

export function App({ store, host }: { store: PanelStore; host: PanelHost }) {
  return (
    <StoreContext.Provider value={store}>
      <HostContext.Provider value={host}>
        <ShownStore><Layout /></ShownStore>
      </HostContext.Provider>
    </StoreContext.Provider>
  );
}

/** At this width and below (DevTools docked to the side) the panes stack and the timeline and summary start folded; the same bound as styles.css' @media (max-width: 900px). */
const NARROW_PX = 900;

function Layout() {
  const state = usePanelState();
  const store = useStore();
  const empty = store.analysis().calls.length === 0;
  const app = useRef<HTMLDivElement>(null);
  const [timelineOpen, setTimelineOpen] = useState<boolean | null>(null);
  const [summaryOpen, setSummaryOpen] = useState<boolean | null>(null);
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const el = app.current;
    const Observer = el?.ownerDocument.defaultView?.ResizeObserver;
    if (!el || !Observer) return;
    const ro = new Observer(() => setNarrow(el.clientWidth > 0 && el.clientWidth <= NARROW_PX));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // Folded by default only when narrow; the user's choice wins once made.
  const showTimeline = timelineOpen ?? !narrow;
  const showSummary = summaryOpen ?? !narrow;
  const hasSessions = !empty && store.analysis().sessions.length > 0;
  return (
    <div ref={app} class={`app theme-${state.theme}${narrow ? ' narrow' : ''}`} data-testid="app">
      <ErrorBoundary name="toolbar"><Toolbar /></ErrorBoundary>
      <div class="banner-slot"><ErrorBoundary name="banner"><FileViewBar /><LossBanner /></ErrorBoundary></div>
      {empty ? (
        <ErrorBoundary name="empty state"><EmptyState /></ErrorBoundary>
      ) : (
        <div class="main">
          <div class={`left${hasSessions && showSummary ? ' with-summary' : ''}`}>
            <ErrorBoundary name="sessions"><SessionList /></ErrorBoundary>
            {hasSessions && showSummary && <Splitter variable="--summary-h" axis="y" min={40} max={1200} from="after" keep={56} />}
            {hasSessions && (
              <div class="summary-pane">
                <button type="button" class="pane-toggle" aria-expanded={showSummary} data-testid="summary-toggle"
                  onClick={() => setSummaryOpen(!showSummary)}>{showSummary ? '▾' : '▸'} Summary</button>
                {showSummary && <ErrorBoundary name="summary"><Summary /></ErrorBoundary>}
              </div>
            )}
          </div>
          {/* Beside the sessions their width, above the list (narrow) the sessions strip's height. */}
          <Splitter variable={narrow ? '--left-h' : '--left-w'} axis={narrow ? 'y' : 'x'} min={narrow ? 48 : 160} max={narrow ? 1200 : 600} from="before" keep={narrow ? 120 : 300} />
          <div class="right">
            <button type="button" class="pane-toggle timeline-toggle" aria-expanded={showTimeline} data-testid="timeline-toggle"
              onClick={() => setTimelineOpen(!showTimeline)}>{showTimeline ? '▾' : '▸'} Timeline</button>
            {showTimeline ? <ErrorBoundary name="timeline"><Timeline /></ErrorBoundary> : <div />}
            <div class="bottom">
              <ErrorBoundary name="request list"><RequestList /></ErrorBoundary>
              <Splitter variable={narrow ? '--details-h' : '--details-w'} axis={narrow ? 'y' : 'x'} min={narrow ? 80 : 220} max={1200} from="after" />
              <ErrorBoundary name="details"><Details /></ErrorBoundary>
            </div>
          </div>
        </div>
      )}
      <ErrorBoundary name="status bar"><StatusBar /></ErrorBoundary>
    </div>
  );
}

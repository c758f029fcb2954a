/** Why the panel is empty, said plainly: nothing seen yet, paused, DevTools opened late, or a file to open. */
import { plural } from '../format.ts';
import { usePanelState, useHost } from '../store/use-store.ts';
import { OpenFile } from './OpenFile.tsx';

export function EmptyState() {
  const state = usePanelState();
  const host = useHost();
  if (host.kind === 'viewer' || state.source === 'file') {
    return (
      <div class="empty" data-testid="empty">
        <h2>Open a recording</h2>
        <p>Drop a HAR file here, or <OpenFile />. Export one from the Network panel of Chrome or Firefox (“Save all as HAR”) or from Charles.</p>
        <p>Everything stays on this machine: the file is read here and nothing is sent anywhere.</p>
      </div>
    );
  }
  return (
    <div class="empty" data-testid="empty">
      <h2>No Media Collection call captured yet</h2>
      <ul>
        {!state.recording && <li class="sev-warning" data-testid="empty-paused">Recording is paused: press ● Record to capture again.</li>}
        <li data-testid="empty-others">{state.otherRequests === 0
          ? 'No request has been seen since DevTools opened.'
          : `${plural(state.otherRequests, 'other request was', 'other requests were')} seen, none of them a Media Collection or Media Edge call.`}</li>
        <li>DevTools only sees requests made while it is open: if the player started before, reload the page (with Preserve log on).{state.backfilled > 0 ? ` (${plural(state.backfilled, 'request')} DevTools had already recorded ${state.backfilled === 1 ? 'was' : 'were'} read back; none was a Media Collection or Media Edge call.)` : ''}</li>
        <li>Calls blocked by an ad blocker or a privacy extension still appear here, as <code>http.failed</code>.</li>
        <li data-testid="empty-paths">Media calls are those to Media Collection (<code>…/api/v1/sessions</code>, <code>…/api/v1/sessions/&lt;sid&gt;/events</code>) and Media Edge
          (<code>…/ee/va/v1/sessionStart</code> and the other <code>…/va/v1/&lt;event&gt;</code> paths, <code>…/ee/v1/interact</code> from the Web SDK).</li>
        <li>A proxy or first-party endpoint with other paths? Add it under ⚙ Settings → custom endpoints.</li>
      </ul>
      {state.navigations.length > 0 && <p>The page navigated {plural(state.navigations.length, 'time')} since DevTools opened.</p>}
    </div>
  );
}

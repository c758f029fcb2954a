/**
 * After a navigation while only the DevTools network API captured (no "Capture without loss"):
 * the browser may have lost the media calls in flight, so say so where the tester looks, and
 * offer the capture that does not lose them. Findings name such gaps capture.gap.
 */
import { clip } from '../format.ts';
import { useHost, usePanelState, useStore } from '../store/use-store.ts';

export function LossBanner() {
  const state = usePanelState();
  const store = useStore();
  const host = useHost();
  const n = state.lossNotice;
  if (!n || state.webCapture === 'on' || state.webCapture === 'unavailable') return null;
  return (
    <div class="loss-banner" role="status" data-testid="loss-banner">
      <span>The page navigated to <span class="url" title={clip(n.url, 500)}>{clip(n.url, 80)}</span> while media calls were being sent: the browser&apos;s DevTools can lose calls at a navigation, so a session left open or a missing error here may be the capture&apos;s, not the player&apos;s (shown as <code>capture.gap</code>).</span>
      {host.openCaptureSetup && <button type="button" onClick={() => host.openCaptureSetup?.()} data-testid="loss-banner-setup">Capture without loss…</button>}
      <button type="button" class="dismiss" aria-label="Dismiss" title="Dismiss" onClick={() => store.dismissLossNotice()} data-testid="loss-banner-dismiss">×</button>
    </div>
  );
}

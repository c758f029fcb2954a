/**
 * A file opened in the DevTools panel has a view of its own: everything below <ShownStore> reads
 * the file's store while it is viewed, and the live capture goes on behind it, untouched. The bar
 * says which file is shown, that its rows come from the file, how many calls the live capture took
 * meanwhile, and goes back to it.
 */
import type { ComponentChildren } from 'preact';
import { clip, count } from '../format.ts';
import type { PanelStore } from '../store/panel-store.ts';
import { StoreContext, usePanelState, useStore, useStoreState } from '../store/use-store.ts';

/** Provides the store of what is shown: the opened file's while one is viewed, else the live one. */
export function ShownStore({ children }: { children: ComponentChildren }) {
  const store = useStore();
  const viewing = usePanelState().viewing;
  // Always a provider, so that switching views keeps the panes (and their own state) mounted.
  return <StoreContext.Provider value={viewing?.store ?? store}>{children}</StoreContext.Provider>;
}

export function FileViewBar() {
  const store = useStore();
  const file = usePanelState().file;
  if (!store.opener || !file) return null;
  return <Bar live={store.opener} name={file.name} kind={file.kind} />;
}

function Bar({ live, name, kind }: { live: PanelStore; name: string; kind: string }) {
  const state = useStoreState(live);
  const since = state.viewing ? Math.max(0, live.callCount() - state.viewing.liveCalls) : 0;
  return (
    <div class="file-view-bar" role="status" data-testid="file-view-bar">
      <span>
        Viewing <b class="file-name" title={clip(name, 500)}>{clip(name, 80)}</b> ({kind}): these requests come from the file, not from the inspected page.
        {' '}The live capture goes on{state.recording ? '' : ' (paused)'}{since > 0 ? `: ${count(since)} new Media Collection call${since === 1 ? '' : 's'} since` : ''}.
      </span>
      <button type="button" onClick={() => live.backToLive()} data-testid="back-to-live">Back to live capture</button>
    </div>
  );
}

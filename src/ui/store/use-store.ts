/** Hooks that connect the views to the store (passed down by context, no module singletons). */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { PanelState, PanelStore } from './panel-store.ts';
import type { PanelHost } from '../host.ts';

export const StoreContext = createContext<PanelStore | null>(null);
export const HostContext = createContext<PanelHost | null>(null);

export function useStore(): PanelStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside <StoreContext.Provider>');
  return store;
}

export function useHost(): PanelHost {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost outside <HostContext.Provider>');
  return host;
}

/** The store's state; the component re-renders on every (batched) change. */
export function usePanelState(): PanelState {
  return useStoreState(useStore());
}

/** The state of a given store (the live one behind a file's view, say), re-rendering on its changes. */
export function useStoreState(store: PanelStore): PanelState {
  const [, setVersion] = useState(store.get().version);
  useEffect(() => store.subscribe(() => setVersion(store.get().version)), [store]);
  return store.get();
}

/**
 * *Viewer ↗* opens the panel's current capture in the viewer tab. The panel offers it on a
 * BroadcastChannel of the extension's own origin; the viewer, opened with `#capture=<id>`, asks
 * for that id and gets a copy, then says what it shows (the panel's status bar repeats it). Nothing
 * is written anywhere (no storage, no file): the copy lives in the viewer tab's memory, as the
 * capture lives in the panel's, and the panel forgets its offer once taken or after a minute. The extension's CSP (connect-src 'none') does not concern
 * it: no network is involved. A plain web API, so the viewer stays free of extension APIs.
 * https://developer.mozilla.org/en-US/docs/Web/API/BroadcastChannel
 */
import type { Exchange } from '../core/exchange.ts';
import type { Settings } from '../core/session/settings.ts';
import { siteOf } from './export.ts';
import type { Navigation, PanelStore } from './store/panel-store.ts';

export interface ViewerCapture {
  exchanges: Exchange[];
  navigations: Navigation[];
  /** The panel's settings: custom endpoints decide which requests are Media Collection calls. */
  settings: Settings;
  /** Where it was captured (the inspected page's host), when known. */
  site: string | null;
}

/** What the viewer shows once it has the capture. */
export interface ViewerShown {
  requests: number;
  sessions: number;
}

type Message =
  | { type: 'ask'; id: string }
  | { type: 'capture'; id: string; capture: ViewerCapture }
  | { type: 'shown'; id: string; shown: ViewerShown };

const CHANNEL = 'mci-viewer-handoff';

/** The window's own BroadcastChannel (the panel's code runs in the devtools page's realm), or null. */
function channelIn(win: Window): BroadcastChannel | null {
  const Channel = (win as unknown as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  return typeof Channel === 'function' ? new Channel(CHANNEL) : null;
}

/** A copy of what the store shows, for the viewer (`pageHost`: the inspected page's, when known). */
export function captureOf(store: PanelStore, pageHost: string | null): ViewerCapture {
  const state = store.get();
  return { exchanges: store.allExchanges(), navigations: [...state.navigations], settings: state.settings, site: siteOf(store, pageHost) };
}

/**
 * Offers `capture` to the viewer that asks for `id`, once, for `ms` at most, and hears what it
 * shows then (`onShown`); false when the window cannot.
 */
export function offerCapture(win: Window, id: string, capture: ViewerCapture, ms = 60_000, onShown: (shown: ViewerShown) => void = () => {}): boolean {
  const channel = channelIn(win);
  if (!channel) return false;
  let offered: ViewerCapture | null = capture;
  const timer = win.setTimeout(() => channel.close(), ms);
  channel.onmessage = (e: MessageEvent<Message>) => {
    if (e.data?.id !== id) return;
    if (e.data.type === 'ask' && offered) {
      channel.postMessage({ type: 'capture', id, capture: offered } satisfies Message);
      offered = null;
    } else if (e.data.type === 'shown') {
      win.clearTimeout(timer);
      channel.close();
      onShown(e.data.shown);
    }
  };
  return true;
}

/** The viewer says what it shows of the capture `id` (to the panel that offered it). */
export function tellShown(win: Window, id: string, shown: ViewerShown): void {
  const channel = channelIn(win);
  channel?.postMessage({ type: 'shown', id, shown } satisfies Message);
  channel?.close();
}

/** Asks the panel that opened this viewer for the capture `id`; null when no panel answers within `ms`. */
export function askForCapture(win: Window, id: string, ms = 10_000): Promise<ViewerCapture | null> {
  return new Promise((resolve) => {
    const channel = channelIn(win);
    if (!channel) return resolve(null);
    const done = (capture: ViewerCapture | null) => {
      win.clearTimeout(timer);
      channel.close();
      resolve(capture);
    };
    const timer = win.setTimeout(() => done(null), ms);
    channel.onmessage = (e: MessageEvent<Message>) => {
      if (e.data?.type === 'capture' && e.data.id === id) done(e.data.capture);
    };
    channel.postMessage({ type: 'ask', id } satisfies Message);
  });
}

/** The capture id a viewer was opened for (`#capture=<id>`), if any. */
export function captureIdIn(hash: string): string | null {
  return /^#capture=([\w-]{8,64})$/.exec(hash)?.[1] ?? null;
}

/** Analysis settings: ad ping cadence, tolerances, custom endpoints. Changing one re-analyses everything. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdPingCadence } from '../../core/session/settings.ts';
import { useHost, usePanelState, useStore } from '../store/use-store.ts';

export function SettingsPanel({ onClose }: { onClose(): void }) {
  const store = useStore();
  const host = useHost();
  const s = usePanelState().settings;
  const [endpoints, setEndpoints] = useState(s.customEndpoints.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const apply = (patch: Parameters<typeof store.setSettings>[0]) => {
    try {
      store.setSettings(patch);
      host.saveSettings(store.get().settings);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const seconds = (v: string) => Number(v);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Focus moves into the dialog, so that Escape reaches it, and back to where it was on closing.
    const el = dialog.current;
    if (!el) return;
    const before = el.ownerDocument.activeElement as HTMLElement | null;
    if (!el.contains(before)) el.focus();
    return () => {
      const active = el.ownerDocument.activeElement;
      const lost = !active || active === el.ownerDocument.body || el.contains(active);
      if (lost && before?.isConnected && !el.contains(before)) before.focus?.();
    };
  }, []);
  // Handled here and stopped: an Escape that reaches DevTools opens its Console drawer.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    onClose();
  };
  return (
    <div class="settings" role="dialog" aria-label="Settings" data-testid="settings" tabIndex={-1} ref={dialog}
      onKeyDown={onKeyDown}>
      <label>Ad ping cadence
        <select value={s.adPingCadence} onChange={(e) => apply({ adPingCadence: e.currentTarget.value as AdPingCadence })} data-testid="setting-ad-ping">
          <option value="either">1 s or 10 s</option>
          <option value="1">every 1 s</option>
          <option value="10">every 10 s</option>
        </select>
      </label>
      <label title="Adobe's SDKs accept a main ping interval of 10 to 50 s. Auto: a Media Edge session is judged by the interval it keeps itself (read from its first pings), a Media Collection session by 10 s.">Main ping interval (s)
        <input type="number" min="10" max="50" step="1" placeholder="auto" value={s.mainPingIntervalS ?? ''} data-testid="setting-main-ping"
          onChange={(e) => apply({ mainPingIntervalS: e.currentTarget.value.trim() === '' ? null : seconds(e.currentTarget.value) })} />
      </label>
      <div class="hint">Empty: auto (a Media Edge session's own interval, 10 to 50 s; otherwise 10 s)</div>
      <label>Ping tolerance (s)
        <input type="number" min="0" step="0.5" value={s.pingToleranceMs / 1000} onChange={(e) => apply({ pingToleranceMs: seconds(e.currentTarget.value) * 1000 })} />
      </label>
      <label>Clock skew tolerance (s)
        <input type="number" min="0" step="10" value={s.clockSkewToleranceMs / 1000} onChange={(e) => apply({ clockSkewToleranceMs: seconds(e.currentTarget.value) * 1000 })} />
      </label>
      <label>Playhead tolerance (s)
        <input type="number" min="0" step="0.5" value={s.playheadToleranceS} onChange={(e) => apply({ playheadToleranceS: seconds(e.currentTarget.value) })} />
      </label>
      <label title="Cookie, Set-Cookie, Authorization and other secret headers: by default their values are not kept in the capture nor written into any export, since reports go into tickets.">
        <input type="checkbox" checked={s.keepSensitiveHeaders} data-testid="setting-keep-sensitive"
          onChange={(e) => apply({ keepSensitiveHeaders: e.currentTarget.checked })} /> Keep sensitive headers (cookies, authorization) in captures and exports
      </label>
      <div>Custom endpoints</div>
      <div class="hint">One URL per line standing for …/api/v1, e.g. https://t.example.com/mc</div>
      <textarea value={endpoints} onInput={(e) => setEndpoints(e.currentTarget.value)} data-testid="setting-endpoints"
        onBlur={() => apply({ customEndpoints: endpoints.split('\n').map((l) => l.trim()).filter(Boolean) })} />
      {error && <div class="sev-error">{error}</div>}
      <div><button type="button" onClick={onClose}>Close</button></div>
    </div>
  );
}

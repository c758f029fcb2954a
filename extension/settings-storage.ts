/** The panel's settings, kept in the extension's storage so they outlive DevTools. */
import type { Settings } from '../src/core/session/settings.ts';
import type { SettingsStorage } from './api/devtools-api.ts';

const KEY = 'settings';

export async function loadSettings(storage: SettingsStorage): Promise<Partial<Settings> | null> {
  try {
    const value = await storage.get(KEY);
    return value && typeof value === 'object' ? (value as Partial<Settings>) : null;
  } catch {
    return null;
  }
}

export function saveSettings(storage: SettingsStorage, settings: Settings): void {
  void storage.set(KEY, settings).catch(() => undefined);
}

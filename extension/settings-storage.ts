/** Settings persisted with browser.storage.local (the "storage" permission). */
import browser from 'webextension-polyfill';
import type { Settings } from '../src/core/session/settings.ts';

const KEY = 'settings';

export async function loadSettings(): Promise<Partial<Settings> | null> {
  try {
    const got = await browser.storage.local.get(KEY);
    const value = got[KEY];
    return value && typeof value === 'object' ? (value as Partial<Settings>) : null;
  } catch {
    return null;
  }
}

export function saveSettings(settings: Settings): void {
  void browser.storage.local.set({ [KEY]: settings }).catch(() => undefined);
}

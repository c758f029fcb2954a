/**
 * The settings a report was analysed with, as the HTML report shows them: a table of names as
 * the panel and the CLI say them, and values with their units ("2 s", "auto", "none").
 */
import { DEFAULT_SETTINGS, SETTING_NAMES, type Settings } from '../session/settings.ts';
import { escapeXml as esc } from './escape.ts';
import { value } from './html-text.ts';

export function settingsTable(s: Settings): string {
  const rows: [keyof Settings, string][] = [
    ['adPingCadence', s.adPingCadence === 'either' ? 'either (1 s or 10 s)' : `${s.adPingCadence} s`],
    ['mainPingIntervalS', s.mainPingIntervalS === null ? 'auto' : `${s.mainPingIntervalS} s`],
    ['pingToleranceMs', seconds(s.pingToleranceMs)],
    ['clockSkewToleranceMs', seconds(s.clockSkewToleranceMs)],
    ['playheadToleranceS', `${s.playheadToleranceS} s`],
    ['customEndpoints', s.customEndpoints.length ? '' : 'none'],
    ['keepSensitiveHeaders', s.keepSensitiveHeaders ? 'yes' : 'no'],
  ];
  const body = rows.map(([key, shown]) => {
    // Captured-like text (endpoint URLs come from a settings file): escaped, long ones cut.
    const cell = key === 'customEndpoints' && s.customEndpoints.length ? s.customEndpoints.map((e) => value(e, true)).join('<br>') : esc(shown);
    const changed = !same(s[key], DEFAULT_SETTINGS[key]);
    return `<tr><th>${esc(SETTING_NAMES[key])}</th><td>${cell}${changed ? ' <span class="note">(changed from the default)</span>' : ''}</td></tr>`;
  });
  return `<table class="settings"><thead><tr><th>setting</th><th>value</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** "2 s", "5 min", "1.5 s". */
function seconds(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

function same(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;
}

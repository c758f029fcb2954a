/** What both browsers' panel tests check, on what the panel shows (see panel-dom.ts). */
import assert from 'node:assert/strict';
import type { PanelView } from './panel-dom.ts';

/** The rows of one session appear in ts order (the list is in send order; a correct player sends in order). */
export function assertTsOrder(view: PanelView, sid: string): void {
  const times = view.rows.filter((r) => r.sid === sid).map((r) => r.time);
  assert.ok(times.length > 0, `no row for session ${sid}`);
  for (let i = 1; i < times.length; i++) assert.ok((times[i] as number) >= (times[i - 1] as number), `row ${i} of ${sid} is out of ts order`);
}

export function rowsWith(view: PanelView, code: string) {
  return view.rows.filter((r) => r.codes.includes(code));
}

/** Clean: one session, every call accepted, no error or warning anywhere. */
export function assertClean(view: PanelView): void {
  assert.equal(view.sessions.length, 1, JSON.stringify(view.sessions));
  assert.ok(view.rows.length >= 40, `expected the whole session, got ${view.rows.length} rows`);
  assert.match(view.status, /0 errors · 0 warnings/);
  assert.deepEqual(view.rows.filter((r) => r.status === 'failed' || Number(r.status) >= 400), []);
  assertTsOrder(view, view.sessions[0]?.sid ?? '');
  assert.equal(view.rows[0]?.event, 'sessionStart');
}

export function assertOrphanAd(view: PanelView): void {
  const orphan = rowsWith(view, 'ad.orphan-start');
  assert.equal(orphan.length, 1, JSON.stringify(view.rows.map((r) => [r.event, r.codes])));
  assert.equal(orphan[0]?.event, 'adStart');
}

export function assertLostSession(view: PanelView): void {
  const lost = rowsWith(view, 'http.session-not-found');
  assert.equal(lost.length, 1);
  assert.equal(lost[0]?.status, '404');
  assert.equal(lost[0]?.event, 'ping');
  assert.equal(view.sessions.length >= 2, true, 'the restarted session is listed too');
}

export function assertAfterEnd(view: PanelView): void {
  const gone = rowsWith(view, 'http.session-gone');
  assert.equal(gone.length, 1);
  assert.equal(gone[0]?.status, '410');
  assert.ok(gone[0]?.codes.includes('session.after-end'));
}

/**
 * Media Edge sessions in the panel: beside Media Collection ones, marked with their protocol and
 * client style; a finding's pointer into `events[0].xdm…` marks its field in the Body tree; the
 * text filter searches Edge bodies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { act } from 'preact/test-utils';
import { cleanEdgeSession, edgeCall, edgeEvent, EDGE_SID } from '../helpers/edge-builder.ts';
import { vodWithAds, SID3 } from '../helpers/session-scenarios.ts';
import { setUpPanelDom, show, storeOf } from './panel-harness.tsx';

setUpPanelDom();

/** A Web SDK-style Edge session whose adStart misspells podPosition, beside a Media Collection one. */
function mixed(): unknown[] {
  const edge = cleanEdgeSession('web-sdk');
  edge[10] = edgeCall('web-sdk', 'adStart', edgeEvent('adStart', 30, 35_000, { advertisingDetails: { name: 'ad-1', length: 15, podPosition: 1, podposition: 1, playerName: 'edge-player' } }), { at: 35_000 });
  return [...vodWithAds(SID3), ...edge];
}

test('an Edge session is listed beside a Media Collection one, marked with its protocol and client style', async () => {
  const c = await show(storeOf(mixed()));
  const sessions = [...c.querySelectorAll<HTMLElement>('[data-testid=session]')];
  assert.equal(sessions.length, 2, 'both sessions are listed');
  const edge = sessions.find((s) => s.dataset.sid === EDGE_SID);
  const mc = sessions.find((s) => s.dataset.sid === SID3);
  assert.equal(edge?.querySelector('[data-testid=session-protocol]')?.textContent, 'Edge · Web SDK', 'the Edge session says its protocol and style');
  assert.equal(mc?.querySelector('[data-testid=session-protocol]'), null, 'a Media Collection session carries no protocol tag');
});

test('a finding pointing into events[0].xdm marks that field in the Body tree', async () => {
  const store = storeOf(mixed());
  const c = await show(store);
  const f = store.analysis().findings.find((x) => x.code === 'schema.unknown-field');
  assert.ok(f, 'the misspelt field is found');
  await act(() => { store.select(f.exchange); });
  const body = [...c.querySelectorAll<HTMLElement>('button, [role=tab]')].find((b) => b.textContent?.trim().startsWith('Body'));
  assert.ok(body, 'a Body tab');
  await act(() => { body.click(); });
  const marked = [...c.querySelectorAll<HTMLElement>('[data-pointer]')].map((n) => n.dataset.pointer);
  assert.ok(marked.includes('/events/0/xdm/mediaCollection/advertisingDetails/podposition'), `the field is marked (marked: ${marked.join(', ')})`);
});

test('the text filter searches Edge bodies', async () => {
  const store = storeOf(mixed());
  const c = await show(store);
  await act(() => { store.setFilter({ text: 'Soda' }); });
  const rows = [...c.querySelectorAll<HTMLElement>('[data-testid=request-row]')];
  assert.equal(rows.length, 0, 'no body says Soda after the misspelt adStart replaced it');
  await act(() => { store.setFilter({ text: '"podposition"' }); });
  const found = [...c.querySelectorAll<HTMLElement>('[data-testid=request-row]')];
  assert.equal(found.length, 1, `the adStart whose body holds the misspelt field (rows: ${found.map((r) => r.dataset.event).join(', ')})`);
  assert.equal(found[0]?.dataset.event, 'adStart', 'it is the adStart');
});

test('the Response tab reads a Media Edge reply: the new session id, and each problem with its reasons', async () => {
  const store = storeOf(mixed());
  const c = await show(store);
  const start = store.analysis().calls.find((x) => x.protocol === 'media-edge' && x.kind === 'sessions');
  assert.ok(start, 'the Edge session start');
  await act(() => { store.select(start.exchange.index); });
  const tab = [...c.querySelectorAll<HTMLElement>('button, [role=tab]')].find((b) => b.textContent?.trim().startsWith('Response'));
  assert.ok(tab, 'a Response tab');
  await act(() => { tab.click(); });
  assert.match(c.querySelector('[data-testid=edge-reply]')?.textContent ?? '', new RegExp(EDGE_SID), 'the new session id is shown');
});

/**
 * Runs a demo scenario in the inspected page and waits until the panel shows all of it. Requests
 * reach DevTools after the page says it is done, so it waits until two reads agree.
 *
 * Firefox ESR's DevTools network API loses requests (README, Known limits); the Firefox tests run
 * with "Capture without loss" on, which loses none, so a scenario runs once: a request the
 * collector received but the panel does not show fails the test, saying whether the browser's
 * own network log had it.
 */
import assert from 'node:assert/strict';
import type { Collector } from '../../src/collector/server.ts';
import type { StoredEvent } from '../../src/collector/session-store.ts';
import type { PanelView } from './panel-dom.ts';

export interface ScenarioDriver {
  collector: Collector;
  clear(): Promise<unknown>;
  /** Loads the scenario's URL in the inspected page and waits for the page's "done". */
  load(url: string): Promise<unknown>;
  read(): Promise<PanelView>;
  /** The request bodies in the browser's own DevTools network log, where the test can read it. */
  browserLog?(): Promise<string[]>;
}


/** An event's identity within a scenario: its type and ts (the demo never repeats a ts for a type). */
const identity = (eventType: unknown, ts: unknown) => `${String(eventType)}@${String(ts)}`;

function bodyIdentity(body: string): string | null {
  try {
    const b = JSON.parse(body) as { eventType?: unknown; playerTime?: { ts?: unknown } };
    return identity(b.eventType, b.playerTime?.ts);
  } catch {
    return null;
  }
}

export async function runScenario(d: ScenarioDriver, name: string, minRows: number): Promise<PanelView> {
  {
    await d.clear();
    const known = new Set(d.collector.store.list().map((s) => s.sid));
    await d.load(`http://localhost:${d.collector.port}/?scenario=${name}`);
    const view = await settledView(d, minRows);
    if (view.rows.length >= minRows) return view;

    const received = d.collector.store.list().filter((s) => !known.has(s.sid)).flatMap((s) => s.events);
    const shown = new Set(view.rows.map((r) => identity(r.event, r.time)));
    const unshown = received.filter((e) => !shown.has(identity(e.eventType, e.ts)));
    const describe = (events: StoredEvent[]) => events.map((e) => `${e.eventType ?? '?'} (ts ${e.ts}, answered ${e.status})`).join(', ');
    let why = `received but not shown: ${describe(unshown) || 'nothing'}`;
    if (d.browserLog) {
      const logged = new Set((await d.browserLog()).map(bodyIdentity));
      const lostByBrowser = unshown.filter((e) => !logged.has(identity(e.eventType, e.ts)));
      const ours = unshown.filter((e) => logged.has(identity(e.eventType, e.ts)));
      why = `in the browser's network log but not shown: ${describe(ours) || 'nothing'}; never in the browser's log: ${describe(lostByBrowser) || 'nothing'}`;
    }
    assert.fail(`the panel showed ${view.rows.length} rows for ${name}, expected at least ${minRows} (status bar: "${view.status}"); ${why}`);
  }
}

/** Reads the panel until two reads agree and it has at least `minRows` rows, or 15 s pass. */
async function settledView(d: ScenarioDriver, minRows: number): Promise<PanelView> {
  let view = await d.read();
  let previous = '';
  for (let i = 0; i < 60; i++) {
    const key = JSON.stringify([view.sessions, view.rows]);
    if (view.rows.length >= minRows && key === previous) return view;
    previous = key;
    await new Promise((r) => setTimeout(r, 250));
    view = await d.read();
  }
  return view;
}

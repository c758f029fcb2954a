/**
 * The collector's store keeps its memory bounded (src/collector/session-store.ts, body-budget.ts):
 * closed and expired sessions are freed after a grace period, and caps on sessions, event
 * records, events per session and body bytes hold whatever the traffic, each drop counted. Driven
 * directly with a clock the test moves.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { limitsOf } from '../../src/collector/options.ts';
import { SessionStore, type EventRecord } from '../../src/collector/session-store.ts';

const S = 1000;

function storeWith(o: Parameters<typeof limitsOf>[0] = {}, timeouts = { idleMs: 600 * S, stallMs: 1800 * S }) {
  const clock = { t: 1_700_000_000_000 };
  const store = new SessionStore(timeouts, limitsOf(o), () => clock.t);
  return { store, clock };
}

const rec = (eventType: string, playhead = 0, bodyText: string | null = null): EventRecord => ({ eventType, playhead, ts: null, bodyText });
const body = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(Math.max(0, bytes - 10)) });

describe('closed sessions are freed after the grace period', () => {
  test('after sessionEnd: kept (and found) during the grace, freed by the sweep after it', () => {
    const { store, clock } = storeWith({ closedGraceS: 60 });
    const s = store.create('a', rec('sessionStart'));
    store.accept(s, rec('sessionEnd'));
    assert.equal(s.closed, 'sessionEnd');
    clock.t += 59 * S;
    store.sweep();
    assert.equal(store.get('a'), s, 'still held 59 s after closing');
    clock.t += 2 * S;
    store.sweep();
    assert.equal(store.get('a'), undefined, 'freed 61 s after closing');
    assert.deepEqual(store.stats().held, { sessions: 0, open: 0, closed: 0, events: 0, bodies: 0, bodyBytes: 0 });
    assert.equal(store.stats().freed, 1);
  });

  test('a silent session is closed (idle-timeout) by the sweep, then freed after the grace', () => {
    const { store, clock } = storeWith({ closedGraceS: 60 });
    const silent = store.create('silent', rec('sessionStart'));
    const busy = store.create('busy', rec('sessionStart'));
    for (let i = 1; i <= 6; i++) {
      clock.t += 100 * S;
      store.accept(busy, rec('ping', i * 10));
      store.sweep();
    }
    clock.t += 1 * S; // 601 s after silent's start
    store.sweep();
    assert.equal(silent.closed, 'idle-timeout');
    assert.equal(busy.closed, null);
    clock.t += 61 * S;
    store.sweep();
    assert.equal(store.get('silent'), undefined, 'freed');
    assert.ok(store.get('busy'), 'the busy session stays');
  });

  test('a session closed on access (stalled playhead, 24 hours) is freed after the grace too', () => {
    const { store, clock } = storeWith({ closedGraceS: 10 }, { idleMs: 600 * S, stallMs: 30 * S });
    const s = store.create('stalled', rec('sessionStart'));
    for (let i = 0; i < 4; i++) {
      clock.t += 10 * S;
      store.accept(s, rec('ping', 0));
    }
    assert.equal(store.get('stalled')?.closed, 'stalled-playhead');
    clock.t += 11 * S;
    store.sweep();
    assert.equal(store.get('stalled'), undefined);

    const edge = new SessionStore({ idleMs: 600 * S, stallMs: 1800 * S, edgeMaxAgeMs: 50 * S }, limitsOf({ closedGraceS: 10 }), () => clock.t);
    const e = edge.create('edge', rec('sessionStart'), { protocol: 'media-edge', startedWith: 'sessionStart' });
    for (let i = 0; i < 6; i++) {
      clock.t += 9 * S;
      edge.accept(e, rec('ping', i + 1));
    }
    assert.equal(edge.get('edge')?.closed, '24-hours');
    clock.t += 11 * S;
    edge.sweep();
    assert.equal(edge.get('edge'), undefined);
  });

  test('a grace of 0 frees a closed session at the next sweep', () => {
    const { store } = storeWith({ closedGraceS: 0 });
    store.accept(store.create('a', rec('sessionStart')), rec('sessionEnd'));
    store.sweep();
    assert.equal(store.get('a'), undefined);
  });

  test('the sweep stops at the first session not due: its cost is what it frees, not what is held', () => {
    // The store reads its clock once per sweep and once per session it checks or closes: the
    // reads say how many sessions a sweep looked at (the time is the benchmarks' business).
    let t = 1_700_000_000_000;
    let reads = 0;
    const store = new SessionStore({ idleMs: 600 * S, stallMs: 1800 * S }, limitsOf({ closedGraceS: 60 }), () => (reads++, t));
    for (let i = 0; i < 10; i++) store.create(`early${i}`, rec('sessionStart'));
    t += 60 * S;
    // 19,000: with the ten, under the default cap of 20,000 sessions (over it, the oldest would go).
    for (let i = 0; i < 19_000; i++) store.create(`s${i}`, rec('sessionStart'));
    t += 545 * S; // the ten early ones are past the 600 s idle timeout, the 19,000 others are not
    reads = 0;
    store.sweep();
    assert.equal(store.stats().held.closed, 10, 'the ten silent sessions were closed');
    assert.ok(reads < 50, `a sweep that closed 10 of 19,010 open sessions read the clock ${reads} times`);
    reads = 0;
    store.sweep();
    assert.ok(reads <= 2, `a sweep with nothing due read the clock ${reads} times`);
  });
});

describe('caps', () => {
  test('maxSessions: the oldest closed session goes first, then the least recently active open one; each counted', () => {
    const { store, clock } = storeWith({ maxSessions: 3 });
    const a = store.create('a', rec('sessionStart'));
    clock.t += S;
    const b = store.create('b', rec('sessionStart'));
    clock.t += S;
    const c = store.create('c', rec('sessionStart'));
    store.accept(b, rec('sessionEnd'));
    clock.t += S;
    store.accept(a, rec('play')); // a is now more recently active than c
    store.create('d', rec('sessionStart'));
    assert.equal(store.get('b'), undefined, 'the closed session went first');
    assert.ok(store.get('a') && store.get('c'));
    store.create('e', rec('sessionStart'));
    assert.equal(store.get('c'), undefined, 'then the least recently active open one');
    assert.ok(store.get('a'), 'not the one active since');
    assert.equal(c.closed, null);
    assert.deepEqual(store.stats().dropped, { sessions: 2, openSessions: 1, events: 0, bodies: 0, bodyBytes: 0 });
    assert.equal(store.stats().held.sessions, 3);
  });

  test('maxEvents: event records held, all sessions together, never pass the cap (whole sessions go)', () => {
    const { store } = storeWith({ maxEvents: 1000, maxEventsPerSession: 100 });
    for (let i = 0; i < 200; i++) {
      const s = store.create(`s${i}`, rec('sessionStart'));
      for (let j = 1; j < 20; j++) store.accept(s, rec('ping', j));
      if (i % 2) store.accept(s, rec('sessionEnd'));
      assert.ok(store.stats().held.events <= 1000, `after session ${i}: ${store.stats().held.events} events held`);
    }
    assert.ok(store.stats().dropped.sessions >= 150, `${store.stats().dropped.sessions} sessions dropped`);
    assert.ok(store.get('s199'), 'the newest session is held');
  });

  test('maxEventsPerSession: a long session keeps its start and its latest events, and says how many it dropped', () => {
    const { store } = storeWith({ maxEventsPerSession: 100 });
    const s = store.create('long', rec('sessionStart', 0, body(100)));
    for (let i = 1; i <= 1000; i++) store.accept(s, rec('ping', i));
    assert.ok(s.events.length <= 100, `${s.events.length} records kept`);
    assert.equal(s.events[0]?.eventType, 'sessionStart', 'the start is kept');
    assert.ok(s.events[0]?.bodyText, 'with its body');
    assert.equal(s.events.at(-1)?.playhead, 1000, 'the latest is kept');
    assert.equal(s.eventsDropped + s.events.length, 1001, 'every record is kept or counted');
    assert.equal(store.stats().held.events, s.events.length);
    assert.equal(store.stats().dropped.events, s.eventsDropped);
  });

  test('maxBodyBytes: the oldest bodies are dropped first, their records kept with bodyDropped; the bytes held never pass the cap', () => {
    const { store } = storeWith({ maxBodyBytes: 100_000 });
    const sessions = [];
    for (let i = 0; i < 50; i++) {
      sessions.push(store.create(`s${i}`, rec('sessionStart', 0, body(10_000))));
      assert.ok(store.stats().held.bodyBytes <= 100_000, `after ${i + 1} bodies: ${store.stats().held.bodyBytes} bytes held`);
    }
    const kept = sessions.filter((s) => s.events[0]?.bodyText !== null);
    assert.equal(kept.length, 10, 'ten bodies of 10 kB fit');
    assert.deepEqual(kept.map((s) => s.sid), sessions.slice(40).map((s) => s.sid), 'the newest ones');
    const dropped = sessions[0]?.events[0];
    assert.equal(dropped?.bodyDropped, true);
    assert.equal(dropped?.bodyText, null);
    assert.equal(dropped?.eventType, 'sessionStart', 'the record itself stays');
    assert.equal(store.stats().dropped.bodies, 40);
    assert.equal(store.stats().dropped.bodyBytes, 400_000);
    assert.deepEqual(sessions[45]?.events[0]?.body, JSON.parse(body(10_000)), 'a kept body reads back parsed');
  });

  test('a freed session gives its body bytes back (they are not counted as dropped)', () => {
    const { store, clock } = storeWith({ maxBodyBytes: 1_000_000, closedGraceS: 1 });
    for (let i = 0; i < 10; i++) store.accept(store.create(`s${i}`, rec('sessionStart', 0, body(10_000))), rec('sessionEnd', 0, body(1000)));
    assert.equal(store.stats().held.bodyBytes, 110_000);
    clock.t += 2 * S;
    store.sweep();
    assert.equal(store.stats().held.bodyBytes, 0);
    assert.equal(store.stats().held.bodies, 0);
    assert.equal(store.stats().dropped.bodies, 0);
  });

  test('over many sessions freed and created, the store holds no more than its caps and forgets nothing it should count', () => {
    const { store, clock } = storeWith({ maxSessions: 500, maxEvents: 5000, maxBodyBytes: 200_000, closedGraceS: 5, maxEventsPerSession: 50 }, { idleMs: 10 * S, stallMs: 1800 * S });
    let created = 0;
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 50; i++) {
        const s = store.create(`r${round}-${i}`, rec('sessionStart', 0, body(i % 10 === 0 ? 20_000 : 500)));
        created++;
        for (let j = 1; j < (i % 7) * 3; j++) store.accept(s, rec('ping', j, body(200)));
        if (i % 5 !== 0) store.accept(s, rec('sessionEnd', 1));
      }
      clock.t += S;
      store.sweep();
      const { held } = store.stats();
      assert.ok(held.sessions <= 500 && held.events <= 5000 && held.bodyBytes <= 200_000, `round ${round}: ${JSON.stringify(held)}`);
    }
    clock.t += 20 * S;
    store.sweep(); // the open ones close (idle), their grace begins
    clock.t += 6 * S;
    store.sweep();
    const st = store.stats();
    assert.deepEqual(st.held, { sessions: 0, open: 0, closed: 0, events: 0, bodies: 0, bodyBytes: 0 }, 'everything freed once idle and past the grace');
    assert.equal(st.freed + st.dropped.sessions, created, 'every session freed or counted as dropped');
  });

  test('clear() forgets sessions and counts', () => {
    const { store } = storeWith({ maxSessions: 1 });
    store.create('a', rec('sessionStart', 0, body(100)));
    store.create('b', rec('sessionStart', 0, body(100)));
    store.clear();
    assert.deepEqual(store.stats(), { held: { sessions: 0, open: 0, closed: 0, events: 0, bodies: 0, bodyBytes: 0 }, freed: 0, dropped: { sessions: 0, openSessions: 0, events: 0, bodies: 0, bodyBytes: 0 } });
  });
});

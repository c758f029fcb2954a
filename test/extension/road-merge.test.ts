/**
 * The two roads into the panel (DevTools' network API and the webRequest capture) merged per
 * request (extension/capture/road-merge.ts): each request once, a double send still twice, the
 * report with the reply kept, and each request saying which roads saw it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RoadMerge, type CapturedExchange } from '../../extension/capture/road-merge.ts';

/** Timers the test fires by hand. */
class Clock {
  private timers: { fn: () => void; at: number; id: number }[] = [];
  private now = 0;
  private next = 1;
  set = (fn: () => void, ms: number): unknown => {
    const id = this.next++;
    this.timers.push({ fn, at: this.now + ms, id });
    return id;
  };
  clear = (id: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((t) => t.at <= this.now);
    this.timers = this.timers.filter((t) => t.at > this.now);
    for (const t of due) t.fn();
  }
}

function call(body: string, startedAt: number, status = 204, extra: Partial<CapturedExchange> = {}): CapturedExchange {
  return {
    method: 'POST', url: 'https://x.hb-api.omtrdc.net/api/v1/sessions/s1/events', requestHeaders: [], requestBody: body,
    status, statusText: '', responseHeaders: [], responseBody: null, startedAt, durationMs: 20, resourceType: 'fetch', failure: null, ...extra,
  };
}

function setUp(webOn: boolean) {
  const clock = new Clock();
  const taken: CapturedExchange[] = [];
  const roads = new RoadMerge({ take: (ex) => taken.push(ex), setTimer: clock.set, clearTimer: clock.clear });
  roads.webOn = webOn;
  return { clock, taken, roads };
}

describe('RoadMerge', () => {
  test('without the webRequest capture, DevTools\' reports go straight through', () => {
    const { taken, roads } = setUp(false);
    roads.devtools(call('a', 1000));
    roads.devtools(call('a', 1000));
    assert.equal(taken.length, 2, 'two live reports are two requests');
    assert.deepEqual(taken[0]?.capturedBy, ['devtools']);
  });

  test('the same request on both roads is kept once, DevTools\' report, marked as seen by both', () => {
    const { clock, taken, roads } = setUp(true);
    roads.devtools(call('a', 1000, 204, { responseBody: 'from devtools' }));
    roads.web(call('a', 1003));
    clock.advance(5000);
    assert.equal(taken.length, 1);
    assert.equal(taken[0]?.responseBody, 'from devtools');
    assert.deepEqual(taken[0]?.capturedBy, ['devtools', 'webRequest']);
  });

  test('a webRequest report waits for DevTools\' report, and is taken when DevTools lost the request', () => {
    const { clock, taken, roads } = setUp(true);
    roads.web(call('lost', 1000));
    clock.advance(1000);
    assert.equal(taken.length, 0, 'waiting for DevTools');
    roads.web(call('later', 2000));
    roads.devtools(call('later', 2002));
    clock.advance(2000);
    assert.deepEqual(taken.map((t) => [t.requestBody, t.capturedBy]), [['later', ['devtools', 'webRequest']], ['lost', ['webRequest']]]);
  });

  test('a DevTools report without a reply gives way to the webRequest one that has it', () => {
    const { clock, taken, roads } = setUp(true);
    roads.devtools(call('start', 1000, 0, { failure: 'NS_BINDING_ABORTED' }));
    clock.advance(500);
    roads.web(call('start', 1001, 201, { responseHeaders: [{ name: 'Location', value: '/api/v1/sessions/s1' }] }));
    clock.advance(5000);
    assert.equal(taken.length, 1);
    assert.equal(taken[0]?.status, 201);
    assert.deepEqual(taken[0]?.capturedBy, ['devtools', 'webRequest']);
  });

  test('a DevTools report without a reply and no webRequest one: taken as it is after the wait', () => {
    const { clock, taken, roads } = setUp(true);
    roads.devtools(call('blocked', 1000, 0, { failure: 'net::ERR_BLOCKED_BY_CLIENT' }));
    clock.advance(3000);
    assert.equal(taken.length, 1);
    assert.equal(taken[0]?.status, 0);
  });

  test('a call sent twice is two requests on both roads, paired one to one', () => {
    const { clock, taken, roads } = setUp(true);
    roads.devtools(call('dup', 1000));
    roads.devtools(call('dup', 1001));
    roads.web(call('dup', 1000));
    roads.web(call('dup', 1002));
    clock.advance(5000);
    assert.equal(taken.length, 2);
    assert.ok(taken.every((t) => t.capturedBy?.length === 2));
  });

  test('a call sent twice, the second lost by DevTools: the webRequest capture brings it back', () => {
    const { clock, taken, roads } = setUp(true);
    roads.devtools(call('dup', 1000));
    roads.web(call('dup', 1000));
    roads.web(call('dup', 1500));
    clock.advance(5000);
    assert.equal(taken.length, 2);
  });

  test('requests far apart in time are not paired, and different bodies never', () => {
    const { clock, taken, roads } = setUp(true);
    roads.devtools(call('a', 1000));
    roads.web(call('a', 9000));
    roads.web(call('b', 1000));
    clock.advance(5000);
    assert.equal(taken.length, 3);
  });

  test('a later getHAR() listing of a request reported live with other timings adds nothing; an unseen one is taken', () => {
    const { taken, roads } = setUp(false);
    roads.devtools(call('a', 1000));
    roads.devtoolsFromLog(call('a', 1001, 204, { durationMs: 25 }));
    roads.devtoolsFromLog(call('b', 1200));
    assert.deepEqual(taken.map((t) => t.requestBody), ['a', 'b']);
  });

  test('clear takes what was waiting and forgets the rest', () => {
    const { clock, taken, roads } = setUp(true);
    roads.web(call('w', 1000));
    roads.clear();
    assert.equal(taken.length, 1);
    roads.devtools(call('w', 1001));
    clock.advance(5000);
    assert.equal(taken.length, 2, 'after a clear nothing is paired with what was before');
  });
});

/** settle(): one way to call a browser API that answers by callback, by promise, or by both. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settle } from '../../extension/api/settle.ts';

type Cb = (...values: unknown[]) => void;

test('a callback-only call (Chrome 120) resolves with what its callback gets', async () => {
  const api = (cb?: Cb) => { setTimeout(() => cb?.({ entries: [1] }), 1); return undefined; };
  assert.deepEqual(await settle((...cb) => api(...cb)), { entries: [1] });
});

test('several callback values (getContent: content, encoding) resolve as an array', async () => {
  const api = (cb?: Cb) => void setTimeout(() => cb?.('{"a":1}', 'base64'), 1);
  assert.deepEqual(await settle((...cb) => api(...cb)), ['{"a":1}', 'base64']);
});

test('a promise-only call that refuses a callback is made again without it, once', async () => {
  let calls = 0;
  const api = (...args: unknown[]) => {
    calls++;
    if (args.length > 0) throw new TypeError('Expected at most 0 arguments');
    return Promise.resolve('har');
  };
  assert.equal(await settle((...cb) => api(...cb)), 'har');
  assert.equal(calls, 2);
});

test('a call that takes the callback and also returns a promise is answered once', async () => {
  let answered = 0;
  const api = (cb?: Cb) => {
    setTimeout(() => cb?.('from callback'), 5);
    return Promise.resolve('from promise');
  };
  const value = await settle<string>((...cb) => api(...cb)).then((v) => { answered++; return v; });
  assert.equal(value, 'from promise');
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(answered, 1);
});

test("Chrome's runtime.lastError in the callback rejects with its message", async () => {
  const g = globalThis as { chrome?: unknown };
  const saved = g.chrome;
  const runtime: { lastError?: { message: string } } = {};
  g.chrome = { runtime };
  try {
    const api = (cb?: Cb) => void setTimeout(() => {
      runtime.lastError = { message: 'No tab with id: 7' };
      cb?.(undefined);
      delete runtime.lastError;
    }, 1);
    await assert.rejects(settle((...cb) => api(...cb)), /No tab with id: 7/);
  } finally {
    g.chrome = saved;
  }
});

test('a value returned directly is the answer', async () => {
  assert.deepEqual(await settle(() => ['body', 'application/json']), ['body', 'application/json']);
});

test('an error that is not about the arguments fails the call without a second try', async () => {
  let calls = 0;
  await assert.rejects(settle(() => { calls++; throw new Error('no content'); }), /no content/);
  assert.equal(calls, 1);
});

test('a rejected promise rejects; a call that neither takes a callback nor returns a promise is an error, not a hang', async () => {
  await assert.rejects(settle(() => Promise.reject(new Error('refused'))), /refused/);
  const neither = (...args: unknown[]) => {
    if (args.length) throw new TypeError('Expected at most 0 arguments');
    return undefined;
  };
  await assert.rejects(settle((...cb) => neither(...cb)), /neither took a callback nor returned a promise/);
});

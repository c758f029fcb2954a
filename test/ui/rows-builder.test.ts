/**
 * The request list's incremental rows (createRowsBuilder): after every captured request, in any
 * capture order, after a clear and new settings, they are the rows buildRows makes from scratch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readHar } from '../../src/core/har/read-har.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import { PanelStore } from '../../src/ui/store/panel-store.ts';
import { buildRows, createRowsBuilder } from '../../src/ui/store/rows.ts';

function fixture(name: string): Omit<Exchange, 'index'>[] {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
  return readHar(text, name).exchanges.map(({ index: _index, ...rest }) => rest);
}

/** A fixed permutation (no randomness in tests): odd positions first, then even ones backwards. */
function mixed<T>(list: readonly T[]): T[] {
  return [...list.filter((_, i) => i % 2), ...list.filter((_, i) => i % 2 === 0).reverse()];
}

function sameRows(store: PanelStore, build: ReturnType<typeof createRowsBuilder>, what: string): void {
  const expected = buildRows(store.analysis());
  const got = build(store.analysis());
  assert.equal(got.length, expected.length, `${what}: row count`);
  got.forEach((row, i) => assert.deepEqual(row, expected[i], `${what}: row ${i}`));
}

test('rows built incrementally equal rows built from scratch, whatever the capture order', () => {
  for (const name of ['broken-sequence.har', 'broken-requests.har', 'vod-clean.har', 'edge-web-sdk.har']) {
    const exchanges = fixture(name);
    for (const [order, list] of [['send', exchanges], ['completion', [...exchanges].reverse()], ['mixed', mixed(exchanges)]] as const) {
      const store = new PanelStore();
      const build = createRowsBuilder();
      list.forEach((ex, i) => {
        store.addExchange(ex);
        sameRows(store, build, `${name}, ${order} order, after ${i + 1}`);
      });
      store.setSettings({ pingToleranceMs: 100 });
      sameRows(store, build, `${name}, ${order} order, new settings`);
      store.clear();
      sameRows(store, build, `${name}, ${order} order, cleared`);
      store.addExchange(list[0] as Omit<Exchange, 'index'>);
      sameRows(store, build, `${name}, ${order} order, one after the clear`);
    }
  }
});

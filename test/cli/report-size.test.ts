/**
 * The bounded version of the report-size bench (test/bench/report-size.ts, 300 MB in `npm run
 * bench`): a recording with an 8 MB body gives a report in every format, the HTML one cut to a
 * few hundred kilobytes, and the JSON and HAR reports read back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { reportSize } from '../bench/report-size.ts';

test('an 8 MB body: every report format is written, HTML cut, JSON and HAR whole and read back', () => {
  const rows = reportSize(join(import.meta.dirname, '..', '..'), 8);
  const by = new Map(rows.map((r) => [r.format, r]));
  assert.deepEqual([...by.keys()], ['html', 'json', 'har', 'md']);
  assert.ok((by.get('html')?.outputMB ?? 99) < 1, `the HTML report holds the body cut: ${by.get('html')?.outputMB} MB`);
  for (const f of ['json', 'har']) {
    const r = by.get(f);
    assert.equal(r?.readsBack, true, `${f} reads back`);
    assert.ok((r?.outputMB ?? 0) >= 8, `${f} keeps the whole body: ${r?.outputMB} MB`);
  }
  assert.ok((by.get('md')?.outputMB ?? 99) < 0.01);
});

/**
 * `mci check`'s text names a session as the panel and the reports do (core/session/start-status.ts):
 * a sid Adobe answered 404 to, with no start in the recording, is "sid unknown to Adobe (404)" with
 * that state, not "start not captured" and not "playback playing"; a recording that began late says
 * "start not captured". Checked in process (formatText): no build needed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../../src/core/analysis/analyser.ts';
import { buildCheckResult } from '../../src/core/report/check-result.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { colorsFor } from '../../src/cli/colors.ts';
import { formatText } from '../../src/cli/format-text.ts';
import { ev, eventEntry, har, SID, T0 } from '../helpers/har-builder.ts';

function textOf(status: number): string {
  const entries = [1, 2].map((n) => eventEntry(SID, ev('ping', 10 * n, T0 + 10_000 * n), { at: 10_000 * n + 20, status }));
  const exchanges = readRecording(JSON.stringify(har(entries)), 'x.har').exchanges;
  const result = buildCheckResult([{ file: 'x.har', creator: null, firstIndex: 0, entries: exchanges.length }], analyse(exchanges));
  return formatText(result, colorsFor(null));
}

describe('text output: what a session without its start is called', () => {
  test('a sid Adobe answered 404 to: "sid unknown to Adobe (404)", its state, no open-at-end', () => {
    const text = textOf(404);
    const heading = text.split('\n').find((l) => l.startsWith('Session ')) ?? '';
    assert.match(heading, /sid unknown to Adobe \(404\) · 2 calls/);
    assert.match(text, /^ {2}state {6}unknown to Adobe, nothing recorded$/m);
    assert.doesNotMatch(text, /start not captured|playback playing|session\.open-at-end/);
    assert.match(text, /counts {5}0 events/);
  });

  test('the same pings answered 204: "start not captured", open and playing', () => {
    const text = textOf(204);
    assert.match(text, /start not captured · 2 calls/);
    assert.match(text, /state {6}open · playback playing/);
    assert.match(text, /session\.open-at-end/);
  });
});

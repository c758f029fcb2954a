/**
 * The status bar as a tester reads it: counts in the singular for one ("1 error", not "1 errors"),
 * a zero count grey rather than red, and the finding counts as DevTools' console has them: a click
 * filters the list by that severity, the active count looks pressed, a second click shows all.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { plural } from '../../src/ui/format.ts';
import { entry, ev, eventEntry, sessionStartBody, sessionsEntry, SID, T0 } from '../helpers/har-builder.ts';
import { all, calls, click, fixture, one, rowsShown, setUpPanelDom, show, storeWith, text } from './panel-harness.tsx';

setUpPanelDom();

describe('plural', () => {
  test('one is singular; zero, several and thousands are plural; an irregular plural is given', () => {
    assert.equal(plural(1, 'error'), '1 error');
    assert.equal(plural(0, 'error'), '0 errors');
    assert.equal(plural(3, 'warning'), '3 warnings');
    assert.equal(plural(100000, 'request'), '100,000 requests');
    assert.equal(plural(1, 'other request was', 'other requests were'), '1 other request was');
    assert.equal(plural(2, 'other request was', 'other requests were'), '2 other requests were');
  });
});

/** The status bar's parts, as separate pieces of text. */
function parts(c: HTMLElement): string[] {
  return all(one(c, '[data-testid=statusbar]'), 'span').map((e) => text(e));
}

describe('status bar', () => {
  test('one session, one other request, one error: all in the singular', async () => {
    // A sessionStart and one event answered 410 (one session, one error), and one other request.
    const store = storeWith([
      calls([sessionsEntry(sessionStartBody(), SID), eventEntry(SID, ev('play', 0, T0 + 1000), { status: 410, at: 1000 })]),
      calls([entry('https://cdn.example.com/a.m3u8', null, { method: 'GET', rawBody: null, status: 200 })]),
    ]);
    const c = await show(store);
    const p = parts(c);
    assert.ok(p.includes('2 Media Collection calls'), p.join(' | '));
    assert.ok(p.includes('1 session'), p.join(' | '));
    assert.ok(p.includes('1 other request'), p.join(' | '));
    const errors = store.analysis().findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => f.code), ['http.session-gone'], 'the 410 is the one error');
    assert.equal(text(one(c, '[data-testid=status-error]')), '1 error');
    assert.doesNotMatch(text(one(c, '[data-testid=statusbar]')), /\b1 (errors|warnings|sessions|other requests)\b/);
  });

  test('a zero count is grey', async () => {
    const c = await show(storeWith([fixture('vod-clean.har')]));
    for (const [sev, words] of [['error', '0 errors'], ['warning', '0 warnings']]) {
      const count = one(c, `[data-testid=status-${sev}]`);
      assert.equal(text(count), words);
      assert.ok(count.classList.contains('zero'), `the zero count is dimmed: ${count.className}`);
    }
  });

  test('clicking "3 errors" lists the requests with errors, looks pressed, and a second click shows every request again', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    const before = rowsShown(c).length;
    const errors = () => one(c, '[data-testid=status-error]');
    assert.equal(text(errors()), '3 errors');
    assert.ok(!errors().classList.contains('zero') && errors().classList.contains('sev-error'), `a count above zero is red: ${errors().className}`);
    assert.equal(errors().getAttribute('aria-pressed'), 'false');

    await click(errors());
    assert.equal(store.get().filter.severity, 'error');
    assert.equal(errors().getAttribute('aria-pressed'), 'true', 'the active count looks pressed');
    assert.equal((one(c, '[data-testid=filter-severity]') as HTMLSelectElement).value, 'error', 'the toolbar\'s severity filter says so too');
    const rows = rowsShown(c);
    assert.ok(rows.length > 0 && rows.length < before, `only some rows are left (${rows.length} of ${before})`);
    for (const r of rows) {
      const exchange = Number(r.dataset.exchange);
      assert.ok(store.analysis().findings.some((f) => f.exchange === exchange && f.severity === 'error'), `row #${exchange} has an error`);
    }

    // Warnings: another count pressed, this one released.
    await click(one(c, '[data-testid=status-warning]'));
    assert.equal(store.get().filter.severity, 'warning');
    assert.equal(errors().getAttribute('aria-pressed'), 'false');
    assert.equal(one(c, '[data-testid=status-warning]').getAttribute('aria-pressed'), 'true');

    await click(one(c, '[data-testid=status-warning]'));
    assert.equal(store.get().filter.severity, 'all', 'a second click clears the filter');
    assert.equal(rowsShown(c).length, before);
    assert.ok(all(c, '[data-testid=statusbar] [aria-pressed=true]').length === 0, 'no count pressed');
  });
});

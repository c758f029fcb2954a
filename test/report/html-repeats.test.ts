/**
 * The HTML report and repeated findings: a session's findings table shows a finding repeated on
 * several calls as one row, at its first call, saying "on N calls" and linking each call to its
 * request's section (`id="request-<index>"`, a same-page anchor); the requests at the bottom keep
 * every finding of theirs; the totals count every finding. A session judged at a ping interval
 * other than Adobe's default says so in its section.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import { har } from '../helpers/har-builder.ts';
import { ownCadenceSession, qoeNullSession, QOE_NULL_CALLS } from '../helpers/repeat-scenarios.ts';

const NOW = new Date('2026-11-03T12:00:00.000Z');

function exchangesOf(entries: readonly unknown[]): Exchange[] {
  return readRecording(JSON.stringify(har([...entries])), 'x.har').exchanges;
}

/** The rows of the findings table of the session section that starts at `from`. */
function findingRows(html: string, from: number): string[] {
  const section = html.slice(from, html.indexOf('</div>', from));
  const tbody = /<h3>Findings \(\d+\)<\/h3>\n<table><thead>[\s\S]*?<\/thead><tbody>([\s\S]*?)<\/tbody><\/table>/.exec(section)?.[1];
  assert.ok(tbody, 'a findings table');
  return tbody.split('</tr>').filter((r) => r.includes('<tr>'));
}

describe('HTML report: repeated findings', () => {
  const exchanges = exchangesOf(qoeNullSession());
  const analysis = analyse(exchanges);
  const html = renderReport('html', exchanges, {}, 'qoe.har', NOW);
  const session = analysis.sessions[0];
  const violations = analysis.findings.filter((f) => f.code === 'schema.violation');
  const calls = violations.map((f) => f.exchange);

  test('premise: one session, the same violation on every call but the start', () => {
    assert.equal(analysis.sessions.length, 1);
    assert.equal(violations.length, QOE_NULL_CALLS);
    assert.equal(new Set(calls).size, QOE_NULL_CALLS, 'each on its own call');
  });

  test('one row for the violation, at its first call, with "on N calls" and a link to each call', () => {
    assert.ok(session);
    const rows = findingRows(html, html.indexOf(`<div class="session" id="session-${session.sid}">`));
    const mine = rows.filter((r) => r.includes('<code>schema.violation</code>'));
    assert.equal(mine.length, 1, 'one row');
    const row = mine[0] as string;
    assert.ok(row.includes(`<td class="req"><a href="#request-${calls[0]}">#${calls[0]}</a> `), 'at the first call, linked to it');
    assert.ok(row.includes(`on ${QOE_NULL_CALLS} calls: `), row);
    const links = [...row.slice(row.indexOf(`on ${QOE_NULL_CALLS} calls: `)).matchAll(/<a href="#([^"]*)">#(\d+)<\/a>/g)];
    assert.deepEqual(links.map((m) => m[1]), calls.map((n) => `request-${n}`), 'every call, in order');
    assert.deepEqual(links.map((m) => Number(m[2])), calls);
    assert.ok(html.includes(`<h3>Findings (${analysis.findings.length})</h3>`), 'the heading counts every finding');
    assert.match(html, new RegExp(`<span class="error">${violations.length} errors</span>`), 'so does the summary');
  });

  test('every link lands on the section of its request, and ids stay unique', () => {
    const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] as string);
    assert.equal(new Set(ids).size, ids.length, 'unique ids');
    for (const m of html.matchAll(/<a href="#([^"]*)">/g)) assert.ok(ids.includes(m[1] as string), `#${m[1]} is an id of the report`);
    for (const call of analysis.calls) {
      const at = html.indexOf(`<div id="request-${call.exchange.index}">\n<details><summary>#${call.exchange.index} · `);
      assert.ok(at > 0, `request #${call.exchange.index} has its anchor on its section`);
    }
  });

  test('each request section still lists its own finding', () => {
    for (const n of calls) {
      const at = html.indexOf(`<div id="request-${n}">`);
      const section = html.slice(at, html.indexOf('</details>', at));
      assert.ok(section.includes('<li><span class="sev error">error</span> <code>schema.violation</code>: '), `request #${n}`);
    }
  });

  test('a finding on one call only has no count, and one link: its request', () => {
    const own = exchangesOf(ownCadenceSession().slice(0, 2)); // start and play: the session ends open
    const report = renderReport('html', own, {}, 'one.har', NOW);
    const findings = analyse(own).findings;
    assert.deepEqual(findings.map((f) => f.code), ['session.open-at-end'], 'premise: a single finding');
    assert.doesNotMatch(report, /on \d+ calls/);
    assert.deepEqual([...report.matchAll(/<a href="#request-(\d+)">/g)].map((m) => Number(m[1])), [findings[0]?.exchange]);
  });
});

describe('HTML report: the ping interval a session was judged by', () => {
  test('said in the session section when it is not Adobe\'s default, not otherwise', () => {
    const exchanges = exchangesOf(ownCadenceSession());
    const analysis = analyse(exchanges);
    assert.deepEqual(analysis.sessions[0]?.pingCadence, { mainMs: 15_000, source: 'inferred' }, 'premise: the session keeps 15 s');
    const html = renderReport('html', exchanges, {}, 'own.har', NOW);
    assert.ok(html.includes("<p class=\"note\">Main-content pings judged at one every 15 s (the interval this session keeps, read from its first pings; Adobe&apos;s default is 10 s).</p>"), html.slice(html.indexOf('<h3>Estimated')));
    const pinned = renderReport('html', exchanges, { mainPingIntervalS: 20 }, 'own.har', NOW);
    assert.ok(pinned.includes('<p class="note">Main-content pings judged at one every 20 s (setting: main ping interval).</p>'));
    const plain = renderReport('html', exchangesOf(qoeNullSession()), {}, 'qoe.har', NOW);
    assert.doesNotMatch(plain, /Main-content pings judged/);
  });
});

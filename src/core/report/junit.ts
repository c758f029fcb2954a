/**
 * JUnit XML for CI systems: one test case per session, one <failure> per error finding.
 * Calls that belong to no known session form a test case of their own.
 */
import type { CheckResult } from './check-result.ts';
import { escapeXml } from './escape.ts';

export function toJUnit(result: CheckResult): string {
  const groups = new Map<string, { name: string; findings: typeof result.findings }>();
  for (const row of result.exchanges) {
    const key = row.sid ?? '';
    if (!groups.has(key)) groups.set(key, { name: row.sid ? `session ${row.sid}` : 'calls without a session', findings: [] });
  }
  for (const f of result.findings) {
    const key = f.sid ?? '';
    if (!groups.has(key)) groups.set(key, { name: f.sid ? `session ${f.sid}` : 'calls without a session', findings: [] });
    groups.get(key)?.findings.push(f);
  }
  const cases = [...groups.values()].map((g) => {
    const errors = g.findings.filter((f) => f.severity === 'error');
    const failures = errors.map((f) =>
      `      <failure type="${escapeXml(f.code)}" message="${escapeXml(`${f.code}: ${f.message}`)}">${escapeXml(
        `exchange #${f.exchange}${f.pointer ? ` at ${f.pointer}` : ''}\n${f.message}\nFix: ${f.fix}`,
      )}</failure>`);
    const others = g.findings.filter((f) => f.severity !== 'error').map((f) => `${f.severity} ${f.code} (#${f.exchange}): ${f.message}`);
    const out = others.length ? `\n      <system-out>${escapeXml(others.join('\n'))}</system-out>` : '';
    return `    <testcase classname="media-collection" name="${escapeXml(g.name)}">${failures.length || out ? '\n' : ''}${failures.join('\n')}${out}${failures.length || out ? '\n    ' : ''}</testcase>`;
  });
  const failures = result.findings.filter((f) => f.severity === 'error').length;
  const failedCases = [...groups.values()].filter((g) => g.findings.some((f) => f.severity === 'error')).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(result.tool.name)}" tests="${groups.size}" failures="${failedCases}">`,
    `  <testsuite name="Media Collection sessions" tests="${groups.size}" failures="${failedCases}" errors="0" skipped="0">`,
    `    <properties><property name="errorFindings" value="${failures}"/></properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

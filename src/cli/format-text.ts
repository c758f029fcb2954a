/** Human-readable `mci check` output: per session, per exchange, its findings. */
import type { Exchange } from '../core/exchange.ts';
import type { Finding, Severity } from '../core/findings/finding.ts';
import type { CheckResult, ExchangeRow } from '../core/report/check-result.ts';
import type { Colors } from './colors.ts';

const MARK: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

export function formatText(result: CheckResult, _exchanges: readonly Exchange[], c: Colors): string {
  const lines: string[] = [];
  const paint = (s: Severity, text: string) => (s === 'error' ? c.red(text) : s === 'warning' ? c.yellow(text) : c.blue(text));

  for (const input of result.inputs) {
    lines.push(c.bold(`${input.file}`) + c.dim(` (${input.entries} requests${input.creator ? `, recorded by ${input.creator}` : ''})`));
  }
  const byExchange = new Map<number, Finding[]>();
  for (const f of result.findings) {
    const list = byExchange.get(f.exchange) ?? [];
    list.push(f);
    byExchange.set(f.exchange, list);
  }
  for (const group of groupBySession(result.exchanges)) {
    const groupFindings = group.rows.flatMap((r) => byExchange.get(r.index) ?? []);
    const counts = countBySeverity(groupFindings);
    const title = group.sid ? `Session ${group.sid}` : 'Calls without a session id';
    const tally = groupFindings.length === 0 ? c.dim('no findings')
      : (['error', 'warning', 'info'] as const).filter((s) => counts[s]).map((s) => paint(s, `${counts[s]} ${plural(s, counts[s])}`)).join(', ');
    lines.push('', `${c.bold(title)}  ${c.dim(`${group.rows.length} call${group.rows.length === 1 ? '' : 's'}`)}  ${tally}`);
    const t0 = group.rows.find((r) => r.startedDateTime)?.startedDateTime;
    for (const row of group.rows) {
      const findings = byExchange.get(row.index);
      if (!findings) continue;
      const when = row.startedDateTime && t0 ? `+${((Date.parse(row.startedDateTime) - Date.parse(t0)) / 1000).toFixed(3)}s` : '';
      lines.push(`  ${c.dim(`#${row.index}`)} ${when.padStart(10)}  ${row.eventType.padEnd(16)} ${c.dim(`${row.method} ${row.kind} → ${row.status || 'no reply'}`)}`);
      for (const f of findings) {
        lines.push(`      ${paint(f.severity, `${MARK[f.severity]} ${f.severity.padEnd(7)} ${f.code}`)}  ${f.message}`);
        lines.push(`        ${c.dim(`fix: ${f.fix}`)}`);
      }
    }
  }
  const s = result.summary;
  const tally = (['error', 'warning', 'info'] as const).map((sev) => paint(sev, `${s.findings[sev]} ${plural(sev, s.findings[sev])}`)).join(', ');
  lines.push(
    '',
    `${s.exchanges} Media Collection call${s.exchanges === 1 ? '' : 's'} in ${s.sessions} session${s.sessions === 1 ? '' : 's'}, ${s.ignored} other request${s.ignored === 1 ? '' : 's'} ignored: ${tally}`,
    '',
  );
  return lines.join('\n');
}

function groupBySession(rows: readonly ExchangeRow[]): { sid: string | null; rows: ExchangeRow[] }[] {
  const groups = new Map<string, { sid: string | null; rows: ExchangeRow[] }>();
  for (const row of rows) {
    const key = row.sid ?? '\u0000none';
    const g = groups.get(key) ?? { sid: row.sid, rows: [] };
    g.rows.push(row);
    groups.set(key, g);
  }
  return [...groups.values()];
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

function plural(s: Severity, n: number): string {
  return n === 1 || s === 'info' ? s : `${s}s`;
}

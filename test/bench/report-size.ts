/**
 * Any recording the inspector reads gives reports it can read back: a HAR whose one sessionStart
 * carries a body of `mb` megabytes (300 in `npm run bench`: the HTML report once failed on it,
 * "Invalid string length", when it was built as one string) goes through `mci report` in every
 * format; each output is measured (time, peak memory, size) and read back with `mci check`, which
 * must find the same call. The HAR is written a megabyte at a time: the body is never one string here.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PEAK_SOURCE = "process.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\n";

export interface ReportSizeRow {
  format: string;
  ms: number;
  maxRssMB: number;
  outputMB: number;
  /** `mci check` on the output found the call (HTML and Markdown are not inputs: null). */
  readsBack: boolean | null;
}

/** A HAR of one sessionStart whose custom metadata holds `mb` MB of text. */
function writeBigHar(file: string, mb: number): void {
  const start = JSON.stringify({
    playerTime: { playhead: 0, ts: Date.parse('2026-12-01T10:00:00Z') }, eventType: 'sessionStart',
    params: {
      'media.id': 'big', 'media.name': 'a big body', 'media.length': 60, 'media.contentType': 'vod', 'media.playerName': 'p',
      'media.channel': 'c', 'analytics.trackingServer': 't.example.com', 'analytics.reportSuite': 'rs', 'visitor.marketingCloudOrgId': 'o@AdobeOrg',
    },
    customMetadata: { pad: '' },
  });
  const [before, after] = start.split('"pad":""');
  const inString = (s: string) => JSON.stringify(s).slice(1, -1);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '{"log":{"version":"1.2","creator":{"name":"report-size bench","version":"1"},"entries":[{"startedDateTime":"2026-12-01T10:00:00.000Z","time":5,'
      + '"request":{"method":"POST","url":"https://example.hb-api.omtrdc.net/api/v1/sessions","httpVersion":"HTTP/1.1","headers":[{"name":"Content-Type","value":"application/json"}],'
      + `"queryString":[],"cookies":[],"headersSize":-1,"bodySize":-1,"postData":{"mimeType":"application/json","text":"${inString(`${before}"pad":"`)}`);
    const megabyte = 'y'.repeat(1024 * 1024);
    for (let i = 0; i < mb; i++) writeSync(fd, megabyte);
    writeSync(fd, `${inString(`"${after}`)}"}},"response":{"status":201,"statusText":"Created","httpVersion":"HTTP/1.1",`
      + '"headers":[{"name":"Location","value":"https://example.hb-api.omtrdc.net/api/v1/sessions/0123456789abcdef"}],"cookies":[],'
      + '"content":{"size":0,"mimeType":"text/plain","text":""},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":5,"receive":0}}]}}');
  } finally {
    closeSync(fd);
  }
}

export function reportSize(root: string, mb: number): ReportSizeRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'mci-report-size-'));
  const cli = join(root, 'dist', 'cli', 'mci.mjs');
  const preload = join(dir, 'peak.mjs');
  writeFileSync(preload, PEAK_SOURCE);
  const input = join(dir, 'big.har');
  try {
    writeBigHar(input, mb);
    const rows: ReportSizeRow[] = [];
    for (const format of ['html', 'json', 'har', 'md']) {
      const out = join(dir, `report.${format}`);
      const t = performance.now();
      const r = spawnSync(cli, ['report', input, '--format', format, '--out', out], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--import=${preload}` } });
      const ms = performance.now() - t;
      if (r.status !== 0) throw new Error(`mci report --format ${format} on a ${mb} MB body failed (${r.status}): ${r.stderr.slice(0, 500)}`);
      const rss = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
      let readsBack: boolean | null = null;
      if (format === 'json' || format === 'har') {
        const back = spawnSync(cli, ['check', out], { encoding: 'utf8', maxBuffer: 1 << 26 });
        readsBack = back.status !== 2 && /1 Media Collection call in 1 session/.test(back.stdout);
      }
      rows.push({ format, ms, maxRssMB: rss, outputMB: statSync(out).size / 1024 / 1024, readsBack });
      rmSync(out, { force: true });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

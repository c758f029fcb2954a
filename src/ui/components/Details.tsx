/** The selected request: body as a tree and raw, the reply, every finding with its fix; copy body or cURL. */
import { useState } from 'preact/hooks';
import { headerValue, type Exchange } from '../../core/exchange.ts';
import type { Finding } from '../../core/findings/finding.ts';
import { toCurl } from '../../core/report/curl.ts';
import { clockTime, shorten } from '../format.ts';
import { useHost, usePanelState, useStore } from '../store/use-store.ts';
import { JsonTree } from './JsonTree.tsx';

const TABS = ['Findings', 'Body', 'Raw', 'Response'] as const;
type Tab = (typeof TABS)[number];
/** Bodies longer than this are shown shortened; the data and the copies keep them whole. */
const SHOW_MAX = 100_000;

export function Details() {
  const store = useStore();
  const state = usePanelState();
  const host = useHost();
  const [tab, setTab] = useState<Tab>('Findings');
  const index = state.selectedExchange;
  const ex = index === null ? undefined : store.exchange(index);
  if (!ex) return <div class="details"><div class="empty">Select a request to see its body, its reply and its findings.</div></div>;
  const findings = store.analysis().findings.filter((f) => f.exchange === ex.index);
  const copy = async (what: string, text: string) => store.setNotice((await host.copy(text)) ? `Copied ${what}` : `Could not copy ${what}`);
  return (
    <div class="details" data-testid="details">
      <div class="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={t === tab} onClick={() => setTab(t)} data-testid={`tab-${t}`}>
            {t}{t === 'Findings' && findings.length ? ` (${findings.length})` : ''}
          </button>
        ))}
        <span class="spacer" />
        <button type="button" class="action" disabled={ex.requestBody === null} onClick={() => void copy('the body', ex.requestBody ?? '')}>Copy body</button>
        <button type="button" class="action" onClick={() => void copy('the request as cURL', toCurl(ex))}>Copy as cURL</button>
      </div>
      <div class="tab-body" data-testid={`details-${tab}`}>
        {tab === 'Findings' && <FindingsTab findings={findings} />}
        {tab === 'Body' && <BodyTab ex={ex} />}
        {tab === 'Raw' && <pre>{ex.requestBody === null ? 'The browser did not expose this body.' : shorten(ex.requestBody, SHOW_MAX)}</pre>}
        {tab === 'Response' && <ResponseTab ex={ex} />}
      </div>
    </div>
  );
}

function FindingsTab({ findings }: { findings: Finding[] }) {
  if (!findings.length) return <p>No finding: this request is fine on its own and in its session.</p>;
  return (
    <div>
      {findings.map((f, i) => (
        <div class="finding" key={i} data-testid="finding" data-code={f.code}>
          <div><span class={`badge ${f.severity}`}>{f.severity}</span> <span class="code">{f.code}</span></div>
          <div>{f.message}</div>
          {f.pointer && f.pointer !== '/' && <div class="where">at {f.pointer}{f.expected ? ` · expected ${f.expected}` : ''}{f.actual ? ` · found ${f.actual}` : ''}</div>}
          {f.setting && <div class="where">setting: {f.setting}</div>}
          <div class="fix">Fix: {f.fix}</div>
        </div>
      ))}
    </div>
  );
}

function BodyTab({ ex }: { ex: Exchange }) {
  if (ex.requestBody === null) return <p>The browser did not expose this request's body (as with sendBeacon during unload), so it was not validated.</p>;
  let parsed: unknown;
  try {
    parsed = JSON.parse(ex.requestBody);
  } catch {
    return <p>The body is not JSON; see the Raw tab and the findings.</p>;
  }
  return <JsonTree value={parsed} />;
}

function ResponseTab({ ex }: { ex: Exchange }) {
  const location = headerValue(ex.responseHeaders, 'location');
  return (
    <div>
      <dl class="kv">
        <dt>Status</dt><dd>{ex.status ? `${ex.status} ${ex.statusText}` : `no reply${ex.failure ? ` (${ex.failure})` : ''}`}</dd>
        <dt>Sent</dt><dd>{clockTime(ex.startedAt)}{ex.durationMs !== null ? ` · took ${Math.round(ex.durationMs)} ms` : ''}</dd>
        <dt>URL</dt><dd>{ex.method} {ex.url}</dd>
        {location !== null && <><dt>Location</dt><dd data-testid="location">{location}</dd></>}
        {ex.resourceType && <><dt>Type</dt><dd>{ex.resourceType}</dd></>}
      </dl>
      {ex.responseBody && <><h4>Reply body</h4><pre>{shorten(ex.responseBody, SHOW_MAX)}</pre></>}
      <h4>Response headers</h4>
      <dl class="kv">{ex.responseHeaders.map((h, i) => <><dt key={`k${i}`}>{h.name}</dt><dd key={`v${i}`}>{shorten(h.value, 500)}</dd></>)}</dl>
    </div>
  );
}

/**
 * The selected request: findings with their fix, body as a tree (findings' pointers marked in it)
 * and raw, the reply, the headers as captured; copy body or cURL. A "#12" in a finding's message
 * selects request 12; a finding's pointer shows its place in the Body tree; a finding repeated on
 * other calls of its session says so, with those calls. A session click leads to the session's
 * first finding: the Findings tab comes to the front (a row click keeps the tab the tester chose).
 * The server's reply reads one message per line (ServerReply); a request of a file opened in the
 * DevTools panel says it comes from that file.
 */
import { Fragment, type ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { headerValue, type Exchange, type Header } from '../../core/exchange.ts';
import type { Finding } from '../../core/findings/finding.ts';
import { callList, callsOf, groupRepeats, otherCallsNote, repeatKey, type FindingGroup } from '../../core/findings/repeats.ts';
import { toCurlBash } from '../../core/report/curl-bash.ts';
import { withoutSensitiveHeaders } from '../../core/privacy/sensitive-headers.ts';
import { clip, clockTime, shorten } from '../format.ts';
import type { PanelStore } from '../store/panel-store.ts';
import { useHost, usePanelState, useStore } from '../store/use-store.ts';
import { JsonTree, type TreeFocus, type TreeMark } from './JsonTree.tsx';
import { FoundText, useBodyFind, type BodyFind } from './find-in-body.tsx';
import { ServerReply } from './ServerReply.tsx';

const TABS = ['Findings', 'Body', 'Raw', 'Response', 'Headers'] as const;
type Tab = (typeof TABS)[number];
/** Bodies longer than this are shown shortened; the data and the copies keep them whole. */
const SHOW_MAX = 100_000;
/** Header names and values longer than this are shortened on screen, whole in their title. */
const HEADER_MAX = 200;

export function Details() {
  const store = useStore();
  const state = usePanelState();
  const host = useHost();
  // The tab chosen, and at which session click: a later session click brings Findings to the front.
  const [choice, setChoice] = useState<{ tab: Tab; picks: number }>({ tab: 'Findings', picks: state.sessionPicks });
  const tab = choice.picks === state.sessionPicks ? choice.tab : 'Findings';
  const setTab = (t: Tab) => setChoice({ tab: t, picks: state.sessionPicks });
  // Ctrl+F in the list found its text inside a body: that body's tab, the text marked (find-in-body.tsx).
  const found = useBodyFind(store, setTab);
  const [focus, setFocus] = useState<(TreeFocus & { exchange: number }) | null>(null);
  const index = state.selectedExchange;
  const ex = index === null ? undefined : store.exchange(index);
  if (!ex) return <div class="details"><div class="empty">Select a request to see its body, its reply and its findings.</div></div>;
  const findings = store.analysis().findings.filter((f) => f.exchange === ex.index);
  const marks: TreeMark[] = findings.flatMap((f) => (pointed(f)
    ? [{ pointer: f.pointer as string, severity: f.severity, label: `${f.severity} ${f.code}: ${clip(f.message, 300)}` }] : []));
  const copy = async (what: string, text: string) => store.setNotice((await host.copy(text)) ? `Copied ${what}` : `Could not copy ${what}`);
  const showInBody = (pointer: string) => {
    setTab('Body');
    setFocus({ pointer, nonce: (focus?.nonce ?? 0) + 1, exchange: ex.index });
  };
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
        <button type="button" class="action" onClick={() => void copy('the request as cURL', toCurlBash(state.settings.keepSensitiveHeaders ? ex : withoutSensitiveHeaders(ex)))}>Copy as cURL</button>
      </div>
      {state.file && store.opener && <p class="hint imported" data-testid="imported-from">From {clip(state.file.name, 120)} (opened file), not from the inspected page.</p>}
      <div class="tab-body" data-testid={`details-${tab}`}>
        {tab === 'Findings' && <FindingsTab findings={findings} exchange={ex.index} onShow={showInBody} />}
        {tab === 'Body' && <BodyTab ex={ex} marks={marks} focus={focus?.exchange === ex.index ? focus : null} />}
        {tab === 'Raw' && <pre>{ex.requestBody === null ? 'The browser did not expose this body.' : <FoundText text={shorten(ex.requestBody, SHOW_MAX)} find={found} exchange={ex.index} part="request" />}</pre>}
        {tab === 'Response' && <ResponseTab ex={ex} found={found} />}
        {tab === 'Headers' && <HeadersTab ex={ex} />}
      </div>
    </div>
  );
}

/** Whether a finding points at a place inside the body (not at the body as a whole). */
function pointed(f: Finding): boolean {
  return typeof f.pointer === 'string' && f.pointer !== '/' && f.pointer !== '';
}

function FindingsTab({ findings, exchange, onShow }: { findings: Finding[]; exchange: number; onShow(pointer: string): void }) {
  const store = useStore();
  const repeats = useRepeats(findings);
  if (!findings.length) return <p>No finding: this request is fine on its own and in its session.</p>;
  // A click on the finding (not on one of its buttons, not the end of a text selection) shows its place.
  const onCard = (f: Finding) => (e: MouseEvent) => {
    const target = e.target as Element | null;
    if (!pointed(f) || target?.closest?.('button, a')) return;
    const selection = (e.currentTarget as Element).ownerDocument.getSelection?.();
    if (selection && !selection.isCollapsed) return;
    onShow(f.pointer as string);
  };
  return (
    <div>
      {findings.map((f, i) => (
        <div class={`finding${pointed(f) ? ' has-pointer' : ''}`} key={i} data-testid="finding" data-code={f.code} onClick={onCard(f)}>
          <div><span class={`badge ${f.severity}`}>{f.severity}</span> <span class="code">{f.code}</span></div>
          <div class="message">{withRequestLinks(f.message, store)}</div>
          {pointed(f) && (
            <div class="where">at <button type="button" class="pointer-link" data-testid="finding-pointer" title="Show it in the Body tree"
              onClick={() => onShow(f.pointer as string)}>{f.pointer}</button>{f.expected ? ` · expected ${f.expected}` : ''}{f.actual ? ` · found ${f.actual}` : ''}</div>
          )}
          {f.setting && <div class="where">setting: {f.setting}</div>}
          <RepeatNote group={repeats.get(repeatKey(f))} finding={f} exchange={exchange} />
          <div class="fix">Fix: {f.fix}</div>
        </div>
      ))}
    </div>
  );
}

/**
 * The repeats of this request's findings among the findings of their sessions, by repeat key.
 * Computed only while the Findings tab is shown, and again only when the analysis changes.
 */
function useRepeats(findings: readonly Finding[]): Map<string, FindingGroup> {
  const store = useStore();
  const analysis = store.analysis();
  // A request's findings all belong to its session (or to none); the key keeps the memo stable.
  const sidsKey = JSON.stringify([...new Set(findings.map((f) => f.sid))]);
  return useMemo(() => {
    const wanted = new Set(JSON.parse(sidsKey) as (string | null)[]);
    const groups = groupRepeats(analysis.findings.filter((f) => wanted.has(f.sid)));
    return new Map(groups.map((g) => [repeatKey(g.finding), g]));
  }, [analysis, sidsKey]);
}

/** "also on 12 other calls of this session: #5, #7, … #40", each call a link. */
function RepeatNote({ group, finding, exchange }: { group: FindingGroup | undefined; finding: Finding; exchange: number }) {
  const store = useStore();
  if (!group || group.count < 2) return null;
  const others = callsOf(group).filter((n) => n !== exchange);
  if (others.length === 0) return null;
  return (
    <div class="where" data-testid="finding-repeats">
      {withRequestLinks(`${otherCallsNote(others.length, finding.sid !== null)}: ${callList(others)}`, store)}
    </div>
  );
}

/** "#12" after a space or "(" and before a space, ")", ":", ",", ";" or "." (not "#5" in a quoted id). */
const REQUEST_REF = /(^|[\s(])#(\d{1,9})(?=$|[\s):,;.])/g;

/** The message with each reference to a captured request as a button that selects it. */
export function withRequestLinks(message: string, store: PanelStore): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let from = 0;
  for (const m of message.matchAll(REQUEST_REF)) {
    const n = Number(m[2]);
    if (!store.exchange(n)) continue;
    const start = (m.index ?? 0) + (m[1] as string).length;
    out.push(message.slice(from, start));
    out.push(
      <button key={`ref${start}`} type="button" class="request-link" data-testid="request-link" data-exchange={n}
        title={`Select request #${n}`} onClick={() => selectRequest(store, n)}>#{n}</button>,
    );
    from = start + 1 + (m[2] as string).length;
  }
  out.push(message.slice(from));
  return out;
}

/** Selects a request; when sessions are selected and it is in another one, that session too, so its row is listed. */
function selectRequest(store: PanelStore, n: number): void {
  const selected = store.get().selectedSessions;
  if (selected.length) {
    const sid = store.sessionOf(n);
    if (sid !== null && !selected.includes(sid)) store.selectSession(sid);
  }
  store.select(n);
}

function BodyTab({ ex, marks, focus }: { ex: Exchange; marks: TreeMark[]; focus: TreeFocus | null }) {
  if (ex.requestBody === null) return <p>The browser did not expose this request's body (as with sendBeacon during unload), so it was not validated.</p>;
  let parsed: unknown;
  try {
    parsed = JSON.parse(ex.requestBody);
  } catch {
    return <p>The body is not JSON; see the Raw tab and the findings.</p>;
  }
  return <JsonTree value={parsed} marks={marks} focus={focus} />;
}

function ResponseTab({ ex, found }: { ex: Exchange; found: BodyFind | null }) {
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
      <ServerReply body={ex.responseBody} />
      {ex.responseBody && <><h4>Reply body</h4><pre><FoundText text={shorten(ex.responseBody, SHOW_MAX)} find={found} exchange={ex.index} part="response" /></pre></>}
      <p class="hint">Request and response headers: see the Headers tab.</p>
    </div>
  );
}

/** Which capture reported the request, in the tester's words. */
function capturedByText(by: Exchange['capturedBy']): string | null {
  if (!by?.length) return null;
  const names = by.map((b) => (b === 'webRequest' ? 'the webRequest capture (Capture without loss)' : 'the DevTools network API'));
  return by.length === 1 && by[0] === 'webRequest'
    ? `${names[0]} alone: DevTools lost this request`
    : names.join(' and ');
}

function HeadersTab({ ex }: { ex: Exchange }) {
  const by = capturedByText(ex.capturedBy);
  return (
    <div>
      {by && <p class="hint" data-testid="captured-by">Captured by {by}.</p>}
      <h4>Request headers ({ex.requestHeaders.length})</h4>
      <HeaderList headers={ex.requestHeaders} testid="request-headers"
        none="No request header was captured (the browser did not expose them for this request)." />
      <h4>Response headers ({ex.responseHeaders.length})</h4>
      <HeaderList headers={ex.responseHeaders} testid="response-headers"
        none={ex.status ? 'No response header was captured.' : 'No reply, so no response header.'} />
    </div>
  );
}

function HeaderList({ headers, testid, none }: { headers: readonly Header[]; testid: string; none: string }) {
  if (!headers.length) return <p class="hint" data-testid={testid}>{none}</p>;
  const whole = (text: string) => (text.length > HEADER_MAX ? text : undefined);
  return (
    <dl class="kv headers" data-testid={testid}>
      {headers.map((h, i) => (
        <Fragment key={i}>
          <dt title={whole(h.name)}>{clip(h.name, HEADER_MAX)}</dt>
          <dd title={whole(h.value)}>{clip(h.value, HEADER_MAX)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

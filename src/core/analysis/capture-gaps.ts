/**
 * capture.gap: where the recording itself shows that it lacks calls the player sent, the capture
 * (not the player) lost them, and findings that would blame the player are replaced by one that
 * says so (findings.md; README "Capture gaps"). Three signs:
 *
 * 1. A session start recorded without a reply (status 0) although a session went on right after
 *    it with an id nobody else started: the reply (with that id) reached the player but not the
 *    capture. Its `http.failed` and the session's `session.unknown` become one capture.gap.
 * 2. A session whose start is missing although the recording was already running when it began
 *    (its first call comes more than START_GRACE_MS after the recording's first request): the
 *    capture lost the start. Its `session.unknown` becomes a capture.gap.
 * 3. A session whose capture stops, unclosed, around a navigation (its last call up to 5 s before
 *    it, or in the moments after it where the capture still loses calls: lossyAfterMs) in a
 *    capture that loses calls there (the DevTools network API of Firefox and, less often,
 *    Chromium; not a capture with the webRequest capture on): its later calls may be missing, so
 *    its `session.open-at-end` is explained by the gap, not by the player.
 * 4. In such a capture, a call without a reply sent just before a navigation (or in the moments
 *    after it): the capture drops replies there, so whether it reached Adobe is unknown; its
 *    `http.failed` becomes a capture.gap. Not a call the panel saw still waiting when the page
 *    navigated (CUT_OFF_BY_NAVIGATION): that one was really cut off.
 * 5. In a capture that loses a new page's first calls (Firefox's), a session that began in those
 *    moments: some of its first calls may be missing.
 *
 * A cross-session rule computed when the result is read, like session.not-restarted.
 */
import { CUT_OFF_BY_NAVIGATION, type Exchange } from '../exchange.ts';
import type { Finding } from '../findings/finding.ts';
import type { RecordedFrom } from '../report/recorded-from.ts';
import { makeFinding, shortSid } from '../findings/make-finding.ts';
import type { InspectedCall } from '../protocol/call.ts';
import type { SessionReport } from '../session/session-report.ts';
import { isoTime } from '../iso-time.ts';

/** What the analysis knows of how the recording was made, beyond its requests. */
export interface CaptureContext {
  /** When the inspected page navigated (ms since the epoch), in any order. */
  navigations: readonly number[];
  /** Whether the capture loses calls at a navigation (the DevTools network API without the webRequest capture). */
  lossyAtNavigation: boolean;
  /**
   * How long after a navigation the capture may still lose calls (ms): Firefox's DevTools drop a
   * new page's first calls too (FIREFOX_AFTER_MS); Chromium's lose only those in flight (a clock's slop).
   */
  lossyAfterMs?: number;
}

export const NO_CAPTURE_CONTEXT: Readonly<CaptureContext> = Object.freeze({ navigations: [], lossyAtNavigation: false });
/** Firefox's DevTools network API loses calls a page makes in its first moments (measured: ESR 140 and 153). */
export const FIREFOX_AFTER_MS = 3_000;
/** Elsewhere, calls just after a navigation are the new page's, captured: only a clock's slop. */
export const OTHER_AFTER_MS = 1_000;

/** How long after a failed session start the session it opened may begin. */
const REPLY_LOST_WINDOW_MS = 60_000;
/** A session that begins later than this after the recording's first request should have its start recorded. */
export const START_GRACE_MS = 15_000;
/** Calls this close before a navigation (or this soon after) were in flight around it. */
const BEFORE_NAVIGATION_MS = 5_000;

export const HOW_TO_CAPTURE = 'Turn on "Capture without loss" in the panel (it captures media calls with the browser\'s webRequest API, with your permission), or record again with the Network panel\'s "Persist Logs" / "Preserve log" on.';

/**
 * The capture context a recording implies: its navigations are its pages that began after its
 * first request (the first page is the load the recording started on); a recording made in a
 * browser (its HAR says which, or the panel does) through the DevTools network API loses calls
 * at them, unless the webRequest capture was on around the navigation (a request it captured
 * within 5 s of it).
 */
export function captureContextFrom(from: RecordedFrom | null | undefined, exchanges: readonly Pick<Exchange, 'startedAt' | 'capturedBy'>[]): CaptureContext {
  if (!from || from.browsers.length === 0 || from.pages.length === 0) return NO_CAPTURE_CONTEXT;
  let start = Number.POSITIVE_INFINITY;
  const lossless: number[] = [];
  for (const e of exchanges) {
    if (!Number.isFinite(e.startedAt)) continue;
    if (e.startedAt < start) start = e.startedAt;
    if (e.capturedBy?.includes('webRequest')) lossless.push(e.startedAt);
  }
  const navigations: number[] = [];
  for (const p of from.pages) {
    const t = p.startedDateTime ? Date.parse(p.startedDateTime) : Number.NaN;
    if (!Number.isFinite(t) || !(t > start)) continue;
    if (lossless.some((w) => Math.abs(w - t) <= BEFORE_NAVIGATION_MS)) continue;
    navigations.push(t);
  }
  if (navigations.length === 0) return NO_CAPTURE_CONTEXT;
  const firefox = from.browsers.some((b) => /firefox/i.test(b.name));
  return { navigations, lossyAtNavigation: true, lossyAfterMs: firefox ? FIREFOX_AFTER_MS : OTHER_AFTER_MS };
}

export interface GapInput {
  sessions: readonly SessionReport[];
  /** Session starts (kind 'sessions') that got no reply, with their call. */
  failedStarts: readonly InspectedCall[];
  /** Every call that got no reply (status 0). */
  failedCalls?: readonly InspectedCall[];
  /** First call of each session in send order (exchange index and send time). */
  firstCalls: ReadonlyMap<string, { exchange: number; sentAt: number }>;
  /** Send time of the recording's first request of any kind (NaN when unknown). */
  recordingStart: number;
  /** The session's last call in send order: its exchange, send time, and the time its finding takes (its event's ts, else its send time). */
  lastCall(sid: string): { exchange: number; sentAt: number; time: number } | null;
  /** The session's first call in send order (same shape). */
  firstCall(sid: string): { exchange: number; sentAt: number; time: number } | null;
  context: CaptureContext;
}

export interface GapResult {
  /** capture.gap findings to add. */
  added: Finding[];
  /** Findings the gaps explain, to leave out: by exchange and code (and sid). */
  hidden: Set<string>;
}

/** The key under which a finding is hidden. */
export function hiddenKey(f: Pick<Finding, 'exchange' | 'code' | 'sid'>): string {
  return `${f.exchange}\u0000${f.code}\u0000${f.sid ?? ''}`;
}

export function captureGaps(input: GapInput): GapResult {
  const added: Finding[] = [];
  const hidden = new Set<string>();
  const unknown = input.sessions.filter((s) => !s.startCaptured && s.findings.some((f) => f.code === 'session.unknown'));
  const claimed = new Set<InspectedCall>();
  const starts = [...input.failedStarts].sort((a, b) => sendTime(b) - sendTime(a));
  for (const s of unknown) {
    const first = input.firstCalls.get(s.sid);
    if (!first) continue;
    const unknownFinding = s.findings.find((f) => f.code === 'session.unknown') as Finding;
    // 1. The nearest earlier start without reply, of the same protocol, not taken by another session.
    const start = starts.find((c) => !claimed.has(c) && c.protocol === s.protocol && sendTime(c) <= first.sentAt && first.sentAt - sendTime(c) <= REPLY_LOST_WINDOW_MS);
    if (start) {
      claimed.add(start);
      hidden.add(hiddenKey({ exchange: start.exchange.index, code: 'http.failed', sid: start.sid }));
      hidden.add(hiddenKey(unknownFinding));
      added.push(makeFinding('capture.gap', { exchange: start.exchange.index, sid: s.sid, time: start.events[0]?.ts ?? start.exchange.startedAt },
        `This session start is recorded without a reply, yet session ${shortSid(s.sid)} went on right after it (#${first.exchange}) with an id only its reply could give: the player got the reply, the capture lost it. It is no failure of the player; the session's metadata is this call's body. ${HOW_TO_CAPTURE}`));
      continue;
    }
    // 2. The recording was running: the start should be in it.
    if (Number.isFinite(input.recordingStart) && first.sentAt - input.recordingStart > START_GRACE_MS) {
      hidden.add(hiddenKey(unknownFinding));
      added.push(makeFinding('capture.gap', { exchange: first.exchange, sid: s.sid, time: unknownFinding.time },
        `Session ${shortSid(s.sid)} sends events, but its start is not in the recording although the recording was running for ${Math.round((first.sentAt - input.recordingStart) / 1000)} s before them: the capture lost the sessionStart (and perhaps more), so its metadata and first events are unknown and some checks are skipped. ${HOW_TO_CAPTURE}`));
    }
  }
  // 4. Calls without a reply sent just before a navigation that loses them.
  const after = input.context.lossyAfterMs ?? OTHER_AFTER_MS;
  if (input.context.lossyAtNavigation && input.failedCalls?.length) {
    const navigations = [...input.context.navigations].sort((a, b) => a - b);
    for (const call of input.failedCalls) {
      if (call.exchange.failure === CUT_OFF_BY_NAVIGATION) continue;
      const t = sendTime(call);
      const n = navigations.find((nav) => t >= nav - BEFORE_NAVIGATION_MS && t <= nav + after);
      if (n === undefined) continue;
      const key = hiddenKey({ exchange: call.exchange.index, code: 'http.failed', sid: call.sid });
      if (hidden.has(key)) continue;
      hidden.add(key);
      added.push(makeFinding('capture.gap', { exchange: call.exchange.index, sid: call.sid, time: call.events[0]?.ts ?? call.exchange.startedAt },
        `No reply in the capture, but the page navigated at ${isoTime(n)}, ${Math.abs(Math.round((n - t) / 100) / 10)} s ${t <= n ? 'after' : 'before'} this call was sent, and this capture loses calls and replies around a navigation: whether it reached Adobe is unknown, so it is not reported as a failure. ${HOW_TO_CAPTURE}`));
    }
  }
  // 3. Sessions whose capture stops, unclosed, around a navigation that loses calls.
  if (input.context.lossyAtNavigation) {
    const navigations = [...input.context.navigations].sort((a, b) => a - b);
    for (const s of input.sessions) {
      const last = input.lastCall(s.sid);
      if (!last || !Number.isFinite(last.sentAt)) continue;
      const n = navigations.find((nav) => last.sentAt >= nav - BEFORE_NAVIGATION_MS && last.sentAt <= nav + after);
      if (n === undefined) continue;
      // A session the player had closed (sessionEnd) expected nothing more.
      if (s.closedBy?.reason === 'sessionEnd') continue;
      for (const f of s.findings) if (f.code === 'session.open-at-end' && f.exchange === last.exchange) hidden.add(hiddenKey(f));
      if (added.some((f) => f.exchange === last.exchange && f.sid === s.sid)) continue;
      added.push(makeFinding('capture.gap', { exchange: last.exchange, sid: s.sid, time: last.time },
        `The capture of session ${shortSid(s.sid)} stops here, unclosed, ${last.sentAt <= n ? 'just before' : 'just after'} the page navigated (at ${isoTime(n)}), and this capture loses calls around a navigation (the browser's DevTools reset their network log): its later calls may be missing, so a session left open or a missing error here may be the capture's, not the player's. ${HOW_TO_CAPTURE}`));
    }
  }
  // 5. Sessions that began in the moments after a navigation where the capture still loses calls.
  if (input.context.lossyAtNavigation && after > OTHER_AFTER_MS) {
    const navigations = [...input.context.navigations].sort((a, b) => a - b);
    for (const s of input.sessions) {
      const first = input.firstCall(s.sid);
      if (!first || !Number.isFinite(first.sentAt)) continue;
      // Around, not only after: the browser may report a navigation after the new page's first calls.
      const n = navigations.find((nav) => Math.abs(first.sentAt - nav) <= after);
      if (n === undefined || added.some((f) => f.sid === s.sid)) continue;
      added.push(makeFinding('capture.gap', { exchange: first.exchange, sid: s.sid, time: first.time },
        `Session ${shortSid(s.sid)} began as the page navigated (at ${isoTime(n)}), when this capture (Firefox's DevTools network API) drops a page's calls: some of its first calls may be missing, so a finding about its first moments may be the capture's, not the player's. ${HOW_TO_CAPTURE}`));
    }
  }
  return { added, hidden };
}

function sendTime(c: InspectedCall): number {
  return Number.isFinite(c.exchange.startedAt) ? c.exchange.startedAt : 0;
}

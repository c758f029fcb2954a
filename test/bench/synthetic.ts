/**
 * Synthetic, realistic Media Collection traffic for benchmarks: long sessions with the real mix
 * of event types (pings every 10 s, ad pods with 1 s pings, pauses, buffering, chapters), built
 * directly as Exchanges (no HAR text) or as HAR entries.
 */
import type { Exchange } from '../../src/core/exchange.ts';

const HOST = 'https://bench.hb-api.omtrdc.net';
const START = Date.parse('2026-11-02T08:00:00.000Z');

export function sid(n: number): string {
  return n.toString(16).padStart(64, '0');
}

interface Body {
  playerTime: { playhead: number; ts: number };
  eventType: string;
  params?: Record<string, unknown>;
  qoeData?: Record<string, unknown>;
}

/** The event bodies of one session with `count` events (sessionStart first). */
export function sessionBodies(count: number, t0 = START): Body[] {
  const out: Body[] = [{
    playerTime: { playhead: 0, ts: t0 },
    eventType: 'sessionStart',
    params: {
      'analytics.trackingServer': 'bench.sc.omtrdc.net', 'analytics.reportSuite': 'bench',
      'visitor.marketingCloudOrgId': 'BENCH@AdobeOrg', 'media.id': 'live-bench', 'media.name': 'Bench',
      'media.length': 86400, 'media.contentType': 'live', 'media.playerName': 'bench-player', 'media.channel': 'web',
    },
  }];
  let ts = t0 + 10;
  let playhead = 0;
  let lastTs = t0;
  const push = (eventType: string, extra: Partial<Body> = {}) => {
    ts = Math.max(ts, lastTs + 1); // events of a session at least 1 ms apart
    lastTs = ts;
    out.push({ playerTime: { playhead, ts }, eventType, ...extra });
  };
  push('play');
  let chapter = 0;
  while (out.length < count) {
    const cycle = out.length % 200;
    if (cycle === 2) {
      push('chapterStart', { params: { 'media.chapter.index': ++chapter, 'media.chapter.offset': playhead, 'media.chapter.length': 600 } });
    } else if (cycle === 60) {
      push('adBreakStart', { params: { 'media.ad.podIndex': chapter, 'media.ad.podSecond': playhead } });
      ts += 5;
      push('adStart', { params: { 'media.ad.id': `ad-${chapter}`, 'media.ad.length': 15, 'media.ad.podPosition': 1, 'media.ad.playerName': 'bench-player' } });
      for (let s = 0; s < 14 && out.length < count; s++) { ts += 1000; push('ping'); }
      ts += 1000;
      push('adComplete');
      ts += 5;
      push('adBreakComplete');
    } else if (cycle === 120) {
      ts += 1;
      push('pauseStart');
      ts += 10000; push('ping');
      ts += 2000; push('play');
    } else if (cycle === 150) {
      ts += 1; push('bufferStart');
      ts += 1500; push('play');
      ts += 1; push('bitrateChange', { qoeData: { 'media.qoe.bitrate': 2000000 + chapter } });
    } else if (cycle === 199) {
      ts += 1; push('chapterComplete');
    } else {
      ts += 10000; playhead += 10;
      push('ping');
    }
  }
  return out.slice(0, count);
}

/** Exchanges of `sessions` sessions of `eventsPerSession` events, interleaved as live traffic. */
export function exchanges(sessions: number, eventsPerSession: number): Exchange[] {
  const all: { body: Body; sid: string }[][] = [];
  for (let s = 0; s < sessions; s++) all.push(sessionBodies(eventsPerSession, START + s * 7).map((body) => ({ body, sid: sid(s + 1) })));
  const flat = all.flat().sort((a, b) => a.body.playerTime.ts - b.body.playerTime.ts);
  return flat.map(({ body, sid }, index) => toExchange(body, sid, index));
}

export function toExchange(body: Body, sessionId: string, index: number): Exchange {
  const opening = body.eventType === 'sessionStart';
  return {
    index,
    method: 'POST',
    url: opening ? `${HOST}/api/v1/sessions` : `${HOST}/api/v1/sessions/${sessionId}/events`,
    requestHeaders: [{ name: 'Content-Type', value: 'application/json' }],
    requestBody: JSON.stringify(body),
    status: opening ? 201 : 204,
    statusText: '',
    responseHeaders: opening ? [{ name: 'Location', value: `/api/v1/sessions/${sessionId}` }] : [],
    responseBody: null,
    startedAt: body.playerTime.ts + 15,
    durationMs: 30,
    resourceType: 'fetch',
    failure: null,
  };
}

/**
 * Builds Chrome-style HAR recordings of Media Collection traffic for tests and fixtures.
 * Times advance from a fixed start so results are reproducible.
 */
export const HOST = 'https://example.hb-api.omtrdc.net';
export const T0 = Date.parse('2026-11-02T10:00:00.000Z');

export interface EntryOptions {
  status?: number;
  /** ms after T0 when the request was sent. */
  at?: number;
  responseHeaders?: { name: string; value: string }[];
  responseBody?: string;
  resourceType?: string;
  /** Raw request body text; default JSON.stringify(body). `null` = no postData. */
  rawBody?: string | null;
  error?: string;
  method?: string;
  host?: string;
}

export function entry(url: string, body: unknown, o: EntryOptions = {}): Record<string, unknown> {
  const text = o.rawBody !== undefined ? o.rawBody : JSON.stringify(body);
  const status = o.status ?? 204;
  return {
    startedDateTime: new Date(T0 + (o.at ?? 0)).toISOString(),
    time: 35.2,
    _resourceType: o.resourceType ?? 'fetch',
    request: {
      method: o.method ?? 'POST',
      url,
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Origin', value: 'https://player.example.com' },
      ],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: text?.length ?? 0,
      ...(text === null ? {} : { postData: { mimeType: 'application/json', text } }),
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: o.responseHeaders ?? [],
      cookies: [],
      content: { size: o.responseBody?.length ?? 0, mimeType: 'application/json', ...(o.responseBody ? { text: o.responseBody } : {}) },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      ...(o.error ? { _error: o.error } : {}),
    },
    cache: {},
    timings: { send: 0, wait: 30, receive: 5.2 },
  };
}

export function sessionsEntry(body: unknown, sid: string | null, o: EntryOptions = {}): Record<string, unknown> {
  const headers = sid === null ? [] : [
    { name: 'Location', value: `/api/v1/sessions/${sid}` },
    { name: 'Access-Control-Expose-Headers', value: 'Location' },
  ];
  return entry(`${o.host ?? HOST}/api/v1/sessions`, body, { status: 201, responseHeaders: headers, ...o });
}

export function eventEntry(sid: string, body: unknown, o: EntryOptions = {}): Record<string, unknown> {
  return entry(`${o.host ?? HOST}/api/v1/sessions/${sid}/events`, body, o);
}

export function har(entries: unknown[]): { log: Record<string, unknown> } {
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [],
      entries,
    },
  };
}

export const SID = 'a'.repeat(56) + '00000001';
export const SID2 = 'b'.repeat(56) + '00000002';

export function sessionStartBody(ts = T0, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    playerTime: { playhead: 0, ts },
    eventType: 'sessionStart',
    params: {
      'analytics.trackingServer': 'example.sc.omtrdc.net',
      'analytics.reportSuite': 'examplersid',
      'analytics.enableSSL': true,
      'visitor.marketingCloudOrgId': '0123456789ABCDEF@AdobeOrg',
      'media.id': 'vod-123',
      'media.name': 'Big Buck Bunny',
      'media.length': 600,
      'media.contentType': 'vod',
      'media.playerName': 'demo-player',
      'media.channel': 'web',
      'media.streamType': 'video',
      ...extra,
    },
    customMetadata: { show: 'Open Movies' },
  };
}

export function ev(eventType: string, playhead: number, ts: number, rest: Record<string, unknown> = {}): Record<string, unknown> {
  return { playerTime: { playhead, ts }, eventType, ...rest };
}

/** A valid body for every one of the 20 event types. */
export function validBodies(ts = T0): Record<string, Record<string, unknown>> {
  return {
    sessionStart: sessionStartBody(ts),
    play: ev('play', 0, ts),
    ping: ev('ping', 10, ts),
    bitrateChange: ev('bitrateChange', 12, ts, { qoeData: { 'media.qoe.bitrate': 3000000 } }),
    bufferStart: ev('bufferStart', 12, ts),
    pauseStart: ev('pauseStart', 12, ts),
    adBreakStart: ev('adBreakStart', 0, ts, { params: { 'media.ad.podIndex': 0, 'media.ad.podSecond': 0, 'media.ad.podFriendlyName': 'pre-roll' } }),
    adStart: ev('adStart', 0, ts, {
      params: { 'media.ad.id': 'ad-1', 'media.ad.length': 15, 'media.ad.podPosition': 1, 'media.ad.playerName': 'demo-player', 'media.ad.name': 'Soda' },
      customMetadata: { campaign: 'summer' },
    }),
    adComplete: ev('adComplete', 0, ts),
    adSkip: ev('adSkip', 0, ts),
    adBreakComplete: ev('adBreakComplete', 0, ts),
    chapterStart: ev('chapterStart', 0, ts, { params: { 'media.chapter.index': 1, 'media.chapter.offset': 0, 'media.chapter.length': 300, 'media.chapter.friendlyName': 'Intro' } }),
    chapterComplete: ev('chapterComplete', 300, ts),
    chapterSkip: ev('chapterSkip', 120, ts),
    error: ev('error', 30, ts, { qoeData: { 'media.qoe.errorID': 'MEDIA_ERR_DECODE', 'media.qoe.errorSource': 'player' } }),
    stateStart: ev('stateStart', 40, ts, { params: { 'media.state.name': 'fullscreen' } }),
    stateEnd: ev('stateEnd', 50, ts, { params: { 'media.state.name': 'fullscreen' } }),
    statesUpdate: ev('statesUpdate', 55, ts, { params: { statesStart: [{ 'media.state.name': 'mute' }], statesEnd: [{ 'media.state.name': 'fullScreen' }] } }),
    sessionComplete: ev('sessionComplete', 600, ts),
    sessionEnd: ev('sessionEnd', 600, ts),
  };
}

import type { Severity } from './finding.ts';

/**
 * The stable catalogue of finding codes (see README "Findings"). A code is never renamed;
 * new codes may be added. `fix` is the default advice; a finding may give a more precise one.
 */
export interface CatalogueEntry {
  severity: Severity;
  section: 'HTTP replies' | 'Bodies' | 'Session sequence' | 'Media Edge';
  /** One line: when the code is reported. */
  when: string;
  fix: string;
}

export const CATALOGUE = {
  'http.bad-request': {
    severity: 'error', section: 'HTTP replies',
    when: '400 reply: the server rejected the body',
    fix: 'Fix the body so it passes the schema; the server discarded this call.',
  },
  'http.session-not-found': {
    severity: 'error', section: 'HTTP replies',
    when: '404 reply on an events call: the sid is unknown to the back end',
    fix: 'Start a new session (POST …/api/v1/sessions) and send the following events there.',
  },
  'http.session-gone': {
    severity: 'error', section: 'HTTP replies',
    when: '410 reply on an events call: the session is closed',
    fix: 'Start a new session (POST …/api/v1/sessions) and send the following events there.',
  },
  'http.server-error': {
    severity: 'error', section: 'HTTP replies',
    when: '5xx reply',
    fix: 'The event was not recorded; retry later or report it to the collection server owner.',
  },
  'http.failed': {
    severity: 'error', section: 'HTTP replies',
    when: 'no reply: blocked by the client, network error or aborted',
    fix: 'Check ad or tracking blockers, the network and whether the page unloaded before the call finished.',
  },
  'http.unexpected-status': {
    severity: 'warning', section: 'HTTP replies',
    when: 'any other status (200 instead of 201/204, a redirect…)',
    fix: 'Check the endpoint URL: sessions calls answer 201, events calls 204.',
  },
  'session.no-location': {
    severity: 'error', section: 'HTTP replies',
    when: 'a 201 sessions reply without a usable Location header',
    fix: 'The server must send `Location: /api/v1/sessions/<sid>` and expose it with `Access-Control-Expose-Headers: Location`.',
  },
  'session.not-restarted': {
    severity: 'warning', section: 'HTTP replies',
    when: 'after a 404/410 the player did not start a new session',
    fix: 'On 404 or 410, start a new session with a sessions call and continue tracking there.',
  },
  'body.unavailable': {
    severity: 'info', section: 'Bodies',
    when: 'the browser did not expose the body (e.g. sendBeacon during unload)',
    fix: 'Nothing to fix; the body could not be validated.',
  },
  'body.not-json': {
    severity: 'error', section: 'Bodies',
    when: 'the body is not JSON',
    fix: 'Send the event as a JSON document with Content-Type: application/json.',
  },
  'schema.unknown-event-type': {
    severity: 'error', section: 'Bodies',
    when: '`eventType` missing or not one of the 20 types',
    fix: 'Use one of the 20 event types of the Media Collection API.',
  },
  'schema.violation': {
    severity: 'error', section: 'Bodies',
    when: 'the body breaks the schema of its event type (one finding per violation)',
    fix: 'Change the body so it matches the schema of its event type.',
  },
  'endpoint.mismatch': {
    severity: 'error', section: 'Bodies',
    when: '`sessionStart` sent to the events endpoint, or another event to the sessions endpoint',
    fix: 'Send sessionStart to …/api/v1/sessions and every other event to …/api/v1/sessions/<sid>/events.',
  },
  'metadata.misplaced': {
    severity: 'warning', section: 'Bodies',
    when: '`customMetadata` on an event other than sessionStart, adStart, chapterStart',
    fix: 'Send custom metadata only on sessionStart, adStart or chapterStart.',
  },
  'metadata.reserved-key': {
    severity: 'info', section: 'Bodies',
    when: 'a `customMetadata` key starting with `media.` or `a.`, prefixes Adobe reserves (its own SDK tests send such keys, hence only info)',
    fix: 'Give custom metadata keys a prefix of your own (e.g. `myco.`).',
  },
  'qoe.misplaced': {
    severity: 'warning', section: 'Bodies',
    when: 'a `media.qoe.*` key (or error detail) inside `params` instead of `qoeData`',
    fix: 'Move QoE keys to `qoeData`.',
  },
  'error.no-details': {
    severity: 'info', section: 'Bodies',
    when: 'an `error` event without `qoeData["media.qoe.errorID"]`',
    fix: 'Add `qoeData: {"media.qoe.errorID": "…", "media.qoe.errorSource": "player"}` so the error can be told apart in reports.',
  },
  'body.invisible-characters': {
    severity: 'warning', section: 'Bodies',
    when: 'a string value Adobe reads (event type, params, custom metadata, Edge detail fields, ids) holds bidi or other invisible control characters: Adobe stores them as sent, so reports show names that look alike but differ, or read backwards',
    fix: 'Strip bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), zero-width and other invisible characters (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+00AD) and control characters from ids, names and metadata before sending them (they often come from a CMS or pasted text).',
  },
  'ad.orphan-start': {
    severity: 'error', section: 'Session sequence',
    when: '`adStart` with no open ad break',
    fix: 'Send adBreakStart before the first adStart of a pod (even for a single ad) and adBreakComplete after the last ad.',
  },
  'ad.orphan-end': {
    severity: 'warning', section: 'Session sequence',
    when: '`adComplete`/`adSkip` with no open break or no open ad',
    fix: 'Send adComplete or adSkip only for an ad started with adStart inside an open break.',
  },
  'ad.break-nested': {
    severity: 'error', section: 'Session sequence',
    when: '`adBreakStart` while a break is open',
    fix: 'Close the open break with adBreakComplete before starting the next one.',
  },
  'ad.break-unclosed': {
    severity: 'warning', section: 'Session sequence',
    when: 'a break still open at sessionComplete, at a new adBreakStart, or when main playback resumed',
    fix: 'Send adBreakComplete when the pod ends, before main content resumes.',
  },
  'ad.overlap': {
    severity: 'warning', section: 'Session sequence',
    when: '`adStart` while the previous ad was neither completed nor skipped',
    fix: 'Send adComplete or adSkip for each ad before the next adStart.',
  },
  'ad.event-before-ad': {
    severity: 'warning', section: 'Session sequence',
    when: 'a playback event between adBreakStart and the first adStart',
    fix: 'Send adStart right after adBreakStart; no playback event belongs between them.',
  },
  'ad.play-before-preroll': {
    severity: 'warning', section: 'Session sequence',
    when: '`play` sent before a pre-roll break',
    fix: 'Do not send play before a pre-roll: start with adBreakStart, and send play when main content starts.',
  },
  'chapter.overlap': {
    severity: 'warning', section: 'Session sequence',
    when: '`chapterStart` while a chapter is open',
    fix: 'Close the chapter with chapterComplete or chapterSkip before the next chapterStart.',
  },
  'chapter.orphan-end': {
    severity: 'warning', section: 'Session sequence',
    when: '`chapterComplete`/`chapterSkip` with no open chapter',
    fix: 'Send chapterComplete or chapterSkip only after a chapterStart.',
  },
  'state.orphan-end': {
    severity: 'warning', section: 'Session sequence',
    when: '`stateEnd` (or statesEnd) for a state that is not active',
    fix: 'End only player states that were started with stateStart or statesStart.',
  },
  'state.limit': {
    severity: 'warning', section: 'Session sequence',
    when: 'more than 10 distinct player states in one session',
    fix: 'Track at most 10 distinct player states per playback; the back end discards the rest.',
  },
  'capture.gap': {
    severity: 'info', section: 'Session sequence',
    when: 'the recording demonstrably lacks calls the player sent (a start recorded without reply although its session went on with the id it returned; a session whose start is missing although the recording was running; a navigation during traffic in a capture that loses calls there): the capture, not the player, lost them',
    fix: 'Nothing to fix in the player for this: capture again with "Capture without loss" on (the panel\'s webRequest capture), or with the Network panel\'s Persist Logs / Preserve log on.',
  },
  'session.unknown': {
    severity: 'info', section: 'Session sequence',
    when: 'events for a sid whose sessions call was not captured',
    fix: 'Start recording before playback begins to see the whole session.',
  },
  'session.after-end': {
    severity: 'error', section: 'Session sequence',
    when: 'an event after sessionEnd on the same sid',
    fix: 'Send nothing on a session after sessionEnd; start a new session for new playback.',
  },
  'session.idle-timeout': {
    severity: 'error', section: 'Session sequence',
    when: 'more than 10 minutes between two events of a session',
    fix: 'Keep sending pings every 10 s while the session is open (also when paused), or end it and start a new one.',
  },
  'session.stalled-playhead': {
    severity: 'warning', section: 'Session sequence',
    when: '30 minutes without playhead movement',
    fix: 'End the session after a long pause and start a new one when playback resumes.',
  },
  'session.too-long': {
    severity: 'warning', section: 'Session sequence',
    when: 'a session older than 24 hours still sends events',
    fix: 'Restart the session when it is 24 hours old.',
  },
  'session.resume-missing': {
    severity: 'warning', section: 'Session sequence',
    when: 'a session that continues one closed after 30 minutes without playback or at 24 hours (as Adobe\'s SDKs restart) has no params["media.resume"] = true on its sessionStart',
    fix: 'Send params["media.resume"] = true on the sessionStart that continues a closed session of the same media.',
  },
  'session.state-not-restored': {
    severity: 'warning', section: 'Session sequence',
    when: 'a restarted session does not send again, right after its sessionStart, the chapter, ad break, ad or player states that were open when the previous session closed',
    fix: 'After the new sessionStart, send chapterStart, adBreakStart, adStart and stateStart for what was open, then the playback state.',
  },
  'session.open-at-end': {
    severity: 'info', section: 'Session sequence',
    when: 'the recording ended with the session neither ended nor completed',
    fix: 'Nothing to fix if playback was still going; otherwise send sessionComplete or sessionEnd.',
  },
  'ping.late': {
    severity: 'warning', section: 'Session sequence',
    when: 'a gap between heartbeats longer than the cadence plus tolerance',
    fix: 'Send a ping every 10 s during main content (also while paused or buffering), and at the chosen cadence during ads.',
  },
  'ping.early': {
    severity: 'info', section: 'Session sequence',
    when: 'heartbeats much more often than the cadence',
    fix: 'Send pings every 10 s during main content.',
  },
  'ts.duplicate': {
    severity: 'warning', section: 'Session sequence',
    when: 'two events of a session share a `ts`',
    fix: 'Keep events of a session at least 1 ms apart.',
  },
  'ts.out-of-order': {
    severity: 'warning', section: 'Session sequence',
    when: '`ts` lower than the previous event\'s (error when more than 1 s back)',
    fix: 'Send events in the order they happen, each with the time it happened.',
  },
  'ts.not-milliseconds': {
    severity: 'error', section: 'Session sequence',
    when: '`ts` looks like seconds or microseconds',
    fix: 'Send `playerTime.ts` as an integer of milliseconds since the epoch (Date.now()).',
  },
  'ts.clock-skew': {
    severity: 'info', section: 'Session sequence',
    when: '`ts` more than 5 minutes from when the request was sent',
    fix: 'Take `ts` from the device clock at the moment of the event.',
  },
  'playhead.backwards': {
    severity: 'info', section: 'Session sequence',
    when: 'the playhead moved back (a seek)',
    fix: 'Nothing to fix if the viewer seeked.',
  },
  'playhead.moves-in-ad': {
    severity: 'warning', section: 'Session sequence',
    when: 'the main playhead advanced inside an ad break',
    fix: 'During an ad break keep the playhead at the main-content position where the break started.',
  },
  'playhead.beyond-length': {
    severity: 'warning', section: 'Session sequence',
    when: 'VOD playhead beyond `media.length` (+ tolerance)',
    fix: 'Send the main-content position in seconds and the real content length in media.length.',
  },
  'playhead.not-seconds': {
    severity: 'warning', section: 'Session sequence',
    when: 'the playhead advances about 1000 per second of `ts`',
    fix: 'Send the playhead in seconds, not milliseconds.',
  },
  'http.multi-status': {
    severity: 'error', section: 'Media Edge',
    when: 'a 207 reply (or a 200 with `errors[]`) to a Media Edge sessionStart: Adobe rejected the session; each reason with its pointer',
    fix: 'Fix every field Adobe names in the reply and start the session again; until then nothing of it is recorded.',
  },
  'session.no-id': {
    severity: 'error', section: 'Media Edge',
    when: 'a Media Edge sessionStart reply without a `media-analytics:new-session` handle (or with an empty `sessionId`)',
    fix: 'Check that the datastream (configId) has Media Analytics enabled, and read the session id from the reply\'s new-session handle.',
  },
  'edge.path-mismatch': {
    severity: 'error', section: 'Media Edge',
    when: 'the path\'s event type differs from the body\'s `xdm.eventType` (Adobe answers 400)',
    fix: 'Send each event to …/va/v1/<eventType> with xdm.eventType "media.<eventType>".',
  },
  'edge.config-id-missing': {
    severity: 'error', section: 'Media Edge',
    when: 'no `configId` in the query: an error on sessionStart and `interact`, info on an event call',
    fix: 'Add ?configId=<datastream id> to every Media Edge call.',
  },
  'edge.hint-changed': {
    severity: 'warning', section: 'Media Edge',
    when: 'the location hint in the path changes within one session (calls may land on another edge server)',
    fix: 'Keep the location hint the sessionStart reply gave for the whole session.',
  },
  'edge.config-changed': {
    severity: 'info', section: 'Media Edge',
    when: 'the datastream (`configId`) changes within one session (the Web SDK\'s datastream override sends only the session start to the override): if the other datastream lacks Media Analytics, the session\'s later events are lost',
    fix: 'Check that both datastreams have Media Analytics enabled, or send the whole session to one datastream.',
  },
  'edge.several-events': {
    severity: 'info', section: 'Media Edge',
    when: 'a media call carries more than one event (no Adobe client does; whether the server accepts it is not documented)',
    fix: 'Send one event per call, as Adobe\'s clients do.',
  },
  'schema.unknown-field': {
    severity: 'warning', section: 'Media Edge',
    when: 'a field Adobe\'s Edge schema does not define inside `mediaCollection` or its detail objects (likely misspelt: Media Analytics ignores it)',
    fix: 'Use the field name of Adobe\'s schema (e.g. sessionID, podPosition); remove fields Media Analytics does not read.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type FindingCode = keyof typeof CATALOGUE;

export const FINDING_CODES = Object.keys(CATALOGUE) as FindingCode[];

/**
 * The demo's scripted sessions. `clean` is what a correct integration sends; every other one
 * breaks one rule on purpose, and names the finding the inspector should show for it. Most also
 * run over Media Edge (direct and Web SDK styles), with the findings in `edgeExpect`.
 */
import type { DemoProtocol } from './protocol.ts';
import { ScriptedPlayer } from './script.ts';

export interface Scenario {
  title: string;
  /** Findings the inspector must report (the clean scenario has none of severity warning/error). */
  expect: string[];
  /**
   * The same over Media Edge (both styles); absent when the scenario is Media Collection's alone
   * (`ts` in seconds and params on a ping have no Edge counterpart).
   */
  edgeExpect?: string[];
  /** Deliberate tracker bugs this scenario needs. */
  faults?: { tsInSeconds?: boolean; noRestart?: boolean };
  run(p: ScriptedPlayer): Promise<void>;
}

export const DEMO_CONTENT = {
  'media.id': 'mci-demo-001',
  'media.name': 'Test pattern (demo)',
  'media.length': 60,
  'media.contentType': 'vod',
  'media.streamType': 'video',
};

/** A correct VOD: pre-roll pod of two ads, two chapters, a pause, buffering, a mid-roll, states, complete. */
async function clean(p: ScriptedPlayer): Promise<void> {
  await p.start();
  await p.adBreak(0, [{ id: 'pre-1', length: 5 }, { id: 'pre-2', length: 4 }]);
  await p.play();
  await p.chapter(1, 0, 30, 'Opening');
  await p.playFor(12);
  await p.event('bitrateChange', { qoeData: { 'media.qoe.bitrate': 1200000 } });
  await p.playFor(6);
  await p.event('pauseStart');
  await p.waitFor(8);
  await p.event('play');
  await p.event('stateStart', { params: { 'media.state.name': 'mute' } });
  await p.playFor(7);
  await p.event('bufferStart');
  await p.waitFor(2);
  await p.event('play');
  await p.playFor(5);
  await p.event('chapterComplete');
  await p.adBreak(1, [{ id: 'mid-1', length: 6 }]);
  await p.chapter(2, 30, 30, 'Finale');
  await p.event('stateStart', { params: { 'media.state.name': 'fullscreen' } });
  await p.playFor(25);
  await p.event('stateEnd', { params: { 'media.state.name': 'fullscreen' } });
  await p.playFor(5);
  await p.event('chapterComplete');
  await p.event('sessionComplete');
  p.stopPings();
  await p.event('sessionEnd');
}

async function orphanAd(p: ScriptedPlayer): Promise<void> {
  await p.start();
  await p.play();
  await p.playFor(12);
  await p.adBreak(1, [{ id: 'mid-orphan', length: 8 }], { withBreak: false });
  await p.playFor(10);
  await p.event('sessionComplete');
  p.stopPings();
  await p.event('sessionEnd');
}

async function afterEnd(p: ScriptedPlayer): Promise<void> {
  await p.start();
  await p.play();
  await p.playFor(11);
  p.stopPings();
  await p.event('sessionEnd');
  // A player that forgot to stop its timer: pings on a closed session.
  await p.waitFor(10);
  await p.event('ping');
}

async function lostSession(p: ScriptedPlayer): Promise<void> {
  await p.start();
  await p.play();
  await p.playFor(11);
  // The player sends to a session the back end does not know (a stale sid); it then restarts.
  await p.event('ping', { sid: `${'0'.repeat(56)}deadbeef` });
  await p.playFor(11);
  await p.event('sessionComplete');
  p.stopPings();
  await p.event('sessionEnd');
}

async function tsSeconds(p: ScriptedPlayer): Promise<void> {
  await p.start();
  await p.play();
  await p.playFor(21);
  await p.event('sessionComplete');
  p.stopPings();
  await p.event('sessionEnd');
}

async function badSchema(p: ScriptedPlayer): Promise<void> {
  await p.start();
  await p.play();
  await p.playFor(4);
  await p.event('adBreakStart', { params: { 'media.ad.podIndex': 1, 'media.ad.podSecond': 4 } });
  // media.ad.length as a string and a misspelt key: the collector answers 400. Over Media Edge:
  // advertisingDetails.length as a string (Adobe's 400) and a misspelt "nmae" (a warning).
  await p.event('adStart', {
    params: { 'media.ad.id': 'ad-x', 'media.ad.length': '15', 'media.ad.podPosition': 1, 'media.ad.playerName': 'mci-demo-player', 'media.ad.nmae': 'typo' },
    edge: { advertisingDetails: { nmae: 'typo' } },
  });
  await p.event('adComplete');
  await p.event('adBreakComplete');
  await p.playFor(7);
  await p.event('sessionComplete');
  p.stopPings();
  await p.event('sessionEnd');
}

async function pingParams(p: ScriptedPlayer): Promise<void> {
  await p.start();
  await p.play();
  await p.playFor(9);
  await p.event('ping', { params: { 'media.qoe.bitrate': 800000 } });
  await p.playFor(3);
  await p.event('sessionComplete');
  p.stopPings();
  await p.event('sessionEnd');
}

async function blocked(p: ScriptedPlayer): Promise<void> {
  await p.start();
  await p.play();
  await p.playFor(9);
  // The collector drops the connection, as when an extension or proxy blocks the call.
  await p.event('ping', { query: 'fault=abort' });
  await p.playFor(3);
  await p.event('sessionComplete');
  p.stopPings();
  await p.event('sessionEnd');
}

export const SCENARIOS: Record<string, Scenario> = {
  clean: { title: 'Correct VOD session', expect: [], edgeExpect: [], run: clean },
  'orphan-ad': { title: 'adStart without adBreakStart', expect: ['ad.orphan-start'], edgeExpect: ['ad.orphan-start'], run: orphanAd },
  'after-end': { title: 'Ping after sessionEnd (410)', expect: ['session.after-end', 'http.session-gone'], edgeExpect: ['session.after-end', 'http.session-gone'], faults: { noRestart: true }, run: afterEnd },
  'lost-session': { title: 'Unknown session (404), then a restart', expect: ['http.session-not-found'], edgeExpect: ['http.session-not-found'], run: lostSession },
  'ts-seconds': { title: 'ts in seconds', expect: ['ts.not-milliseconds'], faults: { tsInSeconds: true }, run: tsSeconds },
  'bad-schema': { title: 'A body that fails the schema (400)', expect: ['schema.violation', 'http.bad-request'], edgeExpect: ['schema.violation', 'http.bad-request', 'schema.unknown-field'], run: badSchema },
  'ping-params': { title: 'A ping with params', expect: ['schema.violation', 'qoe.misplaced', 'http.bad-request'], run: pingParams },
  blocked: { title: 'A blocked request', expect: ['http.failed'], edgeExpect: ['http.failed'], run: blocked },
};

/** Whether a scenario runs over a protocol. */
export function runsOver(scenario: Scenario, protocol: DemoProtocol): boolean {
  return protocol === 'collection' || scenario.edgeExpect !== undefined;
}

/** What the inspector must report for a scenario over a protocol. */
export function expectedFindings(scenario: Scenario, protocol: DemoProtocol): string[] {
  return protocol === 'collection' ? scenario.expect : scenario.edgeExpect ?? [];
}

/**
 * Media Edge sessions as Adobe's own clients send them (sdk-session.ts's simulator): the AEP Edge
 * Media mobile extensions and the Web SDK (automatic, manual, the legacy Media JS API), each with
 * the settings Adobe's tests and sample page use, played through Adobe's tracking scenarios
 * (test-plans.md section 2) and the habits of Adobe's tests (closing cascades, calls back to back).
 * Shared by the engine's, the CLI's, the panel's and the reports' tests and by the fixture
 * edge-sdk-clients.har.
 */
import type { Settings } from '../../src/core/session/settings.ts';
import { T0 } from './har-builder.ts';
import { SdkSimulator, type Entry, type SdkOptions } from './sdk-session.ts';

export interface EdgeClient {
  name: string;
  options: SdkOptions;
  /** Settings the session needs (a 50-s interval that short sessions cannot show: pinned). */
  settings?: Partial<Settings>;
}

/** The Edge clients, each as Adobe configures it somewhere in its own code, tests or samples. */
export const EDGE_CLIENTS: readonly EdgeClient[] = [
  { name: 'AEP Edge Media mobile, default intervals (10 s, ads 10 s)', options: { client: 'edge-mobile' } },
  { name: 'AEP Edge Media mobile, 15 s main and 1 s ad pings (Adobe\'s CustomPingDuration test)', options: { client: 'edge-mobile', mainPingMs: 15_000, adPingMs: 1000 } },
  { name: 'AEP Edge Media mobile, 50 s main pings (the top of the range), pinned in the settings', options: { client: 'edge-mobile', mainPingMs: 50_000 }, settings: { mainPingIntervalS: 50 } },
  { name: 'Web SDK automatic mode, default intervals', options: { client: 'web-sdk' } },
  { name: 'Web SDK as Adobe\'s sample page configures it (12 s main, 1 s ad pings)', options: { client: 'web-sdk', mainPingMs: 12_000, adPingMs: 1000 } },
  { name: 'Web SDK on a slow network (replies after 1.8 s), 15 s main pings', options: { client: 'web-sdk', mainPingMs: 15_000, replyMs: 1800 } },
  { name: 'Web SDK manual mode (the app pings every 10 s)', options: { client: 'web-sdk-manual' } },
  { name: 'legacy Media JS API over the Web SDK, QoE set', options: { client: 'web-sdk-legacy', legacyQoe: { bitrate: 3000, timeToStart: 800, framesPerSecond: 30, droppedFrames: 0 } } },
];

export interface EdgeScenario {
  name: string;
  /** Options of the session (content type, length…) over the client's. */
  options?: SdkOptions;
  /** Only for clients that keep timers of their own (the mobile idle close). */
  mobileOnly?: boolean;
  play(sdk: SdkSimulator): void;
}

const mobile = (sdk: SdkSimulator) => sdk.client === 'edge-mobile';

/**
 * Closes what is open and ends: the mobile SDKs do it in one call (trackSessionEnd's cascade); a
 * Web SDK app sends each call itself, back to back.
 */
function endWith(sdk: SdkSimulator, open: ('ad' | 'break' | 'chapter')[], last: 'end' | 'complete'): void {
  if (!mobile(sdk)) {
    if (open.includes('ad')) sdk.adSkip();
    if (open.includes('break')) sdk.adBreakComplete();
    if (open.includes('chapter')) sdk.chapterSkip();
  }
  if (last === 'end') sdk.end();
  else sdk.complete();
}

export const EDGE_SCENARIOS: readonly EdgeScenario[] = [
  { name: 'VOD without interruption', play: (sdk) => { sdk.start().advance(400).play().advance(150_000).complete(); } },
  {
    name: 'VOD with pre-roll ads (adComplete and adBreakComplete back to back)',
    play: (sdk) => {
      sdk.start().advance(300).adBreakStart().adStart({ lengthS: 15 }).advance(15_000).adComplete().adStart({ lengthS: 10 }).advance(10_000);
      sdk.adComplete().adBreakComplete().play().advance(70_000).complete();
    },
  },
  {
    name: 'VOD with a skipped mid-roll ad (adSkip and adBreakComplete back to back)',
    play: (sdk) => {
      sdk.start().advance(300).play().advance(32_000).adBreakStart().adStart({ lengthS: 30 }).advance(6000).adSkip().adBreakComplete();
      sdk.advance(45_000).complete();
    },
  },
  {
    name: 'VOD with one chapter (chapterComplete and sessionComplete back to back)',
    play: (sdk) => { sdk.start().advance(200).chapterStart({ lengthS: 90 }).play().advance(90_000).chapterComplete().complete(); },
  },
  {
    name: 'VOD with a skipped chapter',
    play: (sdk) => {
      sdk.start().advance(200).chapterStart({ lengthS: 60 }).play().advance(21_000).chapterSkip().chapterStart({ lengthS: 60 });
      sdk.advance(60_000).chapterComplete().advance(15_000).complete();
    },
  },
  {
    name: 'VOD with seeking (forward, then back)',
    play: (sdk) => { sdk.start().advance(300).play().advance(31_000).seek(200).advance(33_000).seek(60).advance(25_000).complete(); },
  },
  {
    name: 'VOD with buffering',
    play: (sdk) => { sdk.start().advance(300).play().advance(26_000).bufferStart().advance(7000).play().advance(40_000).complete(); },
  },
  {
    name: 'VOD paused for 95 s, then ended by the viewer',
    play: (sdk) => { sdk.start().advance(300).play().advance(22_000).pause().advance(95_000).play().advance(30_000).end(); },
  },
  {
    name: 'live main content, the viewer leaves',
    options: { contentType: 'live', mediaLength: 86_400, mediaId: 'live-news' },
    play: (sdk) => { sdk.start().advance(300).play().advance(180_000).end(); },
  },
  {
    name: 'player states, a bitrate change and an error, called back to back',
    play: (sdk) => {
      sdk.start().advance(300).play().stateStart('mute').stateStart('fullscreen').advance(13_000).bitrateChange(3_000_000).error('MEDIA_ERR_NETWORK');
      sdk.advance(40_000).stateEnd('mute').stateEnd('fullscreen').advance(12_000).complete();
    },
  },
  {
    name: 'trackSessionEnd during a mid-roll ad inside a chapter (one closing cascade)',
    play: (sdk) => {
      sdk.start().advance(300).chapterStart({ lengthS: 120 }).play().advance(39_000).adBreakStart().adStart({ lengthS: 30 }).advance(4000);
      endWith(sdk, ['ad', 'break', 'chapter'], 'end');
    },
  },
  {
    name: 'trackComplete inside a chapter (one closing cascade)',
    play: (sdk) => { sdk.start().advance(300).chapterStart({ lengthS: 600 }).play().advance(64_000); endWith(sdk, ['chapter'], 'complete'); },
  },
  {
    name: 'a mid-roll pod of two ads (adBreakStart and adStart back to back)',
    play: (sdk) => {
      sdk.start().advance(300).play().advance(41_000).adBreakStart().adStart({ lengthS: 10 }).advance(10_000).adComplete().adStart({ lengthS: 10 }).advance(10_000);
      sdk.adComplete().adBreakComplete().advance(35_000).complete();
    },
  },
  {
    name: 'a 30-minute session',
    play: (sdk) => {
      sdk.start().advance(300).chapterStart({ lengthS: 1800 }).play().advance(600_000).pause().advance(60_000).play().advance(600_000);
      sdk.bufferStart().advance(5000).play().advance(535_000).chapterComplete().complete();
    },
  },
  {
    name: 'paused 31 minutes: the idle close, then a resumed session',
    mobileOnly: true,
    play: (sdk) => { sdk.start().advance(300).play().advance(25_000).pause().advance(31 * 60_000).play().advance(45_000).complete(); },
  },
];

/** A client's session of a scenario (its own sid seed). */
export function edgeSession(client: EdgeClient, scenario: EdgeScenario, seed: number, start = T0): SdkSimulator {
  const sdk = new SdkSimulator({ ...client.options, ...scenario.options, sidSeed: seed, start, playerName: 'edge-player', channel: 'web' });
  scenario.play(sdk);
  return sdk;
}

/** Whether the scenario applies to the client. */
export function applies(client: EdgeClient, scenario: EdgeScenario): boolean {
  return !scenario.mobileOnly || client.options.client === 'edge-mobile';
}

/**
 * One recording of every client: each plays a few scenarios one after the other (the fixture
 * edge-sdk-clients.har). Clients whose sessions need settings are left out.
 */
export function edgeClientsRecording(): Entry[] {
  const picks = ['VOD with pre-roll ads (adComplete and adBreakComplete back to back)', 'trackSessionEnd during a mid-roll ad inside a chapter (one closing cascade)', 'player states, a bitrate change and an error, called back to back'];
  const out: Entry[] = [];
  let seed = 0xed6e0000;
  let start = T0;
  for (const client of EDGE_CLIENTS.filter((c) => !c.settings)) {
    for (const name of picks) {
      const scenario = EDGE_SCENARIOS.find((s) => s.name === name) as EdgeScenario;
      out.push(...edgeSession(client, scenario, ++seed, start).entries());
      start += 400_000;
    }
  }
  return out;
}

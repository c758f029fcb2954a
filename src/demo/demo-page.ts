/**
 * The demo page: a live instrumented <video> and buttons (or ?scenario=NAME) for scripted
 * sessions. Calls go cross-origin on purpose (page on localhost, collector on 127.0.0.1), so
 * CORS and the exposed Location header are exercised as in production.
 * URL parameters: scenario=NAME runs it at once; collector=URL overrides the endpoint.
 * When a run ends, <body data-state="done" data-scenario=NAME data-sid=…> tells tests.
 */
import { instrumentVideo } from './live-player.ts';
import { ScriptedPlayer } from './script.ts';
import { DEMO_CONTENT, SCENARIOS } from './scenarios.ts';

const params = new URLSearchParams(location.search);
const endpoint = params.get('collector') ?? `${location.protocol}//127.0.0.1:${location.port}`;
const logList = document.getElementById('log') as HTMLOListElement;

function log(line: string): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toISOString().slice(11, 23)}  ${line}`;
  logList.append(item);
  logList.scrollTop = logList.scrollHeight;
}

function sessionParams(): Record<string, unknown> {
  return {
    'analytics.trackingServer': 'demo.sc.omtrdc.net',
    'analytics.reportSuite': 'mcidemo',
    'analytics.enableSSL': false,
    'visitor.marketingCloudOrgId': '0000000000000000000000@AdobeOrg',
    'media.playerName': 'mci-demo-player',
    'media.channel': 'demo',
    'media.sdkVersion': 'mci-demo-1.0',
    ...DEMO_CONTENT,
  };
}

async function runScenario(name: string): Promise<void> {
  const scenario = SCENARIOS[name];
  if (!scenario) {
    log(`unknown scenario "${name}"`);
    document.body.dataset.state = 'error';
    return;
  }
  document.body.dataset.state = 'running';
  log(`— scenario ${name}: ${scenario.title}`);
  const player = new ScriptedPlayer({ endpoint, sessionParams: sessionParams(), log, ...(scenario.faults ? { faults: scenario.faults } : {}) });
  try {
    await scenario.run(player);
    log(`— scenario ${name} done`);
  } catch (e) {
    log(`— scenario ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  document.body.dataset.scenario = name;
  document.body.dataset.sid = player.tracker.sid ?? '';
  document.body.dataset.state = 'done';
}

(document.getElementById('endpoint') as HTMLElement).textContent = endpoint;
const buttons = document.getElementById('buttons') as HTMLElement;
for (const [name, scenario] of Object.entries(SCENARIOS)) {
  const button = document.createElement('button');
  button.textContent = scenario.title;
  button.dataset.scenario = name;
  button.addEventListener('click', () => void runScenario(name));
  buttons.append(button);
}
instrumentVideo({
  video: document.getElementById('video') as HTMLVideoElement,
  overlay: document.getElementById('overlay') as HTMLElement,
  endpoint,
  sessionParams: sessionParams(),
  log,
});
const requested = params.get('scenario');
if (requested) void runScenario(requested);
else document.body.dataset.state = 'ready';

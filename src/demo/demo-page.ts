/**
 * The demo page: a live instrumented <video> and buttons (or ?scenario=NAME) for scripted
 * sessions, over the Media Collection API or the Media Edge API. Calls go cross-origin on purpose
 * (page on localhost, collector on 127.0.0.1), so CORS and the exposed Location header are
 * exercised as in production.
 * URL parameters: scenario=NAME runs it at once; protocol=collection|edge|websdk chooses the API
 * (also the page's "Protocol" control, which keeps the URL in step); collector=URL overrides the
 * endpoint. When a run ends, <body data-state="done" data-scenario=NAME data-protocol=… data-sid=…>
 * tells tests.
 */
import { instrumentVideo } from './live-player.ts';
import { isEdgeProtocol, parseProtocol, PROTOCOLS, type DemoProtocol } from './protocol.ts';
import { ScriptedPlayer } from './script.ts';
import { DEMO_CONTENT, runsOver, SCENARIOS } from './scenarios.ts';

const params = new URLSearchParams(location.search);
const endpoint = params.get('collector') ?? `${location.protocol}//127.0.0.1:${location.port}`;
const logList = document.getElementById('log') as HTMLOListElement;
const select = document.getElementById('protocol') as HTMLSelectElement;
const buttons = document.getElementById('buttons') as HTMLElement;

function log(line: string): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toISOString().slice(11, 23)}  ${line}`;
  logList.append(item);
  logList.scrollTop = logList.scrollHeight;
}

/** Whether the live <video> session has taken its protocol (a change then applies to the next page load). */
let liveStarted = false;
const requestedProtocol = params.get('protocol');
let protocol: DemoProtocol = parseProtocol(requestedProtocol) ?? 'collection';
if (requestedProtocol !== null && parseProtocol(requestedProtocol) === null) {
  log(`unknown protocol "${requestedProtocol}" (use collection, edge or websdk): speaking Media Collection`);
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

/** Shows the chosen protocol: the control, the endpoint line, the scenarios it can run, the URL. */
function showProtocol(): void {
  select.value = protocol;
  document.body.dataset.protocol = protocol;
  (document.getElementById('endpoint') as HTMLElement).textContent = isEdgeProtocol(protocol) ? `${endpoint}/ee` : endpoint;
  (document.getElementById('protocol-detail') as HTMLElement).textContent = PROTOCOLS[protocol].detail;
  for (const button of buttons.querySelectorAll<HTMLButtonElement>('button[data-scenario]')) {
    const scenario = SCENARIOS[button.dataset.scenario ?? ''];
    const runs = scenario ? runsOver(scenario, protocol) : false;
    button.disabled = !runs;
    button.title = runs ? '' : 'Media Collection only';
  }
}

async function runScenario(name: string): Promise<void> {
  const scenario = SCENARIOS[name];
  if (!scenario) {
    log(`unknown scenario "${name}"`);
    document.body.dataset.state = 'error';
    return;
  }
  if (!runsOver(scenario, protocol)) {
    log(`scenario ${name} has no ${PROTOCOLS[protocol].label} flavour (Media Collection only)`);
    document.body.dataset.state = 'error';
    return;
  }
  const running = protocol;
  document.body.dataset.state = 'running';
  log(`— scenario ${name} over ${PROTOCOLS[running].label}: ${scenario.title}`);
  const player = new ScriptedPlayer({ endpoint, sessionParams: sessionParams(), log, ...(scenario.faults ? { faults: scenario.faults } : {}) }, running);
  try {
    await scenario.run(player);
    log(`— scenario ${name} done`);
  } catch (e) {
    log(`— scenario ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  document.body.dataset.scenario = name;
  document.body.dataset.scenarioProtocol = running;
  document.body.dataset.sid = player.tracker.sid ?? '';
  document.body.dataset.state = 'done';
}

for (const [id, p] of Object.entries(PROTOCOLS)) {
  const option = document.createElement('option');
  option.value = id;
  option.textContent = p.label;
  select.append(option);
}
select.addEventListener('change', () => {
  protocol = parseProtocol(select.value) ?? 'collection';
  const url = new URL(location.href);
  url.searchParams.set('protocol', protocol);
  history.replaceState(null, '', url);
  showProtocol();
  log(`protocol: ${PROTOCOLS[protocol].label}${liveStarted ? ' (the live session keeps its own until the page reloads)' : ''}`);
});
for (const [name, scenario] of Object.entries(SCENARIOS)) {
  const button = document.createElement('button');
  button.textContent = scenario.title;
  button.dataset.scenario = name;
  button.addEventListener('click', () => void runScenario(name));
  buttons.append(button);
}
showProtocol();
instrumentVideo({
  video: document.getElementById('video') as HTMLVideoElement,
  overlay: document.getElementById('overlay') as HTMLElement,
  endpoint,
  sessionParams: sessionParams(),
  log,
  protocol: () => {
    liveStarted = true;
    return protocol;
  },
});
const requested = params.get('scenario');
if (requested) void runScenario(requested);
else document.body.dataset.state = 'ready';

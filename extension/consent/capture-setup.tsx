/**
 * The page where the user allows "Capture without loss" (or stops it): what it does, what it asks
 * for (the webRequest API and exactly these hosts), and the browser's own permission prompt on a
 * click. Opened from the panel, in a tab: Firefox gives a DevTools panel no permissions API
 * (https://bugzilla.mozilla.org/show_bug.cgi?id=1796933), and a permission request needs a click.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { apiPermissions, CONSENT_KEY, isGranted, originOf, originsFor, type BrowserKind } from './capture-permissions.ts';

const kind: BrowserKind = typeof (browser.runtime as unknown as { getBrowserInfo?: unknown }).getBrowserInfo === 'function' ? 'firefox' : 'chromium';

async function customEndpoints(): Promise<string[]> {
  const saved = (await browser.storage.local.get('settings')).settings as { customEndpoints?: unknown } | undefined;
  return Array.isArray(saved?.customEndpoints) ? saved.customEndpoints.filter((e): e is string => typeof e === 'string') : [];
}

/** The inspected site the panel opened this page for: the browser reports its requests only with access to it too. */
const page = new URLSearchParams(location.search).get('page');
const pageOrigin = page ? originOf(page) : null;

function Setup() {
  const [granted, setGranted] = useState<boolean | null>(null);
  const [covered, setCovered] = useState(true);
  const [origins, setOrigins] = useState<string[]>(originsFor([]));
  const [message, setMessage] = useState('');
  const refresh = async () => {
    const [ok, endpoints] = await Promise.all([isGranted(browser.permissions), customEndpoints()]);
    const all = originsFor(endpoints);
    if (pageOrigin && !all.includes(pageOrigin)) all.push(pageOrigin);
    setOrigins(all);
    setCovered(await browser.permissions.contains({ origins: all }).catch(() => false));
    setGranted(ok);
    await browser.storage.local.set({ [CONSENT_KEY]: ok });
  };
  useEffect(() => {
    void refresh();
  }, []);
  // Called right in the click: the browser accepts a permission request only from a user's action.
  const allow = () => {
    setMessage('');
    browser.permissions.request({ permissions: apiPermissions(kind) as browser.Manifest.OptionalPermission[], origins }).then(async (ok) => {
      setMessage(ok ? 'Capture without loss is on. It applies to DevTools opened from now on and to those open now.' : 'The permission was not granted: nothing changed.');
      await refresh();
    }, (e: unknown) => setMessage(`The browser refused the request: ${e instanceof Error ? e.message : String(e)}`));
  };
  const stop = () => {
    void browser.permissions.getAll().then((all) => browser.permissions.remove({
      permissions: apiPermissions(kind) as browser.Manifest.OptionalPermission[], origins: all.origins ?? [],
    })).then(async () => {
      setMessage('Capture without loss is off: the permission is given back.');
      await refresh();
    }, (e: unknown) => setMessage(`Could not give the permission back: ${e instanceof Error ? e.message : String(e)}`));
  };
  return (
    <main class="setup" data-testid="capture-setup">
      <h1>Capture without loss</h1>
      <p>The panel reads traffic through the browser's DevTools network API. At a navigation the browser resets that log, and
        media calls in flight or just answered can go missing from it: in our measurements Firefox lost them in bursts and on
        most quick navigations, Chromium about one call in a hundred at a navigation. A missing call makes the panel report
        things that did not happen (a session left open, a start without its reply, no error where there was a 410).</p>
      <p>With your permission the inspector also captures media calls with the browser's <code>webRequest</code> API, which sees
        every request whatever DevTools keeps, and merges both (each request once). Only:</p>
      <ul>
        <li>requests to these hosts: {origins.map((o) => <code key={o} class="origin" data-testid="origin">{o}</code>)} (Adobe's Media Collection, Edge and heartbeat hosts, your custom endpoints{pageOrigin ? ', and the site you are testing: the browser reports a request to an extension only if it may access the page that sent it too' : ''});</li>
        <li>media calls (everything else is ignored), of tabs whose DevTools has the panel open;</li>
        <li>{kind === 'firefox' ? 'the reply body of a media call is read as it passes (a Media Edge session id is in one); the reply reaches the page unchanged;' : 'Chromium lets an extension read no reply body this way: those still come from DevTools;'}</li>
        <li>kept on this machine like the rest of the capture; nothing is sent anywhere.</li>
      </ul>
      <p class="state" data-testid="capture-state">{granted === null ? 'Checking…' : granted ? 'Capture without loss is on.' : 'Capture without loss is off.'}</p>
      {granted && !covered && <p class="state" data-testid="capture-not-covered">Not yet for every host above (a new custom endpoint or site): allow them too.</p>}
      {granted && !covered && <button type="button" onClick={allow} data-testid="capture-allow-more">Allow these hosts too</button>}
      {granted ? (
        <button type="button" onClick={stop} data-testid="capture-stop">Turn off and give the permission back</button>
      ) : (
        <button type="button" onClick={allow} data-testid="capture-allow" disabled={granted === null}>Allow capture without loss</button>
      )}
      {message && <p class="message" data-testid="capture-message">{message}</p>}
      <p class="note">Added a custom endpoint later? Open this page again to allow its host. You can also review or remove the
        permission in the browser's extension settings.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) render(<Setup />, root);

/**
 * A page for measuring what a capture loses at navigations: it plays a short Media Collection
 * session against the collector (each call awaited, as a player waits for its sid), and as soon
 * as the last reply is in it navigates to itself with the next number, again and again. The page
 * counts what it sent and what was answered (localStorage, which outlives the navigations), so a
 * test compares that with what the panel shows. Served by its own tiny server on localhost (a
 * different origin from the API on 127.0.0.1, so CORS is exercised as in production).
 */
import { createServer, type Server } from 'node:http';

/** One call the page made and the answer it got (status 0: no answer). */
export interface SentCall {
  round: number;
  sid: string | null;
  eventType: string;
  ts: number;
  status: number;
}

const SCRIPT = String.raw`
(async () => {
  const q = new URLSearchParams(location.search);
  const round = Number(q.get('n') || 0);
  const rounds = Number(q.get('rounds') || 1);
  const api = q.get('api');
  if (round === 0) localStorage.removeItem('mci-sent');
  const sent = JSON.parse(localStorage.getItem('mci-sent') || '[]');
  const save = () => localStorage.setItem('mci-sent', JSON.stringify(sent));
  const post = async (path, body) => {
    const row = { round, sid: null, eventType: body.eventType, ts: body.playerTime.ts, status: 0 };
    sent.push(row);
    save();
    try {
      const r = await fetch(api + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      row.status = r.status;
      const where = r.headers.get('Location');
      save();
      return { status: r.status, location: where };
    } catch (e) {
      save();
      return { status: 0, location: null };
    }
  };
  let ts = Date.now();
  const next = () => (ts = Math.max(ts + 1, Date.now()));
  const start = await post('/api/v1/sessions', { eventType: 'sessionStart', playerTime: { playhead: 0, ts: next() }, params: {
    'analytics.trackingServer': 'example.sc.omtrdc.net', 'analytics.reportSuite': 'examplersid',
    'visitor.marketingCloudOrgId': '0123456789ABCDEF@AdobeOrg', 'media.id': 'loss-' + round, 'media.name': 'Navigation ' + round,
    'media.length': 60, 'media.contentType': 'vod', 'media.playerName': 'loss-page', 'media.channel': 'test',
  } });
  const sid = start.location ? start.location.split('/').pop() : null;
  sent[sent.length - 1].sid = sid;
  save();
  if (sid) {
    const types = ['play', 'ping', 'pauseStart', 'play', 'ping', 'sessionEnd'];
    for (let i = 0; i < types.length; i++) {
      await post('/api/v1/sessions/' + sid + '/events', { eventType: types[i], playerTime: { playhead: i, ts: next() } });
      sent[sent.length - 1].sid = sid;
      save();
    }
  }
  if (round + 1 < rounds) {
    q.set('n', String(round + 1));
    location.replace('?' + q.toString());
  } else {
    document.body.dataset.state = 'done';
  }
})();
`;

const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Navigation loss</title></head>
<body data-state="running"><p>Plays a short session, then navigates.</p><script>${SCRIPT}</script></body></html>`;

export interface LossPageServer {
  port: number;
  /** The first page of a run of `rounds` navigations against the collector at `api`. */
  url(rounds: number, api: string): string;
  close(): Promise<void>;
}

export async function startLossPage(): Promise<LossPageServer> {
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/loss')) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  return {
    port,
    url: (rounds, api) => `http://localhost:${port}/loss?n=0&rounds=${rounds}&api=${encodeURIComponent(api)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeHeartbeat, HEARTBEAT_LIMITS, type DecodedHeartbeat } from '../../src/core/protocol/heartbeat/decode.ts';
import { classifyHeartbeat } from '../../src/core/protocol/heartbeat/classify.ts';
import { parseForm } from '../../src/core/protocol/heartbeat/form-query.ts';
import { classify } from '../../src/core/protocol/media-collection/classify.ts';
import { classifyEdge } from '../../src/core/protocol/media-edge/classify.ts';

const SID = '1f2e3d4c5b6a-0001';
const HOST = 'https://example.hb.omtrdc.net';

/** A JS 2.x-shaped heartbeat query (heartbeat.md §2 keys, SDK key order), keys written plainly. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['s:event:type', 'play'],
  ['l:event:duration', '10012'],
  ['l:event:playhead', '20'],
  ['s:event:sid', SID],
  ['l:event:ts', '1718000000000'],
  ['l:event:prev_ts', '-1'],
  ['s:asset:type', 'main'],
  ['s:asset:video_id', 'ep-42'],
  ['s:asset:name', 'Episode 42'],
  ['l:asset:length', '1800'],
  ['s:asset:publisher', 'ABC123@AdobeOrg'],
  ['s:stream:type', 'vod'],
  ['s:sc:rsid', 'rs1'],
  ['s:sc:tracking_server', 'metrics.example.com'],
  ['h:sc:ssl', '1'],
  ['s:sp:player_name', 'Demo player'],
  ['s:sp:hb_version', '2.2.1'],
  ['s:user:mid', '12345678901234567890'],
  ['s:meta:a.media.show', 'The Show'],
];

/** Form encoding as a browser's URLSearchParams writes it: `:` as %3A, space as `+`. */
function formEncoded(pairs: ReadonlyArray<readonly [string, string]>): string {
  return new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString();
}
function plain(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([k, v]) => `${k}=${v.replace(/ /g, '%20')}`).join('&');
}
function entries(d: DecodedHeartbeat): Array<[string, unknown]> {
  return [...d.byKey.values()].map((k) => [k.key, k.value]);
}
function sorted(d: DecodedHeartbeat): Array<[string, unknown]> {
  return entries(d).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
function codes(d: DecodedHeartbeat): string[] {
  return d.problems.map((p) => p.code);
}

describe('heartbeat decoding: every encoding of heartbeat.md §1 gives the same keys', () => {
  const reference = decodeHeartbeat(`${HOST}/?${plain(PAIRS)}`);

  test('a plain query: keys in wire order, split into type, realm and name, typed', () => {
    assert.deepEqual(reference.problems, []);
    assert.equal(reference.cut, null);
    assert.deepEqual(reference.keys.map((k) => k.key), PAIRS.map(([k]) => k));
    const type = reference.byKey.get('s:event:type');
    assert.deepEqual(
      { type: type?.type, realm: type?.realm, name: type?.name, raw: type?.raw, value: type?.value },
      { type: 's', realm: 'event', name: 'type', raw: 'play', value: 'play' },
    );
    assert.equal(reference.byKey.get('l:event:ts')?.value, 1718000000000);
    assert.equal(reference.byKey.get('l:event:prev_ts')?.value, -1);
    assert.equal(reference.byKey.get('h:sc:ssl')?.value, true);
    assert.equal(reference.byKey.get('s:user:mid')?.value, '12345678901234567890', 'an s: value stays a string even when digits');
    const show = reference.byKey.get('s:meta:a.media.show');
    assert.deepEqual([show?.realm, show?.name, show?.value], ['meta', 'a.media.show', 'The Show']);
  });

  test('percent-encoded keys (s%3Aevent%3Atype) decode to the same keys and values', () => {
    const encoded = decodeHeartbeat(`${HOST}/?${formEncoded(PAIRS)}`);
    assert.ok(encoded.keys.some((k) => k.key === 's:event:type'));
    assert.match(formEncoded(PAIRS), /^s%3Aevent%3Atype=play&/);
    assert.deepEqual(entries(encoded), entries(reference));
    assert.deepEqual(encoded.problems, []);
  });

  test('any order: the same keys and values, positions follow the wire', () => {
    const shuffled = [...PAIRS].reverse();
    const d = decodeHeartbeat(`${HOST}/?${plain(shuffled)}`);
    assert.deepEqual(sorted(d), sorted(reference));
    assert.equal(d.keys[0]?.key, 's:meta:a.media.show');
    assert.equal(d.keys[0]?.position, 0);
  });

  test('form encoding: + is a space, %2B a plus', () => {
    const d = decodeHeartbeat(`${HOST}/?s:event:type=play&s:asset:name=Episode+42&s:meta:tag=a%2Bb&s:event:sid=${SID}`);
    assert.equal(d.byKey.get('s:asset:name')?.value, 'Episode 42');
    assert.equal(d.byKey.get('s:asset:name')?.raw, 'Episode+42');
    assert.equal(d.byKey.get('s:meta:tag')?.value, 'a+b');
  });

  test('empty segments (&&, a leading or trailing &) are skipped', () => {
    const d = decodeHeartbeat(`${HOST}/?&&${plain(PAIRS).replace(/&/g, '&&')}&&&`);
    assert.deepEqual(entries(d), entries(reference));
    assert.deepEqual(d.keys.map((k) => k.position), PAIRS.map((_, i) => i));
    assert.deepEqual(d.problems, []);
  });

  test('a //? path (tracking server with a trailing slash) and an http scheme decode alike', () => {
    assert.deepEqual(entries(decodeHeartbeat(`${HOST}//?${plain(PAIRS)}`)), entries(reference));
    const http = decodeHeartbeat(`http://example.hb.omtrdc.net//?${formEncoded(PAIRS)}`);
    assert.deepEqual(entries(http), entries(reference));
    assert.equal(http.byKey.get('h:sc:ssl')?.value, true, '§1: http although h:sc:ssl=1 is no decoding problem');
  });

  test('a fragment is not part of the query', () => {
    assert.deepEqual(entries(decodeHeartbeat(`${HOST}/?${plain(PAIRS)}#x=1`)), entries(reference));
  });

  test('keys with no value: raw null, text empty; an l: or h: key without value is not of its type', () => {
    const d = decodeHeartbeat(`${HOST}/?s:asset:publisher&s:sp:sdk=&l:stream:bitrate&h:sc:ssl`);
    const publisher = d.byKey.get('s:asset:publisher');
    assert.deepEqual([publisher?.raw, publisher?.text, publisher?.value], [null, '', '']);
    assert.deepEqual([d.byKey.get('s:sp:sdk')?.raw, d.byKey.get('s:sp:sdk')?.value], ['', '']);
    assert.equal(d.byKey.get('l:stream:bitrate')?.value, null);
    assert.equal(d.byKey.get('h:sc:ssl')?.value, null);
    assert.deepEqual(codes(d), ['not-integer', 'not-flag']);
  });

  test('a URL with no query decodes to no keys', () => {
    const d = decodeHeartbeat(`${HOST}/`);
    assert.deepEqual([d.keys.length, d.problems.length, d.cut], [0, 0, null]);
  });
});

describe('heartbeat decoding: types and problems of heartbeat.md §2', () => {
  test('an l: value that is not an integer (the real l:stream:startup_time=12.012) is reported and null', () => {
    const d = decodeHeartbeat(`${HOST}/?l:stream:startup_time=12.012&l:event:playhead=1e3&l:stream:fps=+25&l:stream:bitrate=9007199254740993`);
    assert.deepEqual(d.keys.map((k) => k.value), [null, null, null, null]);
    assert.deepEqual(codes(d), ['not-integer', 'not-integer', 'not-integer', 'not-integer']);
    assert.match(d.problems[0]?.detail ?? '', /"l:stream:startup_time".*"12\.012"/);
    assert.equal(d.keys[0]?.text, '12.012', 'the text is kept for the message');
  });

  test('l: integers: negative, zero, leading zeros, -0', () => {
    const d = decodeHeartbeat(`${HOST}/?l:asset:length=-1&l:event:duration=0&l:event:playhead=007&l:stream:fps=-0`);
    assert.deepEqual(d.keys.map((k) => k.value), [-1, 0, 7, 0]);
    assert.ok(Object.is(d.keys[3]?.value, 0));
    assert.deepEqual(d.problems, []);
  });

  test('an h: value other than 0/1 is reported and null', () => {
    const d = decodeHeartbeat(`${HOST}/?h:sc:ssl=0&h:sc:ssl2=true&h:sc:ssl3=2`);
    assert.deepEqual(d.keys.map((k) => k.value), [false, null, null]);
    assert.deepEqual(codes(d), ['not-flag', 'not-flag']);
  });

  test('names may hold colons (s:cuser:*, metadata); a key not of the <type>:<realm>:<name> form is said', () => {
    const d = decodeHeartbeat(`${HOST}/?s:cuser:crm:id=7&r=123&x:event:type=a&s:event`);
    assert.deepEqual([d.keys[0]?.realm, d.keys[0]?.name], ['cuser', 'crm:id']);
    assert.deepEqual(d.keys.slice(1).map((k) => [k.type, k.realm, k.name]), [[null, null, 'r'], [null, null, 'x:event:type'], [null, null, 's:event']]);
    assert.deepEqual(codes(d), ['unknown-key-form', 'unknown-key-form', 'unknown-key-form']);
  });

  test('a key twice, also once plain and once encoded: both kept in order, the first is read, a problem says so', () => {
    const d = decodeHeartbeat(`${HOST}/?s:event:type=play&l:event:ts=1&s%3Aevent%3Atype=pause&s:event:type=end`);
    assert.deepEqual(d.keys.map((k) => [k.key, k.repeated]), [['s:event:type', false], ['l:event:ts', false], ['s:event:type', true], ['s:event:type', true]]);
    assert.equal(d.byKey.get('s:event:type')?.value, 'play');
    assert.deepEqual(d.problems.map((p) => [p.code, p.position]), [['duplicate-key', 2], ['duplicate-key', 3]]);
  });

  test('a repeated l: key is still typed and checked', () => {
    const d = decodeHeartbeat(`${HOST}/?l:event:ts=1&l:event:ts=x`);
    assert.deepEqual(codes(d), ['duplicate-key', 'not-integer']);
  });

  test('broken percent-encodings are kept as sent, reported, and never throw', () => {
    const d = decodeHeartbeat(`${HOST}/?s:asset:name=a%E0%A4%A&s:meta:x=%&s:meta:y=%%41&l:event:ts=%ZZ&s%3Aevent%3Atype%E0=play&s:meta:z=%ED%A0%80`);
    assert.deepEqual(d.keys.map((k) => k.text), ['a%E0%A4%A', '%', '%%41', '%ZZ', 'play', '%ED%A0%80']);
    assert.equal(d.keys[0]?.value, 'a%E0%A4%A', 'an s: value is its text as sent');
    assert.equal(d.keys[3]?.value, null, 'a broken l: value is not typed');
    assert.equal(d.keys[4]?.key, 's%3Aevent%3Atype%E0', 'a broken key is kept as sent');
    assert.deepEqual(codes(d), [
      'bad-percent-encoding', 'bad-percent-encoding', 'bad-percent-encoding', 'bad-percent-encoding',
      'bad-percent-encoding', 'unknown-key-form', 'bad-percent-encoding',
    ]);
    assert.match(d.problems[4]?.detail ?? '', /^The key /);
  });

  test('keys named like Object.prototype members are ordinary keys', () => {
    const d = decodeHeartbeat(`${HOST}/?__proto__=1&constructor=2&s:meta:__proto__=3`);
    assert.deepEqual(d.keys.map((k) => k.value), ['1', '2', '3']);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});

describe('heartbeat recognition (heartbeat.md §1)', () => {
  const query = formEncoded(PAIRS);

  test('a heartbeat on Adobe\'s host, on a first-party CNAME, on //?, with plain or encoded keys', () => {
    for (const url of [
      `${HOST}/?${query}`,
      `https://metrics.example.com/?${query}`,
      `${HOST}//?${query}`,
      `http://hb.example.co.uk:8080/?${plain(PAIRS)}`,
      `https://example.hb.omtrdc.net/?s:event:sid=${SID}&s:event:type=start`,
    ]) {
      const route = classifyHeartbeat('GET', url);
      assert.equal(route?.kind, 'heartbeat', url);
      if (route?.kind !== 'heartbeat') continue;
      assert.equal(route.sid, SID);
      assert.ok(route.eventType === 'play' || route.eventType === 'start');
      assert.ok(route.heartbeat.keys.length >= 2);
    }
  });

  test('an unknown event type or an empty sid is still a heartbeat (the checks say what is wrong)', () => {
    assert.equal(classifyHeartbeat('GET', `${HOST}/?s:event:type=teleport&s:event:sid=`)?.kind, 'heartbeat');
  });

  test('the settings poll: on Adobe\'s host, on a CNAME with its r=<ms>, on a host seen carrying heartbeats', () => {
    assert.deepEqual(classifyHeartbeat('GET', `${HOST}/settings/ABC123%40AdobeOrg.xml?r=1718000000000`), { kind: 'settings', org: 'ABC123@AdobeOrg' });
    assert.deepEqual(classifyHeartbeat('GET', `${HOST}/settings/pub.xml`), { kind: 'settings', org: 'pub' });
    assert.deepEqual(classifyHeartbeat('GET', 'https://metrics.example.com//settings/pub.xml?r=17'), { kind: 'settings', org: 'pub' });
    assert.deepEqual(classifyHeartbeat('GET', 'https://metrics.example.com/settings/pub.xml', null, new Set(['metrics.example.com'])), { kind: 'settings', org: 'pub' });
  });

  test('the Analytics media start: GET with nested context data, POST with the fields in its body, ad start', () => {
    const get = `https://metrics.example.com/b/ss/rs1,rs2/1/JS-2.22.0/s1234?AQB=1&pe=ms_s&c.&a.&media.&vsid=${SID}&.media&.a&.c&AQE=1`;
    assert.deepEqual(classifyHeartbeat('GET', get), { kind: 'analytics-start', assetType: 'main', rsids: ['rs1', 'rs2'], vsid: SID });
    const body = `AQB=1&ndh=1&pe=msa_s&c.&a.&media.&vsid=${SID}&.media&.a&.c&AQE=1`;
    assert.deepEqual(classifyHeartbeat('POST', 'https://example.sc.omtrdc.net/b/ss/rs1/0/AND4.18.2/s99', body), { kind: 'analytics-start', assetType: 'ad', rsids: ['rs1'], vsid: SID });
    const flat = classifyHeartbeat('GET', `https://metrics.example.com/b/ss/rs1/1/JS-2.22.0/s1?pe=ms_s&c.a.media.vsid=${SID}`);
    assert.equal(flat?.kind === 'analytics-start' ? flat.vsid : undefined, SID);
    const noVsid = classifyHeartbeat('GET', 'https://metrics.example.com/b/ss/rs1/1/JS-2.22.0/s1?pe=ms_s');
    assert.equal(noVsid?.kind === 'analytics-start' ? noVsid.vsid : undefined, null);
  });

  test('Media Collection and Media Edge calls are not heartbeats (and their own classifiers do claim them)', () => {
    const mc = [
      ['POST', 'https://example.hb-api.omtrdc.net/api/v1/sessions'],
      ['POST', `https://example.hb-api.omtrdc.net/api/v1/sessions/${SID}/events`],
      ['POST', 'https://media.example.com/collect/api/v1/downloaded?v=2'],
      ['GET', 'https://example.hb-api.omtrdc.net/api/v1/schemas/play'],
    ] as const;
    for (const [method, url] of mc) {
      assert.notEqual(classify(method, url), null, url);
      assert.equal(classifyHeartbeat(method, url, '{"eventType":"sessionStart","params":{"s:event:type":"x"}}'), null, url);
    }
    const edge = [
      'https://edge.adobedc.net/ee/va/v1/play?configId=1234-abcd',
      'https://edge.adobedc.net/ee/or2/va/v1/sessionStart?configId=1234-abcd',
      'https://metrics.example.com/ee/v1/interact?configId=1234-abcd&requestId=5',
    ];
    for (const url of edge) {
      assert.notEqual(classifyEdge('POST', url), null, url);
      assert.equal(classifyHeartbeat('POST', url, '{"events":[{"xdm":{"eventType":"media.play"}}]}'), null, url);
      assert.equal(classifyHeartbeat('GET', url), null, url);
    }
  });

  test('other requests are null', () => {
    const nulls: Array<[string, string, string?]> = [
      ['GET', 'https://www.example.com/'],
      ['GET', 'https://www.example.com/page?event=click&sid=1'],
      ['GET', 'https://www.example.com/?s:event:type=play', ],
      ['GET', `https://www.example.com/?s:event:sid=${SID}`],
      ['GET', `https://www.example.com/?s:event:type%E0=play&s:event:sid=${SID}`],
      ['POST', `${HOST}/?${query}`],
      ['OPTIONS', `${HOST}/?${query}`],
      ['HEAD', `${HOST}/?${query}`],
      ['GET', 'https://www.example.com/settings/site.xml'],
      ['GET', 'https://example.hb-api.omtrdc.net/settings/site.xml'],
      ['POST', `${HOST}/settings/pub.xml?r=1`],
      ['GET', 'https://metrics.example.com/b/ss/rs1/1/JS-2.22.0/s1?pe=lnk_o&pev2=x'],
      ['GET', 'https://metrics.example.com/b/ss/rs1/1/JS-2.22.0/s1?pageName=home'],
      ['POST', 'https://metrics.example.com/b/ss/rs1/1/JS-2.22.0/s1', 'pageName=home&c.&pe=ms_s&.c'],
      ['PUT', 'https://metrics.example.com/b/ss/rs1/1/JS-2.22.0/s1?pe=ms_s'],
      ['GET', 'https://www.example.com/b/ssx/rs1?pe=ms_s'],
    ];
    for (const [method, url, body] of nulls) assert.equal(classifyHeartbeat(method, url, body ?? null), null, `${method} ${url}`);
  });
});

describe('heartbeat decoding: hostile input is bounded and never throws', () => {
  const { maxChars, maxFields } = HEARTBEAT_LIMITS;

  test('a 5 MB query: only the first maxChars are read, the cut key dropped, the cut said', () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const url = `${HOST}/?s:event:type=play&s:event:sid=${SID}&s:meta:big=${huge}&s:meta:after=1`;
    const d = decodeHeartbeat(url);
    assert.deepEqual(d.keys.map((k) => k.key), ['s:event:type', 's:event:sid']);
    assert.ok(d.cut);
    assert.equal(d.cut.charsNotRead, url.length - url.indexOf('?') - 1 - maxChars);
    assert.equal(d.cut.partialSegmentDropped, true);
    assert.deepEqual(codes(d), ['cut']);
    assert.match(d.problems[0]?.detail ?? '', /characters beyond the first/);
    const route = classifyHeartbeat('GET', url);
    assert.equal(route?.kind, 'heartbeat', 'the keys before the cut still make it a heartbeat');
  });

  test('a 5 MB query of broken encodings: bounded keys, one problem per broken one', () => {
    const d = decodeHeartbeat(`${HOST}/?${'s:meta:x=%E0%A4%A&'.repeat(300_000)}`);
    assert.equal(d.keys.length, maxFields);
    assert.ok(d.cut && d.cut.fieldsNotKept > 0 && d.cut.charsNotRead > 0);
    // Each kept key: a broken value and (after the first) a repeat; plus one cut.
    assert.equal(d.problems.length, maxFields + (maxFields - 1) + 1);
  });

  test('100,000 keys: maxFields kept, the rest within the bound counted, the rest beyond it not read', () => {
    const pairs = Array.from({ length: 100_000 }, (_, i) => `s:meta:k${i}=${i}`);
    const query = pairs.join('&');
    const d = decodeHeartbeat(`${HOST}/?${query}`);
    assert.equal(d.keys.length, maxFields);
    assert.equal(d.keys.at(-1)?.key, `s:meta:k${maxFields - 1}`);
    assert.ok(d.cut);
    const readSegments = query.slice(0, maxChars).split('&').length - (d.cut.partialSegmentDropped ? 1 : 0);
    assert.equal(d.cut.fieldsNotKept, readSegments - maxFields);
    assert.equal(d.cut.charsNotRead, query.length - maxChars);
    assert.deepEqual(codes(d), ['cut']);
  });

  test('60,000 repeats of one key within the char bound: maxFields kept, problems bounded by them', () => {
    const query = 'a&'.repeat(60_000);
    assert.ok(query.length <= maxChars);
    const d = decodeHeartbeat(`${HOST}/?${query}`);
    assert.equal(d.keys.length, maxFields);
    assert.equal(d.cut?.fieldsNotKept, 60_000 - maxFields);
    assert.equal(d.cut?.charsNotRead, 0);
    assert.ok(d.problems.length <= 2 * maxFields + 1);
    const many = decodeHeartbeat(`${HOST}/?${'&'.repeat(5 * 1024 * 1024)}`);
    assert.deepEqual([many.keys.length, many.cut?.fieldsNotKept], [0, 0]);
  });

  test('a problem quoting a huge value stays short', () => {
    const d = decodeHeartbeat(`${HOST}/?l:event:ts=${'9.'.repeat(50_000)}`);
    assert.equal(codes(d)[0], 'not-integer');
    assert.ok((d.problems[0]?.detail.length ?? 0) < 300);
  });

  test('the cut falls on a segment boundary: nothing is dropped half', () => {
    const q = `${'a'.repeat(9)}&${'b'.repeat(9)}`;
    const at = parseForm(q, { maxChars: 9, maxFields: 10 });
    assert.deepEqual(at.fields.map((f) => f.key), ['a'.repeat(9)]);
    assert.deepEqual(at.cut, { charsNotRead: 10, fieldsNotKept: 0, partialSegmentDropped: false });
    const inside = parseForm(q, { maxChars: 14, maxFields: 10 });
    assert.deepEqual(inside.fields.map((f) => f.key), ['a'.repeat(9)]);
    assert.equal(inside.cut?.partialSegmentDropped, true);
  });

  test('odd URLs never throw', () => {
    for (const url of ['', '?', '??', '#?a=1', 'not a url', '?=&=&=', '?%', `?${'%'.repeat(1000)}`, '?s:event:type=play#', '\u0000?a=\uD800']) {
      assert.doesNotThrow(() => decodeHeartbeat(url), url);
      assert.doesNotThrow(() => classifyHeartbeat('GET', url, url), url);
      assert.doesNotThrow(() => classifyHeartbeat('POST', `https://h/b/ss/${url}`, url), url);
    }
    assert.deepEqual(decodeHeartbeat('#?a=1').keys, []);
    assert.deepEqual(decodeHeartbeat('?=&=').keys.map((k) => [k.key, k.raw]), [['', ''], ['', '']]);
  });
});

/**
 * core/text/visible.ts, the one definition of what the HTML and Markdown reports and the CLI text
 * show as escapes: controls as \xNN, bidi controls and invisible format characters as \uXXXX,
 * joiners only where they join nothing visible, lone surrogates; tab and line breaks kept in a
 * block. And core/text/cut.ts, which never cuts a surrogate pair in two.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cutText } from '../../src/core/text/cut.ts';
import { hasInvisible, invisibleCharacters, mapVisible, visible } from '../../src/core/text/visible.ts';

describe('visible', () => {
  test('bidi controls', () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
      const ch = String.fromCodePoint(cp);
      assert.equal(visible(`a${ch}b`), `a\\u${cp.toString(16).toUpperCase().padStart(4, '0')}b`, `U+${cp.toString(16)}`);
      assert.ok(hasInvisible(ch));
    }
  });

  test('invisible format characters', () => {
    for (const cp of [0x200b, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0x00ad, 0x2028, 0x2029, 0x180e, 0xfff9]) {
      assert.equal(visible(`a${String.fromCodePoint(cp)}b`), `a\\u${cp.toString(16).toUpperCase().padStart(4, '0')}b`);
    }
    assert.equal(visible('tag\u{E0041}\u{E0042}'), 'tag\\u{E0041}\\u{E0042}', 'tag characters beyond the BMP');
  });

  test('C0 and C1 controls as \\xNN, as the CLI always showed them', () => {
    assert.equal(visible('\u001b[31mred\u0007'), '\\x1b[31mred\\x07');
    assert.equal(visible('a\u0085b\u009bc\u007f'), 'a\\x85b\\x9bc\\x7f');
    assert.equal(visible('\u0000'), '\\x00');
  });

  test('tab and line breaks: escaped on a line, kept in a block', () => {
    assert.equal(visible('a\tb\nc\rd'), 'a\\x09b\\x0ac\\x0dd');
    assert.equal(visible('a\tb\nc\rd\u202e', 'block'), 'a\tb\nc\rd\\u202E');
  });

  test('joiners: kept between two visible non-ASCII characters, shown anywhere else', () => {
    assert.equal(visible('👨\u200D👩\u200D👧'), '👨\u200D👩\u200D👧', 'an emoji family');
    assert.equal(visible('می\u200Cخواهم'), 'می\u200Cخواهم', 'Persian');
    assert.equal(visible('क्\u200Dष'), 'क्\u200Dष', 'Devanagari');
    assert.equal(visible('pay\u200Dpal'), 'pay\\u200Dpal', 'between ASCII letters');
    assert.equal(visible('\u200Dé'), '\\u200Dé', 'at the start');
    assert.equal(visible('é\u200C'), 'é\\u200C', 'at the end');
    assert.equal(visible('é\u200D\u200Dé'), 'é\\u200D\\u200Dé', 'two in a row join nothing');
    assert.equal(visible('é \u200Dé'), 'é \\u200Dé', 'after a space');
    assert.ok(!hasInvisible('👨\u200D👩'));
    assert.ok(hasInvisible('a\u200Db'));
  });

  test('lone surrogates are shown; pairs are characters', () => {
    assert.equal(visible('a\uD800b\uDC00'), 'a\\uD800b\\uDC00');
    assert.equal(visible('😀'), '😀');
    assert.ok(!hasInvisible('\uD800'), 'an encoding fault, not an invisible character: no finding');
  });

  test('plain text is returned as it is', () => {
    const s = 'Big Buck Bunny · vod … 410 «ok» 東京 שלום مرحبا';
    assert.equal(visible(s), s);
    assert.ok(!hasInvisible(s));
  });

  test('mapVisible hands plain runs and escapes to their own functions', () => {
    assert.equal(mapVisible('<a>\u202E<b>', 'line', (s) => `[${s}]`, (e) => `{${e}}`), '[<a>]{\\u202E}[<b>]');
    assert.equal(mapVisible('\u202E', 'line', (s) => `[${s}]`, (e) => `{${e}}`), '{\\u202E}');
    assert.equal(mapVisible('abc', 'line', (s) => `[${s}]`, (e) => `{${e}}`), '[abc]');
  });

  test('invisibleCharacters lists distinct ones, capped', () => {
    assert.deepEqual(invisibleCharacters('a\u202Eb\u202Ec\u200Bd\uFEFFe\u00AD', 3), ['U+202E', 'U+200B', 'U+FEFF']);
  });

  test('linear: 20 MB with an escape at the end, and 2 million escapes', () => {
    let started = performance.now();
    assert.equal(visible(`${'x'.repeat(20_000_000)}\u202E`).length, 20_000_006);
    assert.ok(performance.now() - started < 2000, `20 MB: ${performance.now() - started} ms`);
    started = performance.now();
    assert.equal(visible('\u202E'.repeat(2_000_000)).length, 12_000_000);
    assert.ok(performance.now() - started < 4000, `2 million escapes: ${performance.now() - started} ms`);
  });
});

describe('cutText', () => {
  test('cuts at the limit and counts the rest', () => {
    assert.equal(cutText('abcdef', 4), 'abcd… (2 more characters)');
    assert.equal(cutText('abc', 4), 'abc');
    assert.equal(cutText('x'.repeat(12_345), 10), `${'x'.repeat(10)}… (12,335 more characters)`);
  });

  test('never between the halves of a surrogate pair', () => {
    assert.equal(cutText('abc😀def', 4), 'abc… (5 more characters)');
  });
});

import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/errors.js';
import { asCount, asText, blockFromStatus, observationFromFailure, parseJsonLeniently } from '../../src/platforms/common.js';
import { answer } from '../helpers/fake-http.js';

/* The helpers every adapter's verdicts rest on. */

describe('a JSON body, or the first JSON value in it', () => {
  it('reads a second document glued after the first, strings with braces and escaped quotes included', () => {
    expect(parseJsonLeniently('{"code":-799}{"code":0}')).toEqual({ code: -799 });
    expect(parseJsonLeniently('[1,{"a":"}"}] trailing')).toEqual([1, { a: '}' }]);
    expect(parseJsonLeniently('{"a":"say \\"}\\" ok","b":[2]}garbage')).toEqual({ a: 'say "}" ok', b: [2] });
    expect(parseJsonLeniently('{"a":{"b":1}}{')).toEqual({ a: { b: 1 } });
  });

  it('gives nothing for a body that holds no whole JSON value', () => {
    expect(parseJsonLeniently('<html>blocked</html>')).toBeUndefined();
    expect(parseJsonLeniently('{"a":')).toBeUndefined();
    expect(parseJsonLeniently('{"a":1 oops}')).toBeUndefined();
    expect(parseJsonLeniently('')).toBeUndefined();
  });
});

describe('counts and names from foreign JSON', () => {
  it('takes a count only when it is a whole, finite, non-negative number or digits', () => {
    expect(asCount(0)).toBe(0);
    expect(asCount(12)).toBe(12);
    expect(asCount('12')).toBe(12);
    for (const value of [-1, Number.NaN, Number.POSITIVE_INFINITY, '12a', 'a12', '1.5', '', null, '-3']) expect(asCount(value), String(value)).toBeUndefined();
  });

  it('takes a name only when it says something, without the spaces around it', () => {
    expect(asText(' 江城发布 ')).toBe('江城发布');
    for (const value of ['', '   ', 12, null]) expect(asText(value), String(value)).toBeUndefined();
  });
});

describe('what a transport failure means', () => {
  it.each([
    [new FetchError('timeout', 'timed out after 10 s'), 'timeout'],
    [new FetchError('too-large', 'larger than 5 MiB'), 'layout-changed'],
    [new FetchError('network', 'ECONNRESET'), 'network-error'],
    [new Error('socket hang up'), 'network-error'],
    ['a string thrown', 'network-error'],
  ])('%s: %s, never a verdict', (error, reason) => {
    const observation = observationFromFailure(error);
    expect(observation).toMatchObject({ kind: 'unknown', reason });
    expect(observation.detail).toBe(error instanceof Error ? error.message : error);
  });
});

describe('statuses an anti-bot layer uses', () => {
  it.each([
    [429, 'rate-limited'],
    [401, 'login-required'],
    [403, 'blocked'],
    [412, 'blocked'],
    [418, 'blocked'],
    [451, 'blocked'],
    [500, 'network-error'],
    [503, 'network-error'],
    [300, 'blocked'],
    [301, 'blocked'],
    [302, 'blocked'],
    [399, 'blocked'],
  ])('HTTP %i is %s', (status, reason) => {
    expect(blockFromStatus(answer('', status))).toMatchObject({ kind: 'unknown', reason });
  });

  it.each([200, 204, 404, 400, 499])('HTTP %i goes on to the parser', (status) => {
    expect(blockFromStatus(answer('', status))).toBeUndefined();
  });
});

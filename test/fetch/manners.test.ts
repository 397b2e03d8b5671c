import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/fetch/breaker.js';
import { Host } from '../../src/fetch/host.js';
import { redactUrl, SecretRegistry } from '../../src/fetch/redact.js';
import { DEFAULT_RATE, rateForHost } from '../../src/fetch/rate.js';

describe('a host’s manners', () => {
  it('doubles its interval when pushed back, up to the cap, and eases back after successes', () => {
    const host = new Host('api.bilibili.com', { baseIntervalMs: 3000, concurrency: 1, maxIntervalMs: 20_000 });
    // Every interval carries a 5 ms margin against timer and network jitter.
    expect(host.intervalMs()).toBe(3005);
    host.slowDown();
    expect(host.intervalMs()).toBe(6005);
    host.slowDown();
    host.slowDown();
    expect(host.intervalMs()).toBe(20_005);
    host.slowDown();
    expect(host.intervalMs()).toBe(20_005);
    for (let i = 0; i < 3; i++) host.succeeded();
    expect(host.intervalMs()).toBeLessThan(20_005);
    for (let i = 0; i < 30; i++) host.succeeded();
    expect(host.intervalMs()).toBe(3005);
  });

  it('leaves a host unpaced when pacing was turned off', () => {
    const host = new Host('mirror', { baseIntervalMs: 0, concurrency: 1, maxIntervalMs: 10_000 });
    host.slowDown();
    expect(host.intervalMs()).toBe(0);
  });
});

describe('the circuit breaker', () => {
  it('opens after the threshold of consecutive blocks, probes once after the cool-down, and trips when still blocked', async () => {
    const breaker = new CircuitBreaker({ threshold: 3, coolDownMs: 20 });
    for (let i = 0; i < 2; i++) breaker.record(true, await breaker.admit());
    breaker.record(false, await breaker.admit());
    for (let i = 0; i < 3; i++) breaker.record(true, await breaker.admit());
    // Two accounts wait out the cool-down; whichever wakes first is the one probe, the other waits for it.
    const admissions = [breaker.admit(), breaker.admit()];
    expect(await Promise.race(admissions)).toBe('probe');
    breaker.record(true, 'probe');
    expect((await Promise.all(admissions)).sort()).toEqual(['probe', 'tripped']);
    expect(breaker.tripped).toBe(true);
  });

  it('closes again when the probe gets through', async () => {
    const breaker = new CircuitBreaker({ threshold: 1, coolDownMs: 10 });
    breaker.record(true, await breaker.admit());
    const probe = await breaker.admit();
    expect(probe).toBe('probe');
    breaker.record(false, probe);
    expect(await breaker.admit()).toBe('go');
  });

  it('ignores late results of accounts that were in flight when it opened', async () => {
    const breaker = new CircuitBreaker({ threshold: 1, coolDownMs: 10 });
    const inFlight = await breaker.admit();
    breaker.record(true, await breaker.admit());
    const probe = await breaker.admit();
    breaker.record(true, inFlight);
    expect(breaker.tripped).toBe(false);
    breaker.record(false, probe);
    expect(await breaker.admit()).toBe('go');
  });
});

describe('redaction', () => {
  it('hides tokens and signatures in URLs', () => {
    const url = redactUrl('https://www.douyin.com/aweme/v1/web/aweme/post/?sec_user_id=MS4w&msToken=abc123&a_bogus=zzz&xsec_token=tok');
    expect(url).not.toMatch(/abc123|zzz|=tok/);
    expect(url).toContain('sec_user_id=MS4w');
  });

  it('keeps Toutiao’s account token, its public id, and masks every other token there and elsewhere', () => {
    const feed = redactUrl('https://www.toutiao.com/api/pc/list/user/feed?category=profile_all&token=MS4wLjABAAAAx&msToken=secret1&a_bogus=zzz');
    expect(feed).toContain('token=MS4wLjABAAAAx');
    expect(feed).not.toMatch(/secret1|zzz/);
    expect(redactUrl('https://api.example.org/x?token=secret2')).not.toContain('secret2');
    expect(redactUrl('https://toutiao.com.example.org/x?token=secret3')).not.toContain('secret3');
  });

  it('hides every registered secret value in a text', () => {
    const secrets = new SecretRegistry();
    secrets.add('SUB=_2AkMSecretValue');
    expect(secrets.redact('failed with cookie SUB=_2AkMSecretValue; retry')).toBe('failed with cookie ***; retry');
  });
});

describe('a host’s pace', () => {
  const platformOf = new Map([
    ['weixin.sogou.com', 'wechat-mp'],
    ['mp.weixin.qq.com', 'wechat-mp'],
    ['api.bilibili.com', 'bilibili'],
  ]);
  const slower = new Map([['weixin.sogou.com', { requests: 1, seconds: 10 }]]);

  it('asks Sogou once every 10 seconds unless told otherwise, the other hosts every 3', () => {
    expect(rateForHost('weixin.sogou.com', new Map(), platformOf, slower)).toEqual({ requests: 1, seconds: 10 });
    expect(rateForHost('mp.weixin.qq.com', new Map(), platformOf, slower)).toEqual(DEFAULT_RATE);
  });

  it('lets a rate the user gives for the platform, or for every platform, win over the host’s own', () => {
    expect(rateForHost('weixin.sogou.com', new Map([['wechat-mp', { requests: 1, seconds: 30 }]]), platformOf, slower)).toEqual({ requests: 1, seconds: 30 });
    expect(rateForHost('weixin.sogou.com', new Map([['*', { requests: 0, seconds: 1 }]]), platformOf, slower)).toEqual({ requests: 0, seconds: 1 });
    expect(rateForHost('api.bilibili.com', new Map([['wechat-mp', { requests: 1, seconds: 30 }]]), platformOf, slower)).toEqual(DEFAULT_RATE);
  });
});

import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../src/accounts/key-index.js';

describe('the index of accounts already seen', () => {
  it('remembers where each key was first seen, through many resizes', () => {
    const index = new KeyIndex();
    for (let i = 0; i < 200_000; i++) index.set(`bilibili:${i}`, i * 3);
    for (const i of [0, 1, 65_535, 65_536, 199_999]) expect(index.get(`bilibili:${i}`)).toBe(i * 3);
    expect(index.get('bilibili:200000')).toBeUndefined();
    expect(index.get('douyin:1')).toBeUndefined();
  });

  it('keeps the first place of a key set twice', () => {
    const index = new KeyIndex();
    index.set('weibo:1', 7);
    index.set('weibo:1', 9);
    expect(index.get('weibo:1')).toBe(7);
  });
});

import type { PlatformAdapter } from './adapter.js';
import { bilibili } from './bilibili.js';
import { douyin } from './douyin.js';
import { feed } from './feed.js';
import { kuaishou } from './kuaishou.js';
import { wechatChannels } from './wechat-channels.js';
import { weibo } from './weibo.js';
import { xiaohongshu } from './xiaohongshu.js';
import { toutiao } from './toutiao.js';
import { wechatMp } from './wechat-mp.js';
import { xigua } from './xigua.js';

/** Every platform gov-audit knows, in the order URLs are matched, the generic feed last. One line per platform. */
export const PLATFORMS: readonly PlatformAdapter[] = [bilibili, douyin, kuaishou, weibo, xiaohongshu, toutiao, xigua, wechatMp, wechatChannels, feed];

const byName = new Map<string, PlatformAdapter>();
for (const platform of PLATFORMS) {
  for (const name of namesOf(platform)) byName.set(name, platform);
}

/** Every name a platform is known by, folded as names are matched. */
export function namesOf(platform: PlatformAdapter): string[] {
  return [platform.id, ...platform.aliases, platform.label.en, platform.label['zh-CN']].map(nameKey);
}

/** Platform names are matched without regard to case or spaces: "B 站" is "b站". */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s_]+/g, '');
}

export function findPlatform(name: string): PlatformAdapter | undefined {
  return byName.get(nameKey(name));
}

export function allowedHosts(): Set<string> {
  return new Set(PLATFORMS.flatMap((platform) => platform.hosts));
}

import type { PlatformAdapter } from './adapter.js';

/*
 * Weibo (微博). Recognised in lists; fetching comes with its adapter (issue #3).
 * Field notes: shared/platforms.md § Weibo. The id is the numeric uid.
 */
export const weibo = {
  id: 'weibo',
  label: { en: 'Weibo', 'zh-CN': '微博' },
  aliases: ['weibo', '微博', '新浪微博', 'sina weibo'],
  urlForms: [
    { hosts: ['weibo.com', 'www.weibo.com'], path: /^\/(?:u\/)?(?<id>\d{5,12})\/?$/ },
    { hosts: ['m.weibo.cn'], path: /^\/(?:u|profile)\/(?<id>\d{5,12})\/?$/ },
    // A screen name needs weibo.com/ajax/profile/info to become a uid.
    { hosts: ['weibo.com', 'www.weibo.com'], path: /^\/n\/(?<id>[^/]+)\/?$/, shortLink: true },
  ],
  idPattern: /^\d{5,12}$/,
  idExample: '1669879400 or https://weibo.com/u/1669879400',
  profileUrl: (uid: string) => `https://weibo.com/u/${uid}`,
  hosts: ['m.weibo.cn', 'weibo.com', 'passport.weibo.com', 'visitor.passport.weibo.cn'],
  capabilities: [],
} satisfies PlatformAdapter;

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
  examples: [
    { input: 'https://weibo.com/u/1669879400', id: '1669879400' },
    { input: 'https://weibo.com/1669879400?refer_flag=1001030103_', id: '1669879400', url: 'https://weibo.com/u/1669879400' },
    { input: 'https://m.weibo.cn/profile/1669879400', id: '1669879400' },
    { input: 'https://m.weibo.cn/u/1669879400?uid=1669879400&luicode=10000011', id: '1669879400' },
    { input: '1669879400', id: '1669879400' },
    { input: 'https://weibo.com/n/迪丽热巴', id: null },
  ],
  profileUrl: (uid: string) => `https://weibo.com/u/${uid}`,
  hosts: ['m.weibo.cn', 'weibo.com', 'passport.weibo.com', 'visitor.passport.weibo.cn'],
  capabilities: [],
} satisfies PlatformAdapter;

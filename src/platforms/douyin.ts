import type { PlatformAdapter } from './adapter.js';

/*
 * Douyin (抖音). Recognised in lists; fetching comes with its adapter (issue #3).
 * Field notes: shared/platforms.md § Douyin. The id is the `sec_uid`.
 */
export const douyin = {
  id: 'douyin',
  label: { en: 'Douyin', 'zh-CN': '抖音' },
  aliases: ['douyin', '抖音', 'tiktok cn', '抖音短视频'],
  urlForms: [
    { hosts: ['www.douyin.com', 'douyin.com'], path: /^\/user\/(?<id>MS4wLjABAAAA[\w-]+)\/?$/ },
    { hosts: ['v.douyin.com'], path: /^\/(?<id>[\w-]+)\/?$/, shortLink: true },
  ],
  idPattern: /^MS4wLjABAAAA[\w-]+$/,
  idExample: 'MS4wLjABAAAA… (sec_uid) or https://www.douyin.com/user/MS4wLjABAAAA…',
  profileUrl: (secUid: string) => `https://www.douyin.com/user/${secUid}`,
  hosts: ['www.douyin.com', 'v.douyin.com'],
  capabilities: [],
} satisfies PlatformAdapter;

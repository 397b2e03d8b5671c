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
  examples: [
    {
      input: 'https://www.douyin.com/user/MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M?from_tab_name=main&modal_id=7212',
      id: 'MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M',
      url: 'https://www.douyin.com/user/MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M',
    },
    { input: 'MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M', id: 'MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M' },
    { input: 'cctvnews', id: null },
    { input: 'https://v.douyin.com/iRNBho6u/', id: null },
  ],
  profileUrl: (secUid: string) => `https://www.douyin.com/user/${secUid}`,
  hosts: ['www.douyin.com', 'v.douyin.com'],
  capabilities: [],
} satisfies PlatformAdapter;

import type { PlatformAdapter } from './adapter.js';

/*
 * Xiaohongshu (小红书). Recognised in lists; fetching comes with its adapter (issue #3).
 * Field notes: shared/platforms.md § Xiaohongshu. The id is the 24-hex user_id;
 * the profile URL keeps its xsec_* parameters, without which the page will not open.
 */
export const xiaohongshu = {
  id: 'xiaohongshu',
  label: { en: 'Xiaohongshu', 'zh-CN': '小红书' },
  aliases: ['xiaohongshu', '小红书', 'rednote', 'red', 'xhs'],
  urlForms: [
    {
      hosts: ['www.xiaohongshu.com', 'xiaohongshu.com'],
      path: /^\/user\/profile\/(?<id>[0-9a-f]{24})\/?$/,
      keepParams: ['xsec_token', 'xsec_source'],
    },
  ],
  idPattern: /^[0-9a-f]{24}$/,
  idExample: '5ff0e6410000000001008400 or https://www.xiaohongshu.com/user/profile/5ff0e6410000000001008400',
  examples: [
    {
      input: 'https://www.xiaohongshu.com/user/profile/5ff0e6410000000001008400?xsec_token=ABxyz&xsec_source=pc_search&channel_type=web',
      id: '5ff0e6410000000001008400',
      url: 'https://www.xiaohongshu.com/user/profile/5ff0e6410000000001008400?xsec_token=ABxyz&xsec_source=pc_search',
    },
    { input: '5ff0e6410000000001008400', id: '5ff0e6410000000001008400' },
    { input: '5ff0e641', id: null },
  ],
  profileUrl: (id: string) => `https://www.xiaohongshu.com/user/profile/${id}`,
  hosts: ['www.xiaohongshu.com', 'edith.xiaohongshu.com'],
  capabilities: [],
} satisfies PlatformAdapter;

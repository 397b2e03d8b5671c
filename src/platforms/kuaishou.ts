import type { PlatformAdapter } from './adapter.js';

/*
 * Kuaishou (快手). Recognised in lists; fetching comes with its adapter (issue #3).
 * Field notes: shared/platforms.md § Kuaishou. The id is the `principalId`.
 */
export const kuaishou = {
  id: 'kuaishou',
  label: { en: 'Kuaishou', 'zh-CN': '快手' },
  aliases: ['kuaishou', '快手', 'kwai'],
  urlForms: [
    { hosts: ['www.kuaishou.com', 'kuaishou.com'], path: /^\/profile\/(?<id>[\w-]+)\/?$/ },
    { hosts: ['live.kuaishou.com'], path: /^\/(?:profile|u)\/(?<id>[\w-]+)\/?$/ },
  ],
  idPattern: /^[A-Za-z0-9_-]{3,40}$/,
  idExample: '3x4jtnbfter525a or https://www.kuaishou.com/profile/3x4jtnbfter525a',
  examples: [
    { input: 'https://www.kuaishou.com/profile/3x4jtnbfter525a', id: '3x4jtnbfter525a' },
    { input: 'https://live.kuaishou.com/u/3x4jtnbfter525a?source=share', id: '3x4jtnbfter525a', url: 'https://www.kuaishou.com/profile/3x4jtnbfter525a' },
    { input: '3x4jtnbfter525a', id: '3x4jtnbfter525a' },
    { input: '快手号 123', id: null },
  ],
  profileUrl: (id: string) => `https://www.kuaishou.com/profile/${id}`,
  hosts: ['www.kuaishou.com', 'live.kuaishou.com'],
  capabilities: [],
} satisfies PlatformAdapter;

import type { PlatformAdapter } from './adapter.js';
import { en } from '../i18n/en.js';

/*
 * WeChat Channels (视频号) has no public profile page: the web pages need a
 * WeChat login. Its rows are kept in every report as needing a manual check.
 */
// Stryker disable all: the adapter's description (names, URL forms, examples, hosts), checked by test/platforms/registry.test.ts; it decides no verdict
export const wechatChannels = {
  id: 'wechat-channels',
  label: { en: 'WeChat Channels', 'zh-CN': '视频号' },
  aliases: ['wechat-channels', 'wechat channels', '视频号', '微信视频号', 'channels', 'weixin channels'],
  urlForms: [],
  // The list may give the 视频号 id (sph…) or its name: anything printable.
  idPattern: /^[^\s].{0,99}$/u,
  idExample: {
    en: 'sphXXXXXXXX or the 视频号 name',
    'zh-CN': 'sphXXXXXXXX 或视频号名称',
  },
  nameIsId: true,
  examples: [
    { input: 'sphJiangchengFabu', id: 'sphJiangchengFabu', url: '' },
    { input: '江城发布', id: '江城发布' },
  ],
  profileUrl: () => '',
  hosts: [],
  capabilities: [],
  probeAccount: '(manual)',
  createObserver: () => async () => ({
    kind: 'unknown',
    reason: 'manual-check-required',
    // The finding's detail is the record's (JSON): the readers' languages say it through the reason.
    detail: en.detail.noPublicPage,
  }),
} satisfies PlatformAdapter;
// Stryker restore all

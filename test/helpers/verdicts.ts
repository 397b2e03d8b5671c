import { loadScenarios } from '../../src/simulator/server.js';
import { wechatRowCell } from '../../src/simulator/wechat-mp.js';

/** What every account of the demo list must come out as: the `expect` of its simulator fixture. */
export function expectedVerdicts(): Map<string, string> {
  const scenarios = loadScenarios();
  const expected = new Map<string, string>();
  for (const [platform, scenario] of Object.entries(scenarios)) {
    for (const [id, account] of Object.entries(scenario.accounts as Record<string, { expect?: string; expectHttp?: string }>)) {
      const key =
        platform === 'feeds'
          ? `feed:https://www.youtube.com/feeds/videos.xml?channel_id=${id.replace('youtube:', '')}`
          : platform === 'wechat-mp'
            ? `wechat-mp:${wechatRowCell(id, account)}`
            : `${platform}:${id}`;
      // Over HTTP: what a script gets where the platform signs its requests.
      const verdict = account.expectHttp ?? account.expect;
      if (verdict && verdict !== '-') expected.set(key, verdict);
    }
  }
  expected.set('bilibili:400000010', 'not-found/missing');
  expected.set('wechat-channels:sphJiangchengFabu', 'unverified/manual-check-required');
  expected.set('wechat-channels:江城卫健', 'unverified/manual-check-required');
  return expected;
}


import { randomBytes } from 'node:crypto';
import { htmlResponse } from './common.js';
import { jsonResponse, type SimRequest, type SimResponse } from './types.js';

/*
 * What the simulated platforms share with a browser: profile pages whose own
 * script signs the API requests with a secret made anew for every run (a
 * script outside the page cannot sign), a check for automated browsers as
 * the real pages make, and a QR login page that a test "scans".
 * Reconstructed: the real signing schemes (a_bogus, __NS_hxfalcon) are
 * obfuscated; only their effect is imitated (fixtures/SIMULATOR.md).
 */

/** FNV-1a over the secret and the signed text; the page computes the same in JavaScript. */
export function simSignature(secret: string, text: string): string {
  let hash = 0x811c9dc5;
  for (const ch of `${secret}|${text}`) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export const newRunSecret = () => randomBytes(8).toString('hex');

/** The page-side signer: the same function, with the run's secret inside the page. */
export const signerScript = (secret: string) =>
  `function __sign(t){var h=0x811c9dc5;var s=${JSON.stringify(secret)}+'|'+t;for(var c of s){h^=c.codePointAt(0);h=Math.imul(h,0x01000193)>>>0;}return h.toString(16).padStart(8,'0');}`;

/** The check the platforms' pages make: an automated browser is shown a captcha, never the account. */
export const automationCheck = `function __automated(){return navigator.webdriver===true||/HeadlessChrome/.test(navigator.userAgent)||(navigator.userAgentData&&navigator.userAgentData.brands.some(function(b){return /Headless/.test(b.brand)}));}`;

/** A page whose own script runs in the browser. */
export const scriptPage = (title: string, body: string, script: string): SimResponse => htmlResponse(title, `${body}<script>${script}</script>`);

/** A request's query string without one parameter, as the page signed it. */
export function signedPart(request: SimRequest, param: string): { text: string; signature: string | null } {
  const signature = request.query.get(param);
  const text = request.rawQuery
    .split('&')
    .filter((pair) => !pair.startsWith(`${param}=`))
    .join('&');
  return { text, signature };
}

/**
 * A QR login page: it polls until a test "scans" (`confirm`), then the
 * platform sets its login cookie and the page moves on, as the real ones do.
 */
export class SimLogin {
  private scanned = false;

  constructor(
    private readonly cookie: string,
    private readonly domain: string,
  ) {}

  confirm(): void {
    this.scanned = true;
  }

  page(): SimResponse {
    const script = `setInterval(function(){fetch('/sim-login/status').then(function(r){return r.json()}).then(function(j){if(j.code===0){document.title='登录成功';location.href='/';}})},300);`;
    return scriptPage('登录', '<div class="login-container"><img class="qrcode-img" src="/sim-login/qr.png" alt="二维码"><p>请使用手机扫码登录</p></div>', script);
  }

  status(): SimResponse {
    if (!this.scanned) return jsonResponse({ code: 1, msg: '等待扫码' });
    const value = `sim-login-${randomBytes(6).toString('hex')}`;
    return { ...jsonResponse({ code: 0, msg: '登录成功' }), headers: { 'content-type': 'application/json', 'set-cookie': `${this.cookie}=${value}; Path=/; Domain=${this.domain}; Max-Age=2592000` } };
  }
}

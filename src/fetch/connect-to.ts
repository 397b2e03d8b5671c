/**
 * `--connect-to <host>=<origin>`: send requests meant for `host` (or `*`) to
 * another origin while keeping the original Host header, as curl does. It is
 * how the demo and the tests reach the simulator, and how mirrors are used.
 */
export interface ConnectTo {
  host: string;
  origin: string;
}

export function parseConnectTo(value: string): ConnectTo | undefined {
  const eq = value.indexOf('=');
  if (eq <= 0) return undefined;
  const host = value.slice(0, eq).trim().toLowerCase();
  const origin = value.slice(eq + 1).trim();
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.pathname !== '/' || url.search || url.hash) return undefined;
    return { host, origin: url.origin };
  } catch {
    return undefined;
  }
}

export function findConnectTo(rules: readonly ConnectTo[], host: string): ConnectTo | undefined {
  return rules.find((rule) => rule.host === host) ?? rules.find((rule) => rule.host === '*');
}

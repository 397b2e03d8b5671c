import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  host: string | undefined;
  url: string;
  at: number;
}

/** A loopback HTTP server for one test, recording what it was asked. */
export async function loopbackServer(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  const seen: Recorded[] = [];
  const server = createServer((req, res) => {
    seen.push({ host: req.headers.host, url: req.url ?? '', at: Date.now() });
    handler(req, res, seen.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

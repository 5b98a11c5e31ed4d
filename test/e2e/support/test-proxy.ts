import http from 'node:http';
import net from 'node:net';

export interface SeenConnect {
  /** host:port the client asked to CONNECT to. */
  target: string;
  /** Whether it carried the right Proxy-Authorization. */
  authorized: boolean;
}

export interface TestProxy {
  /** host:port of the proxy. */
  address: string;
  connects: SeenConnect[];
  /** The Proxy-Authorization user names seen (never passwords), in order. */
  usersTried: string[];
  close(): Promise<void>;
}

/**
 * A real HTTP proxy on loopback for the tests: CONNECT tunnels only, to the names in `routes` only (a made-up name
 * such as backend.test mapped to a loopback port, so the backend is reachable through this proxy and nowhere else).
 * Chromium's own background traffic through it is refused with 403. With `auth`, Basic authentication is required:
 * no or wrong credentials get 407 with a Proxy-Authenticate challenge.
 */
export async function startTestProxy(opts: { routes: Record<string, number>; auth?: { username: string; password: string } }): Promise<TestProxy> {
  const connects: SeenConnect[] = [];
  const usersTried: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'text/plain' });
    res.end('only CONNECT');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    socket.on('error', () => undefined);
    const target = req.url ?? '';
    const port = opts.routes[target];
    const given = /^Basic\s+(.+)$/i.exec(req.headers['proxy-authorization'] ?? '')?.[1];
    const decoded = given ? Buffer.from(given, 'base64').toString('utf8') : null;
    if (decoded) usersTried.push(decoded.split(':')[0] ?? '');
    const authorized = !opts.auth || decoded === `${opts.auth.username}:${opts.auth.password}`;
    if (port === undefined) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    connects.push({ target, authorized });
    if (!authorized) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="Proxy de la oficina"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const upstream = net.connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    connects,
    usersTried,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A PAC file server: sends `host` through `proxy`, everything else direct. */
export async function startPacServer(host: string, proxy: string): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const pac = `function FindProxyForURL(url, host) {\n  if (host === ${JSON.stringify(host)}) return "PROXY ${proxy}";\n  return "DIRECT";\n}\n`;
  const server = http.createServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' });
    res.end(pac);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}/proxy.pac`, hits: () => hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

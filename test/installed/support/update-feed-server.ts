import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

/** What the feed serves: no newer version, the real newer build, or that build tampered with / cut short. */
export type FeedMode = 'current' | 'good' | 'tampered' | 'truncated';

export interface Release {
  deb: string;
  version: string;
}

export interface UpdateFeedServer {
  url: string;
  mode: FeedMode;
  /** The newer build the feed offers (its yml, its .deb). */
  release: Release;
  /** Requests per path, e.g. '/latest-linux.yml'. */
  hits: Record<string, number>;
  stop(): Promise<void>;
}

/**
 * A generic electron-updater feed on 127.0.0.1: latest-linux.yml (version, the .deb's file name, its sha512 in
 * base64 and size, as electron-builder writes it) and the .deb. The yml always describes the REAL file; only the
 * bytes served change with the mode. The .deb is sent at ~10 MiB/s so the progress can be seen and captured.
 */
export async function startUpdateFeed(opts: { release: Release; currentVersion: string }): Promise<UpdateFeedServer> {
  const state = { mode: 'current' as FeedMode, hits: {} as Record<string, number>, release: opts.release };
  const described = new Map<string, { name: string; size: number; sha512: string }>();
  const file = () => {
    const { deb } = state.release;
    if (!described.has(deb)) {
      described.set(deb, { name: path.basename(deb), size: statSync(deb).size, sha512: createHash('sha512').update(readFileSync(deb)).digest('base64') });
    }
    return described.get(deb)!;
  };

  const yml = (): string => {
    const { name, size, sha512 } = file();
    const version = state.mode === 'current' ? opts.currentVersion : state.release.version;
    return [
      `version: ${version}`,
      'files:',
      `  - url: ${name}`,
      `    sha512: ${sha512}`,
      `    size: ${size}`,
      `path: ${name}`,
      `sha512: ${sha512}`,
      `releaseDate: '${new Date().toISOString()}'`,
      '',
    ].join('\n');
  };

  const server: Server = createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    state.hits[p] = (state.hits[p] ?? 0) + 1;
    if (p === '/latest-linux.yml') {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(yml());
      return;
    }
    const { name, size } = file();
    if (p !== `/${name}` || state.mode === 'current') {
      res.writeHead(404).end();
      return;
    }
    const length = state.mode === 'truncated' ? Math.floor(size / 2) : size;
    res.writeHead(200, { 'content-type': 'application/vnd.debian.binary-package', 'content-length': String(length) });
    const stream = createReadStream(state.release.deb, { start: 0, end: length - 1, highWaterMark: 1024 * 1024 });
    let offset = 0;
    stream.on('data', (chunk) => {
      const buf = Buffer.from(chunk as Buffer);
      // Tampered: same size, a few bytes in the middle of the package changed.
      if (state.mode === 'tampered' && offset <= size / 2 && size / 2 < offset + buf.length) {
        const at = Math.floor(size / 2) - offset;
        for (let i = at; i < Math.min(at + 16, buf.length); i++) buf[i] = buf[i]! ^ 0xff;
      }
      offset += buf.length;
      stream.pause();
      res.write(buf, () => setTimeout(() => stream.resume(), 100));
    });
    stream.on('end', () => res.end());
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    get mode() {
      return state.mode;
    },
    set mode(m: FeedMode) {
      state.mode = m;
    },
    get release() {
      return state.release;
    },
    set release(r: Release) {
      state.release = r;
    },
    hits: state.hits,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

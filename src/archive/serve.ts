// `vnplan serve`: the review page on a local web server. A search box over the index; a document's fields beside
// its page, the lines behind a field drawn on the page when the field is clicked, warnings with a jump to their
// line. Pages are rendered from the source files when asked for. It answers four kinds of request and nothing
// else, so it serves no file but the indexed sources' page images, and only to a browser on this machine unless
// told to listen elsewhere.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LRUCache } from 'lru-cache';
import type { Db } from './db.js';
import { documentSource, documentView } from './documentView.js';
import { NoSuchPage, pageImage, SourceChanged, type PageImage } from './pageImage.js';
import { REVIEW_PAGE } from './reviewPage.js';
import { search } from './search.js';

export interface Server {
  url: string;
  close(): Promise<void>;
}

const LOCAL_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'self'; img-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'",
    ...extra,
  });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

export async function serve(db: Db, opts: { host?: string; port?: number } = {}): Promise<Server> {
  const host = opts.host ?? '127.0.0.1';
  // Rendered pages, so that paging back and forth does not render again (about 100–300 kB each).
  const pages = new LRUCache<string, PageImage>({ maxSize: 200 * 1024 * 1024, sizeCalculation: (p) => p.body.length || 1 });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'only GET\n', { Allow: 'GET, HEAD' });
    // Bound to this machine, answer only to its own names: a web page elsewhere cannot reach in by a DNS name
    // that points here (DNS rebinding).
    const hostName = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (LOCAL_NAMES.has(host) && !LOCAL_NAMES.has(hostName)) return send(res, 403, 'text/plain', 'forbidden host\n');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/') return send(res, 200, 'text/html; charset=utf-8', REVIEW_PAGE);
    if (path === '/api/search') {
      const q = url.searchParams;
      const opt = (k: string) => q.get(k) || undefined;
      const date = (k: string) => {
        const v = opt(k);
        if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new BadRequest(`${k}: not a date (YYYY-MM-DD)`);
        return v;
      };
      const limit = Math.min(200, Math.max(1, Number(q.get('limit') ?? 50) || 50));
      return json(res, 200, search(db, q.get('q') ?? '', { type: opt('type'), issuer: opt('issuer'), unit: opt('unit'), from: date('from'), to: date('to'), limit }));
    }
    const doc = path.match(/^\/api\/documents\/(\d+)$/);
    if (doc) {
      const view = documentView(db, Number(doc[1]));
      return view ? json(res, 200, view) : json(res, 404, { error: 'no such document' });
    }
    const page = path.match(/^\/api\/documents\/(\d+)\/pages\/(\d+)$/);
    if (page) {
      const [id, n] = [Number(page[1]), Number(page[2])];
      const src = documentSource(db, id);
      if (!src) return json(res, 404, { error: 'no such document' });
      if (!src.path) return json(res, 404, { error: 'the source file was not found when the plan was indexed' });
      if (n < 1 || n > src.pages) return json(res, 404, { error: `the document has ${src.pages} pages` });
      const cacheKey = `${id}/${n}`;
      let img = pages.get(cacheKey);
      if (!img) {
        img = await pageImage(src.path, src.sha256, n);
        pages.set(cacheKey, img);
      }
      return send(res, 200, img.type, img.body, { 'Cache-Control': 'private, max-age=300' });
    }
    return send(res, 404, 'text/plain', 'not found\n');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof BadRequest ? 400 : err instanceof NoSuchPage ? 404 : err instanceof SourceChanged ? 409 : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (status === 500) process.stderr.write(`vnplan serve: ${req.url}: ${message}\n`);
      if (!res.headersSent) json(res, status, { error: message });
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 8080, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

class BadRequest extends Error {}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dispatchCall } from '../callDispatcher';
import type { AppContext } from '../runtime/appContext';
import { SECURITY_HEADERS } from '../security/contentSecurityPolicy';
import { APP_ORIGIN, mimeTypeFor, resolveAppFile } from '../security/appProtocol';
import { registerTypedPath, TYPED_PATH_ENDPOINT } from './typedPathPicker';

/**
 * Development and test only, never packaged: the same contract as the preload, over loopback HTTP,
 * so the built renderer can run in a plain browser against the real services. Every API call needs
 * the per-run token, and the Host header must be the loopback address (no DNS rebinding).
 */
interface BridgeOptions {
  ctx: AppContext;
  rendererDir: string;
  /** Served as /favicon.ico (the app's icon, assets/icon.ico), which browsers ask for on their own. */
  faviconPath?: string;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface RunningBridge {
  url: string;
  /** The URL to open: the page refuses to load without the token. */
  entryUrl: string;
  token: string;
  close(): Promise<void>;
}

export const BRIDGE_TOKEN_HEADER = 'x-iom-bridge-token';

function tokensMatch(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType });
  res.end(body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const maxBody = options.maxBodyBytes ?? 5_000_000;
  let expectedHost = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => send(res, 500, 'Internal error', 'text/plain'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== expectedHost) return send(res, 421, 'Wrong host', 'text/plain');
    const url = new URL(req.url ?? '/', `http://${expectedHost}`);
    const isPicker = url.pathname === TYPED_PATH_ENDPOINT;
    if (url.pathname.startsWith('/api/') || isPicker) {
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed', 'text/plain');
      if (!tokensMatch(token, req.headers[BRIDGE_TOKEN_HEADER] as string | undefined ?? null)) return send(res, 403, 'Forbidden', 'text/plain');
      let input: unknown;
      try {
        const body = await readBody(req, maxBody);
        input = body ? JSON.parse(body) : {};
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'The request body was not valid JSON.' } }), 'application/json');
      }
      const result = isPicker ? registerTypedPath(options.ctx.session.files, input) : await dispatchCall(options.ctx, decodeURIComponent(url.pathname.slice('/api/'.length)), input);
      return send(res, 200, JSON.stringify(result), 'application/json');
    }
    if (req.method !== 'GET') return send(res, 405, 'Method not allowed', 'text/plain');
    const isEntry = url.pathname === '/' || url.pathname === '/index.html';
    if (isEntry && !tokensMatch(token, url.searchParams.get('token'))) return send(res, 403, 'Open the preview with the link printed when it started.', 'text/plain');
    const file = url.pathname === '/favicon.ico' && options.faviconPath ? options.faviconPath : resolveAppFile(options.rendererDir, `${APP_ORIGIN}${url.pathname}`);
    if (!file) return send(res, 404, 'Not found', 'text/plain');
    try {
      return send(res, 200, await readFile(file), mimeTypeFor(file));
    } catch {
      return send(res, 404, 'Not found', 'text/plain');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  const url = `http://${expectedHost}`;
  return {
    url,
    entryUrl: `${url}/?token=${token}`,
    token,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

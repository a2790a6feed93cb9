// The preview's HTTP server (Node's http, no framework): the page and bundle from the build
// directory, SLDS from @salesforce-ux/design-system, and static resources from
// the package's staticresources folders at /resource/<Name>, where @salesforce/resourceUrl
// imports point. The page's server calls — the REST API (/services/…) and the Apex endpoint
// (/aura/apex/Class.method) — are passed to the preview's local org (org/previewOrg.ts) as the
// preview user. Binds to 127.0.0.1 only.
//
// Two pages, each with the person it runs as: the Account record page (`/`, the key account
// manager) and the leaders' portfolio (`/portfolio`, the sales leader). A page's org calls run
// as that page's person; the server tells them apart by the page that made the call (its
// Referer, which the browser sends with every same-origin request).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { staticResourcePath } from '../lib/projectPaths.ts';
import { PREVIEW_BUILD_DIR, SLDS_ASSETS_DIR } from './paths.ts';

const CONTENT_TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.map': 'application/json; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.gif': 'image/gif',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.txt': 'text/plain; charset=utf-8',
};

/** Where the page's server calls go, and as whom. */
export interface PreviewOrgEndpoint {
    /** The local org's REST server (org/previewOrg.ts). */
    url: string;
    /** A session of the user the page runs as. */
    token: string;
    userId: string;
}

export interface PreviewServerOptions {
    port?: number;
    host?: string;
    buildDir?: string;
    /** The Account page's person (`/`). */
    org: PreviewOrgEndpoint;
    /** The portfolio page's person (`/portfolio`); without it the page is not served. */
    portfolioOrg?: PreviewOrgEndpoint;
}

/** The portfolio page's path. */
export const PORTFOLIO_PATH = '/portfolio';

/** Paths the local org answers: its REST API and the Apex endpoint. */
const ORG_PATH = /^\/(services|aura)\//;
/** index.html names the preview user here (@salesforce/user/Id reads it). */
const USER_ID_PLACEHOLDER = '%PREVIEW_USER_ID%';

export interface PreviewServer {
    url: string;
    port: number;
    server: Server;
    close(): Promise<void>;
}

/** The file under root that urlPath names, or null when it would leave root. */
function fileUnder(root: string, urlPath: string): string | null {
    const file = normalize(join(root, urlPath));
    return file === root || file.startsWith(root + sep) ? file : null;
}

/**
 * Where each static resource is. Finding one walks the package's folders (tens of milliseconds
 * here), which would make the preview serve a resource far slower than the platform's CDN does
 * and the render benchmark count it: found once, then only checked to still be there.
 */
const resourcePaths = new Map<string, string>();

function resourcePathOf(name: string): string | null {
    const known = resourcePaths.get(name);
    if (known && existsSync(known)) return known;
    const path = staticResourcePath(name);
    if (path) resourcePaths.set(name, path);
    return path;
}

/** A static resource: `Name/...` in an unpacked (zip) resource folder, or the `Name.<ext>` file. */
function staticResourceFile(resourcePath: string): string | null {
    const [name = '', ...rest] = resourcePath.split('/');
    const path = name ? resourcePathOf(name) : null;
    if (!path) return null;
    return statSync(path).isDirectory() ? fileUnder(path, rest.join('/')) : path;
}

/** The HTML shells, which name the page's user. */
const PAGE_FILES = ['index.html', 'portfolio.html'];

function resolveRequest(pathname: string, buildDir: string): string | null {
    if (pathname === '/' || pathname === '/index.html') return join(buildDir, 'index.html');
    if (pathname === PORTFOLIO_PATH) return join(buildDir, 'portfolio.html');
    if (pathname === '/preview.css') return join(buildDir, 'preview.css');
    if (pathname.startsWith('/build/'))
        return fileUnder(buildDir, pathname.slice('/build/'.length));
    if (pathname.startsWith('/slds/'))
        return fileUnder(SLDS_ASSETS_DIR, pathname.slice('/slds/'.length));
    if (pathname.startsWith('/resource/')) {
        // The platform's URLs may carry a cache-busting timestamp: /resource/1700000000000/Name.
        return staticResourceFile(pathname.slice('/resource/'.length).replace(/^\d+\//, ''));
    }
    return null;
}

function send(response: ServerResponse, status: number, text: string): void {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(text);
}

/** The request, as the preview user, to the local org; its answer back as it came. */
function forwardToOrg(
    request: IncomingMessage,
    response: ServerResponse,
    org: PreviewOrgEndpoint,
): void {
    const target = new URL(request.url ?? '/', org.url);
    const headers = { ...request.headers, authorization: `Bearer ${org.token}` };
    delete headers.host;
    const upstream = httpRequest(target, { method: request.method, headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
    });
    upstream.on('error', (error) => send(response, 502, `local org: ${error.message}`));
    request.pipe(upstream);
}

interface HandlerOptions {
    buildDir: string;
    org: PreviewOrgEndpoint;
    portfolioOrg: PreviewOrgEndpoint | undefined;
}

function isPortfolioPage(url: string | undefined): boolean {
    if (!url) return false;
    try {
        return new URL(url, 'http://localhost').pathname === PORTFOLIO_PATH;
    } catch {
        return false;
    }
}

function handle(request: IncomingMessage, response: ServerResponse, options: HandlerOptions): void {
    const { buildDir, portfolioOrg } = options;
    if (ORG_PATH.test(request.url ?? '')) {
        const fromPortfolio = portfolioOrg && isPortfolioPage(request.headers.referer);
        forwardToOrg(request, response, fromPortfolio ? portfolioOrg : options.org);
        return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
        send(response, 405, 'Method not allowed');
        return;
    }
    let pathname: string;
    try {
        pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
        send(response, 400, 'Bad request');
        return;
    }
    if (pathname === '/favicon.ico') {
        response.writeHead(204).end();
        return;
    }
    const file = resolveRequest(pathname, buildDir);
    const pageOrg = pathname === PORTFOLIO_PATH ? portfolioOrg : options.org;
    if (!file || !pageOrg || !existsSync(file) || !statSync(file).isFile()) {
        send(response, 404, `Not found: ${pathname}`);
        return;
    }
    if (PAGE_FILES.some((name) => file === join(buildDir, name))) {
        const page = readFileSync(file, 'utf8').replaceAll(USER_ID_PLACEHOLDER, pageOrg.userId);
        response.writeHead(200, {
            'content-type': CONTENT_TYPES['.html'] as string,
            'cache-control': 'no-store',
        });
        response.end(request.method === 'HEAD' ? undefined : page);
        return;
    }
    response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': statSync(file).size,
        // Always fresh: the bundle changes with every rebuild.
        'cache-control': 'no-store',
    });
    if (request.method === 'HEAD') {
        response.end();
        return;
    }
    if (pathname.startsWith('/resource/')) {
        // Written at once: a stream's reads finish in later turns of the event loop, where an
        // Apex call the local org runs in this process (it may share it, as in bench:ui) would
        // hold the resource back until the Apex is done. The platform serves static resources
        // apart from Apex; they are small.
        response.end(readFileSync(file));
        return;
    }
    createReadStream(file).pipe(response);
}

export function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
    const host = options.host ?? '127.0.0.1';
    const buildDir = options.buildDir ?? PREVIEW_BUILD_DIR;
    const server = createServer((request, response) =>
        handle(request, response, {
            buildDir,
            org: options.org,
            portfolioOrg: options.portfolioOrg,
        }),
    );
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 3000, host, () => {
            server.off('error', reject);
            const { port } = server.address() as AddressInfo;
            resolve({
                url: `http://${host}:${port}/`,
                port,
                server,
                close: () =>
                    new Promise<void>((done) => {
                        server.close(() => done());
                        server.closeAllConnections();
                    }),
            });
        });
    });
}

// An HTTP server in front of a local org (node:http, no framework): the login endpoints jsforce
// uses, the identity URL, the list of API versions and the versioned REST API (api.ts). Every
// API call runs as its session's user in a request of its own (runtime/request.ts): one
// transaction, rolled back when it fails, its async work run after it commits. Requests are
// handled one at a time (the org is single-threaded): reading a body is asynchronous, handling
// it is not.
//
// More endpoints can sit beside the REST API (`routes`: e.g. an Aura endpoint that calls
// @AuraEnabled methods through runtime/aura.ts for the local preview); they share the sessions.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalOrg } from '../runtime/org.ts';
import { runAsRequest } from '../runtime/request.ts';
import { RestApi, RolledBack } from './api.ts';
import type { ApiResponse } from './api.ts';
import { RestError, restError, restErrorOf } from './errors.ts';
import { QueryCursors } from './query.ts';
import { LoginError, Sessions } from './sessions.ts';
import type { SessionUser } from './sessions.ts';

/** The oldest API version served. */
const MIN_VERSION = 20;
/** A Developer Edition org's daily API request allowance. */
const DEFAULT_DAILY_API_REQUESTS = 15_000;

export interface RouteContext {
    org: LocalOrg;
    /** The session's user (routes that require a session), else null. */
    userId: string | null;
    match: RegExpExecArray;
    query: URLSearchParams;
    headers: Record<string, string | undefined>;
    body: string;
}

/** An endpoint beside the REST API (the server's extension point). */
export interface ServerRoute {
    method: string;
    path: RegExp;
    /** Refuse the call without a session (401), as the REST API does. */
    requiresSession: boolean;
    handle(context: RouteContext): ApiResponse;
}

export interface LocalOrgServerOptions {
    org: LocalOrg;
    /** The password every user of the local org logs in with. */
    password: string;
    /** 0 (default): a free port. */
    port?: number;
    host?: string;
    /** Highest API version served; default the project's sourceApiVersion (else 64.0). */
    maxVersion?: number;
    dailyApiRequests?: number;
    routes?: ServerRoute[];
}

export interface LocalOrgServer {
    /** http://host:port — jsforce's loginUrl and instanceUrl. */
    readonly url: string;
    readonly sessions: Sessions;
    /** REST API requests served so far (what Sforce-Limit-Info reports). */
    readonly apiRequests: number;
    close(): Promise<void>;
}

function projectApiVersion(org: LocalOrg): number {
    try {
        const project = JSON.parse(
            readFileSync(join(org.projectRoot, 'sfdx-project.json'), 'utf8'),
        ) as { sourceApiVersion?: string };
        const version = Number(project.sourceApiVersion);
        return Number.isFinite(version) && version >= MIN_VERSION ? Math.floor(version) : 64;
    } catch {
        return 64;
    }
}

/** "Winter '21" for 50.0: three releases a year since Winter '11 (20.0). */
function releaseLabel(version: number): string {
    const index = version - MIN_VERSION;
    const season = ['Winter', 'Spring', 'Summer'][index % 3] as string;
    return `${season} '${String(11 + Math.floor(index / 3)).padStart(2, '0')}`;
}

const XML_ENTITIES: Record<string, string> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
};

function xmlText(text: string): string {
    return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name] ?? '');
}

function xmlEscape(text: string): string {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}

function element(xml: string, name: string): string | null {
    const match = new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(xml);
    return match ? xmlText(match[1] as string) : null;
}

const SOAP_OPEN =
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body>';
const SOAP_CLOSE = '</soapenv:Body></soapenv:Envelope>';

function soapFault(code: string, message: string): ApiResponse {
    return {
        status: 500,
        body: `${SOAP_OPEN}<soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${xmlEscape(`${code}: ${message}`)}</faultstring><detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>${code}</sf:exceptionCode><sf:exceptionMessage>${xmlEscape(message)}</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault>${SOAP_CLOSE}`,
        headers: { 'Content-Type': 'text/xml;charset=UTF-8' },
    };
}

export async function startLocalOrgServer(options: LocalOrgServerOptions): Promise<LocalOrgServer> {
    const org = options.org;
    const sessions = new Sessions(org, options.password);
    const cursors = new QueryCursors(org);
    const maxVersion = options.maxVersion ?? projectApiVersion(org);
    const dailyMax = options.dailyApiRequests ?? DEFAULT_DAILY_API_REQUESTS;
    let apiRequests = 0;
    const api = new RestApi(org, {
        cursors,
        apiUsage: () => ({ used: apiRequests, max: dailyMax }),
    });
    let base = '';

    const served = (version: string): boolean => {
        const number = Number(version);
        return Number.isInteger(number) && number >= MIN_VERSION && number <= maxVersion;
    };

    const tokenOf = (
        headers: Record<string, string | undefined>,
        query: URLSearchParams,
    ): string | null => {
        const auth = headers.authorization ?? '';
        const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(auth.trim());
        return match ? (match[1] as string) : query.get('oauth_token');
    };

    const invalidSession = (): ApiResponse => ({
        status: 401,
        body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    });

    const identity = (user: SessionUser, version: number): Record<string, unknown> => {
        const orgId = org.organizationId;
        const data = `${base}/services/data/v{version}/`;
        return {
            id: `${base}/id/${orgId}/${user.id}`,
            asserted_user: true,
            user_id: user.id,
            organization_id: orgId,
            username: user.username,
            nick_name: user.username.split('@')[0],
            display_name: user.name,
            email: user.email,
            active: true,
            user_type: 'STANDARD',
            language: user.language,
            locale: user.locale,
            timezone: user.timeZone,
            urls: {
                rest: data,
                sobjects: `${data}sobjects/`,
                query: `${data}query/`,
                limits: `${data}limits/`,
                custom_domain: base,
            },
            last_modified_date: new Date(org.now()).toISOString().replace('Z', '+0000'),
            api_version: `${version}.0`,
        };
    };

    /** SOAP login and logout (the partner API's two calls jsforce makes). */
    const soap = (body: string): ApiResponse => {
        if (/<(?:\w+:)?logout[\s/>]/.test(body)) {
            const token = element(body, 'sessionId');
            if (token) sessions.end(token);
            return {
                status: 200,
                body: `${SOAP_OPEN}<logoutResponse/>${SOAP_CLOSE}`,
                headers: { 'Content-Type': 'text/xml;charset=UTF-8' },
            };
        }
        const username = element(body, 'username');
        const password = element(body, 'password');
        if (username === null || password === null)
            return soapFault(
                'INVALID_LOGIN',
                'Invalid username, password, security token; or user locked out.',
            );
        try {
            const { token, user } = sessions.login(username, password);
            const orgId = org.organizationId;
            const version = `${maxVersion}.0`;
            const result = [
                `<metadataServerUrl>${base}/services/Soap/m/${version}/${orgId}</metadataServerUrl>`,
                '<passwordExpired>false</passwordExpired>',
                '<sandbox>false</sandbox>',
                `<serverUrl>${base}/services/Soap/u/${version}/${orgId}</serverUrl>`,
                `<sessionId>${token}</sessionId>`,
                `<userId>${user.id}</userId>`,
                '<userInfo>',
                `<organizationId>${orgId}</organizationId>`,
                `<organizationName>Local Org</organizationName>`,
                `<profileId>${user.profileId ?? ''}</profileId>`,
                `<userEmail>${xmlEscape(user.email ?? '')}</userEmail>`,
                `<userFullName>${xmlEscape(user.name)}</userFullName>`,
                `<userId>${user.id}</userId>`,
                `<userLanguage>${user.language}</userLanguage>`,
                `<userLocale>${user.locale}</userLocale>`,
                `<userName>${xmlEscape(user.username)}</userName>`,
                `<userTimeZone>${user.timeZone}</userTimeZone>`,
                '</userInfo>',
            ].join('');
            return {
                status: 200,
                body: `${SOAP_OPEN}<loginResponse><result>${result}</result></loginResponse>${SOAP_CLOSE}`,
                headers: { 'Content-Type': 'text/xml;charset=UTF-8' },
            };
        } catch (e) {
            if (e instanceof LoginError) return soapFault(e.code, e.message);
            throw e;
        }
    };

    /** OAuth 2.0 username-password flow and token revocation. */
    const oauth = (kind: string, form: URLSearchParams): ApiResponse => {
        if (kind === 'revoke') {
            const token = form.get('token');
            if (token) sessions.end(token);
            return { status: 200, body: {} };
        }
        if (form.get('grant_type') !== 'password')
            return {
                status: 400,
                body: {
                    error: 'unsupported_grant_type',
                    error_description: 'grant type not supported',
                },
            };
        try {
            const { token, user } = sessions.login(
                form.get('username') ?? '',
                form.get('password') ?? '',
            );
            return {
                status: 200,
                body: {
                    access_token: token,
                    instance_url: base,
                    id: `${base}/id/${org.organizationId}/${user.id}`,
                    token_type: 'Bearer',
                    issued_at: String(Date.now()),
                    signature: 'local-org',
                },
            };
        } catch (e) {
            if (e instanceof LoginError)
                return {
                    status: 400,
                    body: { error: 'invalid_grant', error_description: 'authentication failure' },
                };
            throw e;
        }
    };

    /** The versioned REST API: one request of the local org as the session's user. */
    const restApi = (
        method: string,
        version: string,
        path: string,
        query: URLSearchParams,
        headers: Record<string, string | undefined>,
        text: string,
    ): ApiResponse => {
        const userId = sessions.userOf(tokenOf(headers, query) ?? '');
        if (!userId) return invalidSession();
        apiRequests++;
        let body: unknown = null;
        if (text.trim() !== '') {
            try {
                body = JSON.parse(text);
            } catch (e) {
                return {
                    status: 400,
                    body: [
                        {
                            errorCode: 'JSON_PARSER_ERROR',
                            message: `The request body is not JSON: ${(e as Error).message}`,
                        },
                    ],
                };
            }
        }
        try {
            return runAsRequest(org, userId, () =>
                api.handle({ method, path, version, query, headers, body, origin: base }, userId),
            );
        } catch (e) {
            if (e instanceof RolledBack) return e.response;
            const error = restErrorOf(e);
            return { status: error.status, body: error.errors };
        }
    };

    const route = (
        method: string,
        path: string,
        query: URLSearchParams,
        headers: Record<string, string | undefined>,
        text: string,
    ): ApiResponse => {
        let match: RegExpExecArray | null;
        if (method === 'POST' && (match = /^\/services\/Soap\/u\/(\d+\.\d)(\/\w+)?$/.exec(path)))
            return soap(text);
        if (method === 'POST' && (match = /^\/services\/oauth2\/(token|revoke)$/.exec(path)))
            return oauth(match[1] as string, new URLSearchParams(text));
        if (method === 'GET' && (match = /^\/id\/(\w{15,18})\/(\w{15,18})$/.exec(path))) {
            const userId = sessions.userOf(tokenOf(headers, query) ?? '');
            if (!userId) return invalidSession();
            if (userId !== match[2])
                return {
                    status: 403,
                    body: [
                        { errorCode: 'INSUFFICIENT_ACCESS', message: 'identity of another user' },
                    ],
                };
            return { status: 200, body: identity(sessions.user(userId), maxVersion) };
        }
        if (method === 'GET' && /^\/services\/data\/?$/.test(path)) {
            const versions = [];
            for (let v = MIN_VERSION; v <= maxVersion; v++)
                versions.push({
                    label: releaseLabel(v),
                    url: `/services/data/v${v}.0`,
                    version: `${v}.0`,
                });
            return { status: 200, body: versions };
        }
        if ((match = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path))) {
            const version = match[1] as string;
            if (!served(version))
                return {
                    status: 404,
                    body: [
                        {
                            errorCode: 'NOT_FOUND',
                            message: 'The requested resource does not exist',
                        },
                    ],
                };
            return restApi(method, version, match[2] ?? '', query, headers, text);
        }
        for (const extra of options.routes ?? []) {
            if (extra.method !== method) continue;
            const found = extra.path.exec(path);
            if (!found) continue;
            const userId = sessions.userOf(tokenOf(headers, query) ?? '');
            if (extra.requiresSession && !userId) return invalidSession();
            return extra.handle({ org, userId, match: found, query, headers, body: text });
        }
        return {
            status: 404,
            body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
        };
    };

    const send = (res: ServerResponse, response: ApiResponse): void => {
        const headers: Record<string, string> = {
            'Sforce-Limit-Info': `api-usage=${apiRequests}/${dailyMax}`,
            ...(response.headers ?? {}),
        };
        if (response.status === 204 || response.body === undefined) {
            res.writeHead(response.status, headers);
            res.end();
            return;
        }
        const text =
            typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
            headers['Content-Type'] = 'application/json;charset=UTF-8';
        res.writeHead(response.status, headers);
        res.end(text);
    };

    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
            const url = new URL(req.url ?? '/', 'http://local-org');
            const headers: Record<string, string | undefined> = {};
            for (const [name, value] of Object.entries(req.headers))
                headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
            let response: ApiResponse;
            try {
                response = route(
                    (req.method ?? 'GET').toUpperCase(),
                    url.pathname,
                    url.searchParams,
                    headers,
                    Buffer.concat(chunks).toString('utf8'),
                );
            } catch (e) {
                // a bug of the local org itself: say so, keep serving
                const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
                process.stderr.write(`local-org REST: ${req.method} ${req.url}: ${message}\n`);
                const error =
                    e instanceof RestError
                        ? e
                        : restError(
                              500,
                              'UNKNOWN_EXCEPTION',
                              `local org: ${e instanceof Error ? e.message : String(e)}`,
                          );
                response = { status: error.status, body: error.errors };
            }
            send(res, response);
        });
    });

    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.address() as AddressInfo;
    base = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
    return {
        url: base,
        sessions,
        get apiRequests() {
            return apiRequests;
        },
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.closeAllConnections();
                server.close((error) => (error ? reject(error) : resolve()));
            }),
    };
}

// The org behind the preview: a local org of this project (scripts/local-org: the real Apex
// classes and triggers over an in-memory database) with its REST API on a private port, seeded
// with the preview's sample portfolio through the same jsforce path `npm run org:seed` takes —
// so every record went through Keystone's triggers, validation rules and recompute, and every
// figure the page shows is one the Apex computed.
//
// The page runs as one person: the sample's first key account manager, a Standard User with
// the Keystone User permission set, owner of every sample account and on every plan's team
// (every sample person the seed would map to a user becomes this one). The portfolio's other
// people are users too, active, with Keystone User, so people searches find colleagues.
// The portfolio page runs as a sales leader: the sample's VP Strategic Accounts, who also holds
// the Keystone Leader permission set, in a role above the key account managers' role — the
// portfolio is "the key accounts of the roles below mine" (PortfolioService.resolveTeam) and
// the leader reads them through the role hierarchy. After the seed the leader starts a
// selection run through PortfolioController.startSelectionRun (the real SelectionRunBatch), so
// the accounts carry the run's suggested tiers. The admin only seeds.
import { Connection } from 'jsforce';
import { LocalOrg, invokeAura, startLocalOrgServer } from '@keystone/local-org';
import type { LocalOrgServer, ServerRoute } from '@keystone/local-org';
import type { SamplePortfolio } from '../../data/sampleDataset.ts';
import { PROJECT_ROOT } from '../../lib/projectPaths.ts';
import { jsforceConnection, queryAll, soqlString } from '../../org/connection.ts';
import type { OrgConnection } from '../../org/connection.ts';
import { seedPortfolio } from '../../org/seed.ts';
import { previewPortfolio } from './previewPortfolio.ts';

export const API_VERSION = '64.0';
const PASSWORD = 'local-preview';
const ADMIN_USERNAME = 'admin@local-org.invalid';
const PREVIEW_PERMISSION_SET = 'KeystoneUser';
const LEADER_PERMISSION_SET = 'KeystoneLeader';
/** The sample person who leads the programme: the portfolio page runs as them. */
const LEADER_TITLE = 'VP Strategic Accounts';
/** The page's Apex endpoint: POST /aura/apex/<Class>.<method> with the named arguments as JSON. */
export const APEX_PATH = /^\/aura\/apex\/(\w+)\.(\w+)$/;

export interface PreviewOrgTimings {
    /** Loading the classes, triggers, schema and metadata into a new local org. */
    loadMs: number;
    /** The seed through jsforce, triggers and recompute included. */
    seedMs: number;
    records: number;
}

export interface PreviewOrg {
    org: LocalOrg;
    /** The local org's REST API (jsforce's instance URL), reachable from this machine only. */
    url: string;
    /** The user the page runs as. */
    previewUserId: string;
    previewUserName: string;
    /** A session of the preview user, for the page's calls. */
    previewToken: string;
    /** The sales leader the portfolio page runs as, and a session of theirs. */
    leaderUserId: string;
    leaderUserName: string;
    leaderToken: string;
    /** A session of the org's administrator, for checks that must see everything. */
    admin: OrgConnection;
    timings: PreviewOrgTimings;
    close(): Promise<void>;
}

/**
 * POST /aura/apex/<Class>.<method>: the @AuraEnabled method run as the session's user, as
 * Lightning calls it (runtime/aura.ts): its result's JSON with 200, an Apex exception's
 * { message, exceptionType, isUserDefinedException, stackTrace } with 500. A construct the
 * local org cannot run is not an Apex error: it answers 501 naming the construct and its
 * file and line, and the page shows it as a failure.
 */
export const apexRoute: ServerRoute = {
    method: 'POST',
    path: APEX_PATH,
    requiresSession: true,
    handle({ org, userId, match, body }) {
        const [, className = '', methodName = ''] = match;
        try {
            const response = invokeAura(org, className, methodName, body, userId ?? undefined);
            return {
                status: response.status,
                body: response.body,
                headers: { 'Content-Type': 'application/json;charset=UTF-8' },
            };
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            const unsupported = error instanceof Error && error.name === 'UnsupportedError';
            return {
                status: unsupported ? 501 : 404,
                body: [
                    {
                        errorCode: unsupported ? 'LOCAL_ORG_UNSUPPORTED' : 'NOT_FOUND',
                        message: `${className}.${methodName}: ${message}`,
                    },
                ],
            };
        }
    },
};

interface UserRow {
    Username: string;
    FirstName: string;
    LastName: string;
    Title: string;
    UserRoleId?: string;
}

interface PreviewRoles {
    leaderRoleId: string;
    managerRoleId: string;
}

/** Two roles: the sales leader's, and the key account managers' below it. */
async function createRoles(jsforce: Connection): Promise<PreviewRoles> {
    const [leader] = await jsforce
        .sobject('UserRole')
        .create([{ Name: 'Sales Leader', DeveloperName: 'PreviewSalesLeader' }], {
            allOrNone: true,
        });
    if (!leader?.success || !leader.id) throw new Error('preview: the leader role was refused');
    const [manager] = await jsforce.sobject('UserRole').create(
        [
            {
                Name: 'Key Account Manager',
                DeveloperName: 'PreviewKeyAccountManager',
                ParentRoleId: leader.id,
            },
        ],
        { allOrNone: true },
    );
    if (!manager?.success || !manager.id) {
        throw new Error('preview: the key account manager role was refused');
    }
    return { leaderRoleId: leader.id, managerRoleId: manager.id };
}

function userRowsOf(portfolio: SamplePortfolio, roles: PreviewRoles): UserRow[] {
    return portfolio.users.map((user, index) => {
        const space = user.name.indexOf(' ');
        const roleId =
            user.title === LEADER_TITLE
                ? roles.leaderRoleId
                : user.role === 'Key Account Manager'
                  ? roles.managerRoleId
                  : undefined;
        return {
            Username: `preview.user${index + 1}@keystone-preview.invalid`,
            FirstName: space < 0 ? '' : user.name.slice(0, space),
            LastName: space < 0 ? user.name : user.name.slice(space + 1),
            Title: user.title,
            ...(roleId ? { UserRoleId: roleId } : {}),
        };
    });
}

async function permissionSetId(admin: OrgConnection, name: string): Promise<string> {
    const [permissionSet] = await queryAll<{ Id: string }>(
        admin,
        `SELECT Id FROM PermissionSet WHERE Name = ${soqlString(name)}`,
    );
    if (!permissionSet) throw new Error(`preview: the local org has no ${name} permission set`);
    return permissionSet.Id;
}

/** The leader starts a selection run, as the portfolio's "Run selection now" button does. */
function runSelectionAs(org: LocalOrg, leaderUserId: string): void {
    const response = invokeAura(
        org,
        'PortfolioController',
        'startSelectionRun',
        '{}',
        leaderUserId,
    );
    if (response.status !== 200) {
        throw new Error(`preview: the selection run failed: ${JSON.stringify(response.body)}`);
    }
}

async function createUsers(admin: OrgConnection, jsforce: Connection, rows: UserRow[]) {
    const [profile] = await queryAll<{ Id: string }>(
        admin,
        "SELECT Id FROM Profile WHERE Name = 'Standard User'",
    );
    const [permissionSet] = await queryAll<{ Id: string }>(
        admin,
        `SELECT Id FROM PermissionSet WHERE Name = ${soqlString(PREVIEW_PERMISSION_SET)}`,
    );
    if (!profile || !permissionSet) {
        throw new Error(
            `preview: the local org has no Standard User profile or ${PREVIEW_PERMISSION_SET} permission set`,
        );
    }
    const created = await jsforce.sobject('User').create(
        rows.map((row) => ({
            ...row,
            Email: row.Username,
            Alias: row.Username.slice(0, 8),
            TimeZoneSidKey: 'America/Los_Angeles',
            LocaleSidKey: 'en_US',
            EmailEncodingKey: 'UTF-8',
            LanguageLocaleKey: 'en_US',
            ProfileId: profile.Id,
        })),
        { allOrNone: true },
    );
    const ids = created.map((result) => {
        if (!result.success || !result.id) {
            throw new Error(`preview: a preview user was refused: ${JSON.stringify(result)}`);
        }
        return result.id;
    });
    const assigned = await jsforce.sobject('PermissionSetAssignment').create(
        ids.map((id) => ({ AssigneeId: id, PermissionSetId: permissionSet.Id })),
        { allOrNone: true },
    );
    if (!assigned.every((result) => result.success)) {
        throw new Error(`preview: assigning ${PREVIEW_PERMISSION_SET} failed`);
    }
    return ids;
}

export interface PreviewOrgOptions {
    portfolio?: SamplePortfolio;
    projectRoot?: string;
}

/** A new local org with the preview's data, and its REST API (with the Apex route) running. */
export async function startPreviewOrg(options: PreviewOrgOptions = {}): Promise<PreviewOrg> {
    const portfolio = options.portfolio ?? previewPortfolio();
    let started = performance.now();
    // The org's clock is the dataset's "today", so recency and due dates read as the sample meant.
    const org = new LocalOrg({
        projectRoot: options.projectRoot ?? PROJECT_ROOT,
        now: new Date(`${portfolio.now}T17:00:00Z`),
    });
    const loadMs = performance.now() - started;

    const server: LocalOrgServer = await startLocalOrgServer({
        org,
        password: PASSWORD,
        routes: [apexRoute],
    });
    try {
        started = performance.now();
        const login = new Connection({ loginUrl: server.url, version: API_VERSION });
        await login.login(ADMIN_USERNAME, PASSWORD);
        const admin = jsforceConnection({
            instanceUrl: server.url,
            accessToken: login.accessToken ?? '',
            apiVersion: API_VERSION,
        });
        const users = userRowsOf(portfolio, await createRoles(login));
        const userIds = await createUsers(admin, login, users);
        const [previewUserId = ''] = userIds;
        const leaderIndex = users.findIndex((user) => user.Title === LEADER_TITLE);
        const leaderUserId = userIds[leaderIndex];
        if (!leaderUserId) throw new Error(`preview: the sample has no ${LEADER_TITLE}`);
        const leaderAssigned = await login.sobject('PermissionSetAssignment').create(
            [
                {
                    AssigneeId: leaderUserId,
                    PermissionSetId: await permissionSetId(admin, LEADER_PERMISSION_SET),
                },
            ],
            { allOrNone: true },
        );
        if (!leaderAssigned.every((result) => result.success)) {
            throw new Error(`preview: assigning ${LEADER_PERMISSION_SET} failed`);
        }
        const report = await seedPortfolio(admin, { portfolio, runningUserId: previewUserId });
        runSelectionAs(org, leaderUserId);
        const seedMs = performance.now() - started;
        const previewUser = users[0] as UserRow;
        const leaderUser = users[leaderIndex] as UserRow;
        return {
            org,
            url: server.url,
            previewUserId,
            previewUserName: `${previewUser.FirstName} ${previewUser.LastName}`.trim(),
            previewToken: server.sessions.issue(previewUserId),
            leaderUserId,
            leaderUserName: `${leaderUser.FirstName} ${leaderUser.LastName}`.trim(),
            leaderToken: server.sessions.issue(leaderUserId),
            admin,
            timings: { loadMs, seedMs, records: report.created },
            close: () => server.close(),
        };
    } catch (error) {
        await server.close();
        throw error;
    }
}

export function formatTimings(timings: PreviewOrgTimings): string {
    const seconds = (ms: number): string => (ms / 1000).toFixed(1);
    return (
        `preview: local org loaded in ${seconds(timings.loadMs)} s, ` +
        `${timings.records.toLocaleString('en-US')} sample records seeded through the triggers in ${seconds(timings.seedMs)} s`
    );
}

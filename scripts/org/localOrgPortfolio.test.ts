// End to end without an org: the setup steps a local org can stand in for, then the whole
// sample portfolio through the real jsforce code path of `npm run org:seed` (jsforceConnection
// → sObject Collections) into a local org of this project — Keystone's real triggers,
// validation rules and recompute run on every batch — and `npm run org:doctor` must report
// the result healthy, line by line. A second run creates nothing.
// npm test's `org-local` check; run: node --import tsx --test scripts/org/localOrgPortfolio.test.ts
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce';
import { LocalOrg, runAsRequest, startLocalOrgServer } from '@keystone/local-org';
import type { LocalOrgServer } from '@keystone/local-org';
import { generatePortfolio } from '../data/sampleDataset.ts';
import { PROJECT_ROOT } from '../lib/projectPaths.ts';
import { jsforceConnection, queryAll } from './connection.ts';
import type { OrgConnection } from './connection.ts';
import { SCHEDULE_JOBS_APEX, expectationsFromProject, formatDoctor, runDoctor } from './doctor.ts';
import { formatStep, seedPortfolio } from './seed.ts';
import { seedPlan } from './seedPlan.ts';
import { SETUP_PERMISSION_SETS, userIdOf } from './setup.ts';

const PASSWORD = 'local-org';
const ADMIN = 'admin@local-org.invalid';
/** What `npm run org:seed` loads when given no --accounts. */
const portfolio = generatePortfolio({ accounts: 30 });

let org: LocalOrg;
let server: LocalOrgServer;
let connection: OrgConnection;
let adminId: string;

before(async () => {
    // The org's clock is the dataset's "today", as in the preview: the sample's dates are
    // relative to it (recency, due dates, the retention periods).
    org = new LocalOrg({ projectRoot: PROJECT_ROOT, now: new Date(`${portfolio.now}T17:00:00Z`) });
    server = await startLocalOrgServer({ org, password: PASSWORD });
    const login = new Connection({ loginUrl: server.url, version: '64.0' });
    await login.login(ADMIN, PASSWORD);
    connection = jsforceConnection({
        instanceUrl: server.url,
        accessToken: login.accessToken ?? '',
        apiVersion: '64.0',
    });
    adminId = await userIdOf(connection, ADMIN);
});

after(async () => {
    await server.close();
});

describe('the sample portfolio in a local org, through jsforce', () => {
    it("setup's permission-set and jobs steps, the whole seed, and a healthy doctor", async () => {
        // org:setup's "Permission sets" step: what `sf org assign permset` creates
        const sets = await queryAll<{ Id: string; Name: string }>(
            connection,
            `SELECT Id, Name FROM PermissionSet WHERE Name IN (${SETUP_PERMISSION_SETS.map((n) => `'${n}'`).join(', ')})`,
        );
        assert.equal(sets.length, SETUP_PERMISSION_SETS.length);
        const assigned = await connection.sobject('PermissionSetAssignment').create(
            sets.map((set) => ({ AssigneeId: adminId, PermissionSetId: set.Id })),
            { allOrNone: true },
        );
        assert.ok(assigned.every((result) => result.success));

        // org:setup's "Jobs" step runs scheduleJobs.apex with the CLI; its Apex, here as a request
        assert.match(
            readFileSync(join(PROJECT_ROOT, SCHEDULE_JOBS_APEX), 'utf8'),
            /KeystoneJobs\.scheduleAll\(\);/,
        );
        const jobs = org.findClass('KeystoneJobs');
        assert.ok(jobs, 'KeystoneJobs is loaded');
        runAsRequest(org, adminId, () => org.interpreter.callStatic(jobs, 'scheduleAll', []));

        const started = performance.now();
        const report = await seedPortfolio(connection, {
            portfolio,
            runningUserId: adminId,
            progress: (line) => console.log(`  ${line}`),
        });
        const seconds = (performance.now() - started) / 1000;
        const planned = seedPlan(portfolio).filter((step) => step.kind !== 'link');
        const rows = planned.reduce((total, step) => total + step.rows.length, 0);
        assert.equal(report.created, rows, 'every row of the plan was created');
        console.log(
            `  seed: ${report.created.toLocaleString('en-US')} records, ${report.updated} links, ${report.requests} requests, ${seconds.toFixed(1)} s`,
        );

        const lines = await runDoctor(connection, {
            expectations: expectationsFromProject(),
            targetOrg: 'local-org',
            now: new Date(org.now()),
        });
        console.log(formatDoctor(lines).replace(/^/gm, '  '));
        assert.deepEqual(
            lines
                .filter((line) => line.status !== 'OK')
                .map((line) => `${line.status} ${line.check}: ${line.detail}`),
            [],
            'every doctor line is OK',
        );
        const records = lines.find((line) => line.check === 'Records');
        const plans = planned.find((step) => step.sobject === 'AccountPlan__c')?.rows.length ?? 0;
        assert.match(records?.detail ?? '', new RegExp(`^30 accounts · ${plans} active plans`));
    });

    it('the triggers did their work: every active plan recomputed, system signals raised', async () => {
        const never = await connection.query(
            "SELECT COUNT() FROM AccountPlan__c WHERE Status__c = 'Active' AND LastRecomputedAt__c = null",
        );
        assert.equal(never.totalSize, 0);
        const integration = planStepRows('HealthSignal__c');
        const signals = await connection.query('SELECT COUNT() FROM HealthSignal__c');
        assert.ok(
            signals.totalSize > integration,
            `the recompute raised signals of its own (${signals.totalSize} signals, ${integration} loaded)`,
        );
    });

    it('reads as a real programme: net revenue retention around 100 %, never in the hundreds', async () => {
        const plans = await queryAll<{
            NetRevenueRetention__c: number | null;
            RetentionBand__c: string;
        }>(
            connection,
            "SELECT NetRevenueRetention__c, RetentionBand__c FROM AccountPlan__c WHERE Status__c = 'Active'",
        );
        const measured = plans
            .map((plan) => plan.NetRevenueRetention__c)
            .filter((nrr): nrr is number => nrr !== null)
            .sort((a, b) => a - b);
        assert.ok(
            measured.length >= plans.length - 2,
            `${measured.length} of ${plans.length} plans measured`,
        );
        const median = measured[Math.floor(measured.length / 2)] ?? 0;
        assert.ok(median >= 95 && median <= 115, `median net revenue retention ${median} %`);
        assert.ok(
            (measured[measured.length - 1] ?? 0) <= 140,
            `highest ${measured[measured.length - 1]} %`,
        );
        const typical = measured.filter((nrr) => nrr >= 80 && nrr <= 140).length;
        assert.ok(
            typical >= (measured.length * 2) / 3,
            `${typical} of ${measured.length} within 80–140 %`,
        );
        const bands = new Set(plans.map((plan) => plan.RetentionBand__c));
        for (const band of ['Healthy', 'Holding', 'Leaking']) {
            assert.ok(bands.has(band), `no plan in the band ${band}: ${[...bands].join(', ')}`);
        }
    });

    it('a second run creates nothing', async () => {
        const again = await seedPortfolio(connection, { portfolio, runningUserId: adminId });
        assert.equal(again.created, 0);
        assert.equal(again.updated, 0);
        for (const step of again.steps) assert.equal(step.created, 0, formatStep(step));
    });
});

function planStepRows(sobject: string): number {
    return seedPlan(portfolio)
        .filter((step) => step.sobject === sobject && step.kind !== 'link')
        .reduce((total, step) => total + step.rows.length, 0);
}

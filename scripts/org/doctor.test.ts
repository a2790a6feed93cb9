// The doctor against a fake jsforce-shaped org (testing/fakeOrg.ts): a healthy org passes, and
// each thing that can go wrong in an installed org is reported with its status and its fix —
// states a local org of this project cannot be put in (paused jobs, failed recompute jobs,
// missing metadata). A local org reported healthy: localOrgPortfolio.test.ts.
// What it expects comes from this repository (jobs, triggers, permission sets, Custom Metadata).
// Run: node --import tsx --test scripts/org/doctor.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatePortfolio } from '../data/sampleDataset.ts';
import { doctorExitCode, expectationsFromProject, formatDoctor, runDoctor } from './doctor.ts';
import type { DoctorLine, Expectations } from './doctor.ts';
import { seedPortfolio } from './seed.ts';
import type { FakeOrg } from './testing/fakeOrg.ts';
import { RUNNING_USER_ID, freshOrg } from './testing/orgState.ts';

const expectations: Expectations = expectationsFromProject();
const NOW = new Date('2026-11-26T12:00:00Z');
const ALIAS = 'keystone';

/** An org as `npm run org:setup` leaves it: deployed, seeded, recomputed, assigned, scheduled. */
async function healthyOrg(namespace = ''): Promise<FakeOrg> {
    const org = freshOrg(namespace);
    await seedPortfolio(org, {
        portfolio: generatePortfolio({ accounts: 4 }),
        runningUserId: RUNNING_USER_ID,
    });
    const plans = org.rows(namespace ? `${namespace}__AccountPlan__c` : 'AccountPlan__c');
    for (const plan of plans)
        plan[namespace ? `${namespace}__LastRecomputedAt__c` : 'LastRecomputedAt__c'] =
            NOW.toISOString();
    for (const name of expectations.permissionSets) {
        org.insert('PermissionSet', { Name: name, NamespacePrefix: namespace || null });
    }
    for (const name of ['KeystoneAdmin', 'KeystoneUser']) {
        org.insert('PermissionSetAssignment', {
            AssigneeId: RUNNING_USER_ID,
            Assignee: { Username: 'admin@keystone.scratch' },
            PermissionSet: { Name: name },
        });
    }
    for (const name of expectations.jobNames) {
        org.insert('CronTrigger', {
            CronJobDetail: { Name: name },
            State: 'WAITING',
            NextFireTime: '2026-11-27T05:00:00.000+0000',
        });
    }
    for (const name of expectations.triggers)
        org.insert('ApexTrigger', { Name: name, Status: 'Active' });
    return org;
}

async function doctor(org: FakeOrg): Promise<DoctorLine[]> {
    return runDoctor(org, { expectations, targetOrg: ALIAS, now: NOW });
}

function line(lines: DoctorLine[], check: string | RegExp): DoctorLine {
    const found = lines.find((entry) =>
        typeof check === 'string' ? entry.check === check : check.test(entry.check),
    );
    assert.ok(found, `no line ${String(check)} in\n${formatDoctor(lines)}`);
    return found;
}

describe('expectations come from the repository', () => {
    it('reads the jobs, triggers, permission sets and Custom Metadata Keystone ships', () => {
        assert.deepEqual(expectations.jobNames, [
            'Keystone governance cadence',
            'Keystone health history retention',
            'Keystone key-account selection',
            'Keystone recompute sweep',
        ]);
        assert.ok(expectations.triggers.includes('KeystoneAccountTrigger'));
        assert.ok(expectations.permissionSets.includes('KeystoneDataLoad'));
        assert.ok(expectations.customMetadata.get('KeystoneSetting__mdt')?.includes('Default'));
        assert.ok(expectations.asyncClasses.includes('RecomputeQueueable'));
    });
});

describe('a healthy org', () => {
    it('passes with every line OK and exit 0', async () => {
        const lines = await doctor(await healthyOrg());
        assert.deepEqual(
            lines.filter((entry) => entry.status !== 'OK'),
            [],
            formatDoctor(lines),
        );
        assert.equal(doctorExitCode(lines), 0);
        assert.match(
            line(lines, 'Records').detail,
            /4 accounts · \d+ active plans? · \d+ stakeholders/,
        );
        assert.match(formatDoctor(lines), /doctor: \d+ OK, 0 WARN, 0 FAIL$/);
    });

    it('passes for an installed, namespaced package too', async () => {
        const lines = await doctor(await healthyOrg('kstn'));
        assert.equal(line(lines, 'Keystone').detail, 'installed with namespace kstn');
        assert.equal(doctorExitCode(lines), 0, formatDoctor(lines));
    });
});

describe('what goes wrong is reported with its fix', () => {
    it('jobs not scheduled: FAIL, with the command that schedules them', async () => {
        const org = await healthyOrg();
        org.rows('CronTrigger').splice(0);
        const lines = await doctor(org);
        const job = line(lines, 'Job "Keystone recompute sweep"');
        assert.equal(job.status, 'FAIL');
        assert.equal(
            job.fix,
            'sf apex run --file scripts/org/apex/scheduleJobs.apex --target-org keystone (schedules whatever is missing)',
        );
        assert.equal(doctorExitCode(lines), 1);
        assert.match(
            formatDoctor(lines),
            /FAIL {4}Job "Keystone recompute sweep" +not scheduled\n +fix: sf apex run/,
        );
    });

    it('a paused job: WARN', async () => {
        const org = await healthyOrg();
        const first = org.rows('CronTrigger')[0];
        assert.ok(first);
        first.State = 'PAUSED';
        assert.equal(line(await doctor(org), /^Job /).status, 'WARN');
    });

    it('nobody holds Keystone Admin: FAIL; somebody holds Keystone Data Load: WARN', async () => {
        const org = await healthyOrg();
        const assignments = org.rows('PermissionSetAssignment');
        assignments.splice(0, 1);
        org.insert('PermissionSetAssignment', {
            AssigneeId: '005000000000002AAA',
            Assignee: { Username: 'loader@keystone.scratch' },
            PermissionSet: { Name: 'KeystoneDataLoad' },
        });
        const lines = await doctor(org);
        const admin = line(lines, 'Permission set KeystoneAdmin');
        assert.equal(admin.status, 'FAIL');
        assert.equal(admin.fix, 'sf org assign permset --name KeystoneAdmin --target-org keystone');
        const dataLoad = line(lines, 'Permission set KeystoneDataLoad');
        assert.equal(dataLoad.status, 'WARN');
        assert.match(
            dataLoad.detail,
            /1 user skip Keystone's recompute triggers: loader@keystone\.scratch/,
        );
    });

    it('Private accounts: a key account manager who cannot see their account is a WARN with the fix', async () => {
        const org = await healthyOrg();
        org.insert('Organization', { DefaultAccountAccess: 'None' });
        const managerId = org.insert('User', { Name: 'Jordan Diaz', IsActive: true });
        const plan = org.rows('AccountPlan__c').find((row) => row.Status__c === 'Active');
        assert.ok(plan, 'the seed makes an active plan');
        plan.KeyAccountManager__c = managerId;
        const account = org.rows('Account').find((row) => row.Id === plan.Account__c);
        assert.ok(account && account.OwnerId !== managerId, 'someone else owns the account');

        const blind = line(await doctor(org), 'Key account access');
        assert.equal(blind.status, 'WARN', formatDoctor([blind]));
        assert.equal(
            blind.detail,
            `accounts are Private and 1 key account manager cannot see an account they manage: Jordan Diaz → ${String(account.Name)}`,
        );
        assert.match(blind.fix ?? '', /Account Team .* make them its owner, or share it/);

        // Shared with the manager (account team, sharing rule …): the platform says so.
        org.insert('UserRecordAccess', {
            UserId: managerId,
            RecordId: account.Id,
            HasReadAccess: true,
        });
        const shared = line(await doctor(org), 'Key account access');
        assert.equal(shared.status, 'OK', shared.detail);
        assert.match(shared.detail, /accounts are Private; the 1 key account manager not owning/);
    });

    it('accounts readable org-wide: every manager sees their accounts', async () => {
        const org = await healthyOrg();
        org.insert('Organization', { DefaultAccountAccess: 'Read' });
        const result = line(await doctor(org), 'Key account access');
        assert.equal(result.status, 'OK');
        assert.match(result.detail, /accounts are Read for everyone/);
    });

    it('an inactive or missing trigger: FAIL naming it', async () => {
        const org = await healthyOrg();
        const triggers = org.rows('ApexTrigger');
        const contact = triggers.find((row) => row.Name === 'KeystoneContactTrigger');
        assert.ok(contact);
        contact.Status = 'Inactive';
        triggers.splice(
            triggers.findIndex((row) => row.Name === 'StakeholderTrigger'),
            1,
        );
        const result = line(await doctor(org), 'Triggers');
        assert.equal(result.status, 'FAIL');
        assert.equal(
            result.detail,
            'not active: KeystoneContactTrigger (Inactive); missing: StakeholderTrigger',
        );
    });

    it('Custom Metadata: the Default setting missing is a FAIL, another record a WARN', async () => {
        const org = await healthyOrg();
        const settings = org.rows('KeystoneSetting__mdt');
        settings.splice(0);
        settings.push({ Id: 'm00000000000001AAA', DeveloperName: 'Custom' });
        const bands = org.rows('HealthBand__mdt');
        bands.splice(0, 1);
        const lines = await doctor(org);
        assert.equal(line(lines, 'Custom Metadata KeystoneSetting__mdt').status, 'FAIL');
        const band = line(lines, 'Custom Metadata HealthBand__mdt');
        assert.equal(band.status, 'WARN');
        assert.match(band.detail, /missing what Keystone ships: \w+/);
    });

    it('a recompute backlog: WARN while the sweep runs, FAIL without it; failed jobs are listed', async () => {
        const org = await healthyOrg();
        const plan = org.rows('AccountPlan__c')[0];
        assert.ok(plan);
        plan.RecomputePending__c = true;
        org.insert('AsyncApexJob', {
            ApexClass: { Name: 'RecomputeQueueable' },
            Status: 'Failed',
            ExtendedStatus: 'First error: UNABLE_TO_LOCK_ROW',
            CompletedDate: '2026-11-25T08:00:00.000+0000',
        });
        org.insert('AsyncApexJob', {
            ApexClass: { Name: 'RecomputeQueueable' },
            Status: 'Failed',
            ExtendedStatus: 'long ago',
            CompletedDate: '2026-10-01T08:00:00.000+0000',
        });
        let lines = await doctor(org);
        assert.equal(line(lines, 'Recompute backlog').status, 'WARN');
        assert.match(line(lines, 'Recompute backlog').detail, /^1 account wait/);
        const errors = line(lines, 'Recompute errors');
        assert.equal(errors.status, 'WARN');
        assert.match(errors.detail, /UNABLE_TO_LOCK_ROW/);
        assert.doesNotMatch(errors.detail, /long ago/, 'only the last seven days');
        org.rows('CronTrigger').splice(0);
        lines = await doctor(org);
        assert.equal(line(lines, 'Recompute backlog').status, 'FAIL');
    });

    it('plans never recomputed and an org without key accounts: WARN', async () => {
        const org = await healthyOrg();
        for (const plan of org.rows('AccountPlan__c')) plan.LastRecomputedAt__c = null;
        assert.equal(line(await doctor(org), 'Never recomputed').status, 'WARN');
        org.rows('AccountPlan__c').splice(0);
        const records = line(await doctor(org), 'Records');
        assert.equal(records.status, 'WARN');
        assert.equal(records.fix?.startsWith('npm run org:seed -- --target-org keystone'), true);
    });

    it('an org without Keystone: one FAIL line', async () => {
        const { FakeOrg } = await import('./testing/fakeOrg.ts');
        const lines = await doctor(new FakeOrg(new Map()));
        assert.equal(lines.length, 1);
        assert.equal(lines[0]?.status, 'FAIL');
        assert.equal(doctorExitCode(lines), 1);
    });
});

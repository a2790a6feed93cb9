// Proof that npm test's apex-tests check can fail (issue 15, "Done when"): in a temporary copy of the project a product rule
// is broken on purpose, and the Apex test that guards it must fail, by name. Each mutation
// first checks that the source held the text exactly once, so a moved line cannot make the
// proof vacuous.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LocalOrg, metadataFiles, runApexTests } from '@keystone/local-org';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A copy of the project's Apex sources (sfdx-project.json and force-app) to break. */
function copyProject(): string {
    const dir = mkdtempSync(join(tmpdir(), 'apex-tests-proof-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(PROJECT_ROOT, 'sfdx-project.json'), join(dir, 'sfdx-project.json'));
    cpSync(join(PROJECT_ROOT, 'force-app'), join(dir, 'force-app'), {
        recursive: true,
        filter: (src) => !src.split('/').includes('lwc'),
    });
    // the unpackaged directory that makes accounts Private, as apex-tests runs the project
    cpSync(join(PROJECT_ROOT, 'config', 'test-org'), join(dir, 'config', 'test-org'), {
        recursive: true,
    });
    return dir;
}

function classFile(project: string, className: string): string {
    const file = metadataFiles(project, 'classes', '.cls').find((f) =>
        f.endsWith(`/${className}.cls`),
    );
    assert.ok(file, `${className}.cls exists in the copy`);
    return file;
}

/** Replaces exactly one occurrence of `from` in the class `className`. */
function mutate(project: string, className: string, from: string, to: string): void {
    const file = classFile(project, className);
    const source = readFileSync(file, 'utf8');
    assert.equal(source.split(from).length - 1, 1, `${className}.cls holds the text exactly once`);
    writeFileSync(file, source.replace(from, to));
}

/** Adds a test class next to an existing class of the copy. */
function addClass(project: string, besides: string, name: string, source: string): void {
    const dir = dirname(classFile(project, besides));
    writeFileSync(join(dir, `${name}.cls`), source);
    writeFileSync(
        join(dir, `${name}.cls-meta.xml`),
        '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>64.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n',
    );
}

/**
 * Outcome per test method (`Class.method` → 'pass' or the failure message); with a namespace,
 * in namespace mode (apex-tests-namespaced).
 */
function outcomes(project: string, classes: string[], namespace?: string): Map<string, string> {
    const run = runApexTests(new LocalOrg({ projectRoot: project, namespace }), { classes });
    return new Map(
        run.results.map((r) => [
            `${r.className}.${r.methodName}`,
            r.outcome === 'pass' ? 'pass' : (r.message ?? r.outcome),
        ]),
    );
}

/**
 * Keystone's own suite does not notice this mutation: its moved-contact test
 * (RecomputeService_Tests.contactReparentingOf200MarksStakeholdersLeftWithinBudget) moves 200
 * contacts round a ring of key accounts, so every old account is also a new account and is
 * recomputed anyway. The probe below moves a champion from a key account to an account without
 * a plan — the case the line exists for — and is what the proof runs (report: a product test is
 * missing).
 */
const CONTACT_MOVE_PROBE = `@IsTest
private class ContactMoveProbe_Tests {
    @IsTest
    static void movedContactLeavesItsOldKeyAccount() {
        KeystoneTriggers.bypassAll(RecomputeService.WRITTEN_OBJECTS);
        Account oldAccount = TestDataFactory.newAccount('Old key account', null);
        Account newAccount = TestDataFactory.newAccount('Not a key account', null);
        insert new List<Account>{ oldAccount, newAccount };
        insert TestDataFactory.withActivePlanKey(TestDataFactory.newPlan(oldAccount.Id, 'Active'));
        Contact mover = TestDataFactory.newContact(oldAccount.Id, 'Mover');
        insert mover;
        insert TestDataFactory.withStakeholderKey(
            TestDataFactory.newStakeholder(oldAccount.Id, mover.Id, 'Champion')
        );
        KeystoneTriggers.clearAllBypasses();
        Test.startTest();
        mover.AccountId = newAccount.Id;
        update mover;
        Test.stopTest();
        Assert.isTrue(
            [SELECT LeftCompany__c FROM Stakeholder__c WHERE Contact__c = :mover.Id].LeftCompany__c,
            'the champion who moved has left the old key account'
        );
    }
}
`;

const PROBE = 'ContactMoveProbe_Tests.movedContactLeavesItsOldKeyAccount';

test('apex-tests fails by name when the old account of a moved contact is no longer recomputed', () => {
    const intact = copyProject();
    addClass(intact, 'ContactTriggerHandler', 'ContactMoveProbe_Tests', CONTACT_MOVE_PROBE);
    assert.equal(outcomes(intact, ['ContactMoveProbe_Tests']).get(PROBE), 'pass');

    const broken = copyProject();
    addClass(broken, 'ContactTriggerHandler', 'ContactMoveProbe_Tests', CONTACT_MOVE_PROBE);
    mutate(broken, 'ContactTriggerHandler', '            accountIds.add(old.AccountId);\n', '');
    assert.equal(
        outcomes(broken, ['ContactMoveProbe_Tests']).get(PROBE),
        'System.AssertException: Assertion Failed: the champion who moved has left the old key account: Expected: true, Actual: false',
    );
});

test('apex-tests fails by name when the relationship map reads lose WITH USER_MODE', () => {
    const broken = copyProject();
    // the two Keystone-object queries getRelationshipMap makes; with only the first one
    // changed, the second still refuses the user (defence in depth, so the test keeps passing)
    mutate(
        broken,
        'StakeholderSelector',
        '            WITH USER_MODE\n            ORDER BY Name, Id',
        '            ORDER BY Name, Id',
    );
    mutate(broken, 'AccountPlanSelector', '            WITH USER_MODE\n', '');
    const results = outcomes(broken, ['RelationshipMapController_Tests']);
    assert.equal(
        results.get(
            'RelationshipMapController_Tests.getRelationshipMapWithoutThePermissionSetExplainsWhy',
        ),
        'System.AssertException: Assertion Failed: a user without Keystone access must not read the map',
    );
});

test('apex-tests fails by name when a controller writes signals in system mode without sharing instead of user mode', () => {
    const broken = copyProject();
    // Two guards keep an outsider off a signal: user mode (object and field permissions) and
    // the controller's with sharing (signals are Private): the test fails once both are gone.
    mutate(
        broken,
        'AccountHealthController',
        '                AccessLevel.USER_MODE\n            );',
        '                AccessLevel.SYSTEM_MODE\n            );',
    );
    mutate(
        broken,
        'AccountHealthController',
        'public with sharing class AccountHealthController',
        'public without sharing class AccountHealthController',
    );
    const results = outcomes(broken, ['AccountHealthController_Tests']);
    assert.equal(
        results.get('AccountHealthController_Tests.signalActionsWithoutAccessFailWithAMessage'),
        'System.AssertException: Assertion Failed: a user without Keystone access cannot resolve signals',
    );
});

test('apex-tests fails by name when new Keystone records are not shared with the account team', () => {
    const broken = copyProject();
    mutate(
        broken,
        'AccountTeamSharing',
        '            toInsert.addAll(sharesToAdd(record, wantedFor(record, teams), new Set<Id>()));\n',
        '',
    );
    const results = outcomes(broken, ['AccountTeamSharing_Tests']);
    assert.equal(
        results.get('AccountTeamSharing_Tests.keyAccountManagerReadsTheAccountsRecords'),
        'System.AssertException: Assertion Failed: the plan team sees every stakeholder: Expected: 3, Actual: 0',
    );
});

// apex-tests-namespaced (issue 19): a name a prefix would break, planted in a copy of Keystone's
// Apex, passes the plain run and fails the namespaced run by name. The namespaced run reads the
// namespace from the copy's sfdx-project.json, as the check does.
const NAMESPACE = (
    JSON.parse(readFileSync(join(PROJECT_ROOT, 'sfdx-project.json'), 'utf8')) as {
        namespace: string;
    }
).namespace;

function namespacedProof(
    plantIn: string,
    from: string,
    to: string,
    testClass: string,
    testMethod: string,
    construct: RegExp,
): void {
    const planted = copyProject();
    mutate(planted, plantIn, from, to);
    const name = `${testClass}.${testMethod}`;
    assert.equal(outcomes(planted, [testClass]).get(name), 'pass', 'the plain run does not notice');
    const namespaced = outcomes(planted, [testClass], NAMESPACE).get(name) ?? 'did not run';
    assert.match(namespaced, construct);
}

/** The local org's fence naming the construct: `namespace mode (kstn): <construct> …`. */
function fence(construct: string): RegExp {
    return new RegExp(`^namespace mode \\(${NAMESPACE}\\): ${construct}`);
}

test('apex-tests-namespaced fails by name on an unqualified field name in SObject.put', () => {
    namespacedProof(
        'AccountTeamSharing',
        '        record.put(accountFieldOf(record), accountId);',
        "        record.put('Account__c', accountId);",
        'AccountTeamSharing_Tests',
        'sharesAreGroupedByObject',
        fence("SObject\\.put\\('Account__c'\\)"),
    );
});

test('apex-tests-namespaced fails by name on an unqualified Schema.getGlobalDescribe() lookup', () => {
    namespacedProof(
        'AccountTeamSharing',
        '        if (type == Schema.AccountPlan__c.SObjectType) {',
        "        if (type == Schema.getGlobalDescribe().get('AccountPlan__c')) {",
        'AccountTeamSharing_Tests',
        'keyAccountManagerReadsTheAccountsRecords',
        fence("Schema\\.getGlobalDescribe\\(\\) lookup names 'AccountPlan__c'"),
    );
});

test('apex-tests-namespaced fails by name on an unqualified JSON key of an SObject', () => {
    namespacedProof(
        'HealthHistory_Tests',
        '                snapshotsRelationship(),',
        "                'HealthSnapshots__r',",
        'HealthHistory_Tests',
        'aReviewDayAlwaysHasASnapshotThatStaysAReview',
        fence(`JSON\\.deserialize into ${NAMESPACE}__AccountPlan__c names 'HealthSnapshots__r'`),
    );
});

test('apex-tests-namespaced fails by name on an unqualified field in dynamic describe (fields.getMap())', () => {
    namespacedProof(
        'AccountTeamSharing',
        '        record.put(accountFieldOf(record), accountId);',
        "        record.put(record.getSObjectType().getDescribe().fields.getMap().get('Account__c'), accountId);",
        'AccountTeamSharing_Tests',
        'sharesAreGroupedByObject',
        fence("\\w+ fields\\.getMap\\(\\) lookup names 'Account__c'"),
    );
});

test('apex-tests-namespaced fails by name when DML errors are keyed by local field names', () => {
    // the page places an error by the API name its @salesforce/schema import carries, which is
    // kstn__RevenueTarget__c once the package is namespaced
    namespacedProof(
        'KeystoneUiErrors',
        '                String fieldName = field.getDescribe().getName();',
        '                String fieldName = field.getDescribe().getLocalName();',
        'AccountPlanController_Tests',
        'savePlanSurfacesValidationRulesPerField',
        /^System\.AssertException: Assertion Failed: The message sits beside the revenue target: .*"RevenueTarget__c"/,
    );
});

// Each Apex gate is shown failing on a deliberately broken file and passing on a clean one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../lib/projectPaths.ts';
import { analyseApex, isBlocking } from './apexStaticAnalysis.ts';
import { isBlockingIssue, typeCheckProject } from './apexTypeCheck.ts';

const CLASS_META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>64.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

const CLEAN_CLASS = `public with sharing class ContactCounter {
    public static Map<Id, Integer> countByAccount(Set<Id> accountIds) {
        Map<Id, Integer> counts = new Map<Id, Integer>();
        for (Contact person : [
            SELECT Id, AccountId
            FROM Contact
            WHERE AccountId IN :accountIds
            WITH USER_MODE
        ]) {
            Integer current = counts.containsKey(person.AccountId)
                ? counts.get(person.AccountId)
                : 0;
            counts.put(person.AccountId, current + 1);
        }
        return counts;
    }
}
`;

const QUERY_IN_LOOP_CLASS = `public without sharing class ContactToucher {
    public static void touch(List<Account> accounts) {
        for (Account account : accounts) {
            List<Contact> people = [SELECT Id FROM Contact WHERE AccountId = :account.Id];
            update people;
        }
    }
}
`;

const TYPE_ERROR_CLASS = `public with sharing class Broken {
    public static Integer run() {
        Account account = new Account(NoSuchField__c = 1);
        String text = 5;
        return Missing.call();
    }
}
`;

function projectWith(classes: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'apex-gate-'));
    copyFileSync(join(PROJECT_ROOT, 'sfdx-project.json'), join(root, 'sfdx-project.json'));
    const classDir = join(root, 'force-app', 'main', 'default', 'classes');
    mkdirSync(classDir, { recursive: true });
    for (const [name, body] of Object.entries(classes)) {
        writeFileSync(join(classDir, `${name}.cls`), body);
        writeFileSync(join(classDir, `${name}.cls-meta.xml`), CLASS_META);
    }
    return root;
}

test('PMD gate: SOQL and DML in a loop, missing CRUD checks and without sharing all fail', () => {
    const root = projectWith({ ContactToucher: QUERY_IN_LOOP_CLASS });
    const rules = analyseApex([root])
        .filter(isBlocking)
        .map((finding) => finding.rule);
    assert.ok(rules.includes('OperationWithLimitsInLoop'), rules.join(', '));
    assert.ok(rules.includes('ApexCRUDViolation'), rules.join(', '));
    assert.ok(rules.includes('KeystoneAvoidWithoutSharing'), rules.join(', '));
});

test('PMD gate: a bulk, user-mode, with-sharing class passes', () => {
    const root = projectWith({ ContactCounter: CLEAN_CLASS });
    assert.deepEqual(analyseApex([root]).filter(isBlocking), []);
});

test('apex-ls gate: unknown field, bad assignment and unknown class fail', () => {
    const root = projectWith({ Broken: TYPE_ERROR_CLASS });
    const messages = typeCheckProject(root)
        .issues.filter(isBlockingIssue)
        .map((issue) => issue.message);
    assert.ok(
        messages.some((message) => message.includes("Unknown field 'NoSuchField__c'")),
        messages.join('\n'),
    );
    assert.ok(
        messages.some((message) => message.includes('Incompatible types')),
        messages.join('\n'),
    );
    assert.ok(
        messages.some((message) => message.includes("'Missing'")),
        messages.join('\n'),
    );
});

test('apex-ls gate: a correct class passes', () => {
    const root = projectWith({ ContactCounter: CLEAN_CLASS });
    const result = typeCheckProject(root);
    assert.deepEqual(result.issues.filter(isBlockingIssue), []);
    assert.equal(result.exitCode, 0);
});

function prettierCheck(file: string): { status: number; output: string } {
    const run = spawnSync(
        join(PROJECT_ROOT, 'node_modules', '.bin', 'prettier'),
        ['--config', join(PROJECT_ROOT, '.prettierrc.json'), '--check', file],
        { cwd: PROJECT_ROOT, encoding: 'utf8' },
    );
    return { status: run.status ?? 1, output: `${run.stdout}${run.stderr}` };
}

test('prettier-apex gate: an Apex file that does not parse fails', () => {
    const root = projectWith({
        Unparseable: 'public with sharing class Unparseable {\n    void run( {\n}\n',
    });
    const result = prettierCheck(
        join(root, 'force-app', 'main', 'default', 'classes', 'Unparseable.cls'),
    );
    assert.notEqual(result.status, 0);
    assert.match(result.output, /Unparseable\.cls/);
});

test('prettier-apex gate: a formatted Apex file passes', () => {
    const root = projectWith({ ContactCounter: CLEAN_CLASS });
    const result = prettierCheck(
        join(root, 'force-app', 'main', 'default', 'classes', 'ContactCounter.cls'),
    );
    assert.equal(result.status, 0, result.output);
});

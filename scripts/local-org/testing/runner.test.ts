// The test runner's hooks for volume tests: data the org already holds (a seeder, run with the
// bulk loader before an @IsTest(SeeAllData=true) class, outside any transaction) and the
// System.debug lines a test method writes (the CLI prints them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LocalOrg } from '../runtime/org.ts';
import { projectWith } from '../runtime/testSupport.ts';
import { runApexTests } from './runner.ts';
import type { Seeder, TestResult } from './runner.ts';

const SEEDED = `@IsTest(SeeAllData=true)
private class Seeded_Tests {
    @IsTest
    static void seesTheRowsTheOrgHolds() {
        Integer rows = [SELECT COUNT() FROM Widget__c WHERE Name LIKE 'Seeded %'];
        System.debug('seeded rows ' + rows + ', queries ' + Limits.getQueries());
        System.debug(LoggingLevel.INFO, 'rows read ' + Limits.getQueryRows());
        Assert.areEqual(3000, rows, 'the seeded rows are there before the method');
        insert new Widget__c(Name = 'Seeded extra');
    }
    @IsTest
    static void keepsTheHistoryTheRowsCarry() {
        Task call = [SELECT IsClosed, CompletedDateTime FROM Task WHERE Subject = 'Seeded call'];
        Assert.isTrue(call.IsClosed, 'a completed task is closed');
        Assert.areEqual(
            System.now().addDays(-30).getTime(),
            call.CompletedDateTime.getTime(),
            'completed a month before the clock of the org, as loaded'
        );
    }
    @IsTest
    static void startsFromTheSeededDataAgain() {
        Assert.areEqual(
            3000,
            [SELECT COUNT() FROM Widget__c WHERE Name LIKE 'Seeded %'],
            'what an earlier method inserted is gone; the seeded rows stay'
        );
    }
}`;

const ISOLATED = `@IsTest
private class Isolated_Tests {
    @IsTest
    static void cannotSeeSeededRows() {
        Assert.areEqual(0, [SELECT COUNT() FROM Widget__c]);
    }
}`;

const seedWidgets: Seeder = (loader) => {
    const ids = loader.loadRecords(
        'Widget__c',
        Array.from({ length: 3000 }, (_v, i) => ({ Name: `Seeded ${i}` })),
    );
    assert.equal(ids.length, 3000);
    // history dated from the org's clock: a task completed a month before "now" keeps that time
    const monthAgo = new Date(loader.now.getTime() - 30 * 86400000).toISOString();
    loader.loadRecords('Task', [
        { Subject: 'Seeded call', Status: 'Completed', CompletedDateTime: monthAgo },
    ]);
};

function byName(results: TestResult[]): Map<string, TestResult> {
    return new Map(results.map((r) => [`${r.className}.${r.methodName}`, r]));
}

test('a seeder loads rows before a SeeAllData class, outside its transactions; they go afterwards', () => {
    const org = new LocalOrg({
        projectRoot: projectWith({ Seeded_Tests: SEEDED, Isolated_Tests: ISOLATED }),
    });
    const run = runApexTests(org, {
        classes: ['Seeded_Tests', 'Isolated_Tests'],
        seeders: new Map([['seeded_tests', seedWidgets]]),
    });
    const results = byName(run.results);
    const first = results.get('Seeded_Tests.seesTheRowsTheOrgHolds');
    assert.equal(first?.outcome, 'pass', first?.message ?? '');
    // the seeded rows cost the test nothing but the rows its own query reads
    assert.deepEqual(first?.debug, ['seeded rows 3000, queries 1', 'rows read 1']);
    assert.equal(results.get('Seeded_Tests.startsFromTheSeededDataAgain')?.outcome, 'pass');
    const history = results.get('Seeded_Tests.keepsTheHistoryTheRowsCarry');
    assert.equal(history?.outcome, 'pass', history?.message ?? '');
    assert.equal(results.get('Isolated_Tests.cannotSeeSeededRows')?.outcome, 'pass');
    assert.equal(
        org.data.db.loadRecords('Widget__c', []).length,
        0,
        'the loader still works after the run',
    );
});

test('a seeder of a class without SeeAllData=true fails every method with the reason', () => {
    const org = new LocalOrg({ projectRoot: projectWith({ Isolated_Tests: ISOLATED }) });
    const run = runApexTests(org, {
        classes: ['Isolated_Tests'],
        seeders: new Map([['isolated_tests', seedWidgets]]),
    });
    assert.equal(run.results[0]?.outcome, 'fail');
    assert.match(
        run.results[0]?.message ?? '',
        /seeder of Isolated_Tests: seeded rows are visible only to @IsTest\(SeeAllData=true\) classes/,
    );
});

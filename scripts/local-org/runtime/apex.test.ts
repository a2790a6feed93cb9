// General Apex the local org must run beyond what Keystone uses: @future methods, custom
// Iterables in for loops, hierarchy custom settings. Each case names the page it follows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgWith, runInTest } from './testSupport.ts';

const org = orgWith({
    G: `public class G {
    public static List<String> log = new List<String>();
    @future
    public static void later(String label) {
        log.add('future ' + label + ' ' + System.isFuture());
        insert new Widget__c(Name = label);
    }
    public static Object future() {
        Test.startTest();
        later('one');
        log.add('queued ' + Limits.getFutureCalls());
        Test.stopTest();
        log.add('saved ' + [SELECT COUNT() FROM Widget__c WHERE Name = 'one']);
        return log;
    }
    public class Countdown implements Iterable<Integer>, Iterator<Integer> {
        Integer n;
        public Countdown(Integer n) { this.n = n; }
        public Iterator<Integer> iterator() { return this; }
        public Boolean hasNext() { return n > 0; }
        public Integer next() { return n--; }
    }
    public static Object iterables() {
        List<Integer> seen = new List<Integer>();
        for (Integer i : new Countdown(3)) seen.add(i);
        return seen;
    }
    public static Object customSettings() {
        Config__c before = Config__c.getInstance();
        insert new Config__c(SetupOwnerId = UserInfo.getOrganizationId(), Level__c = 1, Mode__c = 'org');
        insert new Config__c(SetupOwnerId = UserInfo.getUserId(), Level__c = 3);
        Config__c mine = Config__c.getInstance();
        Config__c org = Config__c.getOrgDefaults();
        return new List<Object>{ before.Id, before.Level__c, mine.Level__c, mine.Mode__c, org.Level__c, Limits.getQueries() };
    }
}`,
});

test('Apex Developer Guide: Future Methods — queued, run at stopTest in a future context', () => {
    assert.deepEqual(runInTest(org, 'G', 'future'), ['queued 1', 'future one true', 'saved 1']);
});

test('Apex Developer Guide: Custom Iterators — a for loop over an Iterable', () => {
    assert.deepEqual(runInTest(org, 'G', 'iterables'), [3, 2, 1]);
});

test('Apex Reference: Hierarchy Custom Setting Methods — getInstance merges user and org values; getOrgDefaults; no SOQL counted', () => {
    assert.deepEqual(runInTest(org, 'G', 'customSettings'), [null, null, 3, 'org', 1, 0]);
});

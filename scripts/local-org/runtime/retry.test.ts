// A partial-success retry (Apex Developer Guide, Bulk DML Exception Handling) rolls back the
// first attempt: its rows, its governor counts and the async work it queued (Queueable Apex: "If
// an Apex transaction rolls back, any queueable jobs queued for execution by the transaction
// aren't processed"); the retry's triggers queue their work again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgWith, runInTest } from './testSupport.ts';

const org = orgWith({
    R: `public class R {
    public static Object retriedJob() {
        Test.startTest();
        List<Database.SaveResult> results = Database.insert(
            new List<Widget__c>{ new Widget__c(Name = 'queue'), new Widget__c(Name = 'reject') },
            false
        );
        Integer queued = Limits.getQueueableJobs();
        Test.stopTest();
        return new List<Object>{
            results[0].isSuccess(),
            results[1].isSuccess(),
            queued,
            [SELECT COUNT() FROM Widget__c WHERE Name = 'from job']
        };
    }
}`,
});

test("Bulk DML Exception Handling: the retried attempt queues its job again; the rolled-back attempt's job does not run", () => {
    assert.deepEqual(runInTest(org, 'R', 'retriedJob'), [true, false, 1, 1]);
});

// DML in Apex over the local org: triggers with the Trigger context, addError, DmlException,
// Database.* results, savepoints and governor limits. Each case names the Apex Developer
// Guide / Apex Reference page it follows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgWith, runInTest } from './testSupport.ts';

const org = orgWith({
    T: `public class T {
    public static Object triggerContext() {
        List<Widget__c> ws = new List<Widget__c>{ new Widget__c(Name = 'a'), new Widget__c(Name = 'b') };
        insert ws;
        return new List<Object>{ WidgetTriggerHandler.events, WidgetTriggerHandler.afterInsertRows, ws[0].Id != null, ws[0].Stamp__c };
    }
    public static Object addErrorFailsTheStatement() {
        List<Widget__c> ws = new List<Widget__c>{ new Widget__c(Name = 'ok'), new Widget__c(Name = 'reject') };
        try {
            insert ws;
        } catch (DmlException e) {
            return new List<Object>{ e.getMessage(), e.getNumDml(), e.getDmlIndex(0), String.valueOf(e.getDmlType(0)), e.getDmlMessage(0), ws[0].Id };
        }
        return null;
    }
    public static Object partialSuccess() {
        List<Database.SaveResult> results = Database.insert(new List<Widget__c>{ new Widget__c(Name = 'ok'), new Widget__c(Name = 'reject') }, false);
        return new List<Object>{ results[0].isSuccess(), results[1].isSuccess(), results[1].getErrors()[0].getMessage(), String.valueOf(results[1].getErrors()[0].getStatusCode()) };
    }
    public static Object validationRuleField() {
        try {
            insert new Widget__c(Name = 'n', Count__c = -1);
        } catch (DmlException e) {
            return new List<Object>{ e.getDmlFieldNames(0), e.getDmlFields(0), e.getDmlMessage(0) };
        }
        return null;
    }
    public static Object triggerException() {
        try {
            insert new Widget__c(Name = 'boom');
        } catch (DmlException e) {
            return e.getMessage();
        }
        return null;
    }
    public static Object savepointRollback() {
        Savepoint sp = Database.setSavepoint();
        Widget__c w = new Widget__c(Name = 'temporary');
        insert w;
        Integer statements = Limits.getDmlStatements();
        Database.rollback(sp);
        return new List<Object>{ statements, Limits.getDmlStatements(), w.Id != null };
    }
    public static Object limitIsUncatchable() {
        try {
            for (Integer i = 0; i < 151; i++) {
                insert new Widget__c(Name = 'w' + i);
            }
        } catch (Exception e) {
            return 'caught';
        }
        return 'not reached';
    }
    public static Object afterTriggerRowsAreReadOnly() {
        insert new Widget__c(Name = 'after-write');
        return WidgetTriggerHandler.events;
    }
    public static Object customMetadata() {
        Integer queries = Limits.getQueries();
        Setting__mdt setting = Setting__mdt.getInstance('Default');
        Map<String, Setting__mdt> all = Setting__mdt.getAll();
        return new List<Object>{ setting.Threshold__c, all.keySet(), Setting__mdt.getInstance('Missing'), Limits.getQueries() - queries };
    }
    public static Object customMetadataIsReadOnly() {
        Setting__mdt setting = Setting__mdt.getInstance('Default');
        try {
            setting.Threshold__c = 1;
        } catch (Exception e) {
            return 'caught';
        }
        return 'changed';
    }
    public static Object startTestGivesFreshLimits() {
        insert new Widget__c(Name = 'before');
        Integer before = Limits.getDmlStatements();
        Test.startTest();
        Integer inside = Limits.getDmlStatements();
        insert new Widget__c(Name = 'inside');
        Integer insideAfter = Limits.getDmlStatements();
        Test.stopTest();
        return new List<Integer>{ before, inside, insideAfter, Limits.getDmlStatements() };
    }
}`,
});

test('Apex Developer Guide: Trigger Context Variables — Trigger.new typed, operationType and size; before-insert changes saved, Ids written back', () => {
    assert.deepEqual(runInTest(org, 'T', 'triggerContext'), [
        ['BEFORE_INSERT:2', 'AFTER_INSERT:2'],
        2,
        true,
        null,
    ]);
});

test('Apex Developer Guide: Adding and Retrieving Trigger Errors — addError fails the all-or-none statement with FIELD_CUSTOM_VALIDATION_EXCEPTION', () => {
    assert.deepEqual(runInTest(org, 'T', 'addErrorFailsTheStatement'), [
        'Insert failed. First exception on row 1; first error: FIELD_CUSTOM_VALIDATION_EXCEPTION, Rejected by the trigger.: []',
        1,
        1,
        'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        'Rejected by the trigger.',
        null,
    ]);
});

test('Apex Reference: Database Class — insert(records, false) saves the good rows and reports the bad one', () => {
    assert.deepEqual(runInTest(org, 'T', 'partialSuccess'), [
        true,
        false,
        'Rejected by the trigger.',
        'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    ]);
});

test('Apex Reference: DmlException Class — getDmlFieldNames / getDmlFields name the validation rule field', () => {
    assert.deepEqual(runInTest(org, 'T', 'validationRuleField'), [
        ['Count__c'],
        ['Count__c'],
        'Count cannot be negative.',
    ]);
});

test('Apex Developer Guide: Triggers and Bulk Requests — an exception in a trigger reaches the caller as a DmlException naming the trigger and event', () => {
    const message = runInTest(org, 'T', 'triggerException') as string;
    assert.match(
        message,
        /^Insert failed\. First exception on row 0; first error: CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, WidgetTrigger: execution of BeforeInsert\n\ncaused by: System\.NullPointerException: Attempt to de-reference a null object\n\nClass\.WidgetTriggerHandler\.handle: line 15, column 21\nTrigger\.WidgetTrigger: line 10, column 5: \[\]$/,
    );
});

test('Apex Developer Guide: Transaction Control — setSavepoint and rollback count as DML statements; Ids stay on the records', () => {
    assert.deepEqual(runInTest(org, 'T', 'savepointRollback'), [2, 3, true]);
});

test('Apex Developer Guide: Execution Governors and Limits — the 151st DML statement throws a LimitException no catch block stops', () => {
    assert.equal(
        runInTest(org, 'T', 'limitIsUncatchable'),
        'System.LimitException: Too many DML statements: 151',
    );
});

test('Apex Reference: Test Class — startTest gives a fresh set of limits; stopTest restores the earlier ones', () => {
    assert.deepEqual(runInTest(org, 'T', 'startTestGivesFreshLimits'), [1, 0, 1, 1]);
});

test('Apex Developer Guide: Triggers — rows of an after trigger are read-only (FinalException)', () => {
    assert.deepEqual(runInTest(org, 'T', 'afterTriggerRowsAreReadOnly'), [
        'BEFORE_INSERT:1',
        'AFTER_INSERT:1',
        'read-only: Record is read-only',
    ]);
});

test('Apex Reference: Custom Metadata Types — getInstance/getAll cost no SOQL; their records cannot be changed (uncatchable)', () => {
    assert.deepEqual(runInTest(org, 'T', 'customMetadata'), [50, ['Default'], null, 0]);
    assert.equal(
        runInTest(org, 'T', 'customMetadataIsReadOnly'),
        'System.FinalException: Record is read-only',
    );
});

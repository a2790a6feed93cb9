// Platform APIs of the local org that need no SOQL: JSON, Schema describe and tokens, UserInfo
// and time zones, async Apex at Test.stopTest(), Aura invocation. Each case names the page of
// the Apex Reference / Developer Guide it follows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invokeAura, invokeInvocable } from './aura.ts';
import { orgWith, runInTest } from './testSupport.ts';

const org = orgWith({
    T: `public class T {
    public class Item {
        public String name;
        public Decimal amount;
        public Date due;
        public List<Integer> counts;
    }
    public static Object jsonSObject() {
        Account a = new Account(Name = 'Acme', AnnualRevenue = 2.50);
        Map<String, Object> m = new Map<String, Object>{ 'when' => Datetime.newInstanceGmt(2024, 1, 2, 3, 4, 5), 'record' => a, 'n' => null };
        return JSON.serialize(m);
    }
    public static Object jsonPretty() {
        return JSON.serializePretty(new Map<String, Object>{ 'a' => 1, 'b' => new List<Integer>{ 1, 2 }, 'c' => new Map<String, Object>() });
    }
    public static Object jsonTyped() {
        List<Item> items = (List<Item>) JSON.deserialize('[{"name":"x","amount":2.50,"due":"2024-02-29","counts":[1,2],"unknown":true}]', List<Item>.class);
        Item i = items[0];
        return new List<Object>{ i.name, i.amount.scale(), i.due.day(), i.counts.size() };
    }
    public static Object jsonSObjectsTyped() {
        List<Opportunity> opps = (List<Opportunity>) JSON.deserialize('[{"Name":"O","IsClosed":true,"CloseDate":"2030-05-01"}]', List<Opportunity>.class);
        return new List<Object>{ opps[0].Name, opps[0].IsClosed, opps[0].CloseDate.year(), opps[0].getSObjectType() == Opportunity.SObjectType };
    }
    public static Object jsonErrors() {
        List<String> out = new List<String>();
        try { JSON.deserializeUntyped('{bad'); } catch (JSONException e) { out.add('malformed'); }
        try { JSON.deserializeUntyped(null); } catch (NullPointerException e) { out.add(e.getMessage()); }
        try { JSON.serialize(Account.SObjectType); } catch (JSONException e) { out.add('token'); }
        return out;
    }
    public static Object describe() {
        Schema.DescribeSObjectResult d = Schema.SObjectType.Widget__c;
        Schema.DescribeFieldResult count = Schema.SObjectType.Widget__c.fields.Count__c;
        Set<Schema.SObjectType> types = new Set<Schema.SObjectType>{ Account.SObjectType, Schema.Contact.SObjectType };
        List<Schema.SObjectField> fields = new List<Schema.SObjectField>{ Widget__c.Count__c };
        return new List<Object>{
            d.getName(), d.getKeyPrefix() != null, count.getName(), String.valueOf(count.getType()),
            String.valueOf(Widget__c.Count__c), fields.contains(Schema.Widget__c.Count__c),
            types.contains(new Account().getSObjectType()), Account.SObjectType.getDescribe(SObjectDescribeOptions.DEFERRED).getKeyPrefix(),
            Schema.getGlobalDescribe().get('widget__c') == Widget__c.SObjectType,
            Schema.getGlobalDescribe().get('Widget__c') == Widget__c.SObjectType,
            Widget__c.SObjectType.getDescribe().fields.getMap().containsKey('COUNT__C'),
            Widget__c.SObjectType.getDescribe().fields.getMap().keySet().contains('count__c'),
            new Map<String, Integer>{ 'Count__c' => 1 }.containsKey('count__c')
        };
    }
    public static Object picklists() {
        List<String> values = new List<String>();
        for (Schema.PicklistEntry e : Opportunity.StageName.getDescribe().getPicklistValues()) {
            if (e.isActive()) values.add(e.getValue());
        }
        return values.size() > 3 && values.contains('Closed Won');
    }
    public static Object idsAndTypes() {
        Account a = new Account(Name = 'x');
        insert a;
        Id id15 = String.valueOf(a.Id).left(15);
        List<Object> out = new List<Object>{ a.Id.getSObjectType() == Schema.Account.SObjectType, id15 == a.Id, Id.valueOf(String.valueOf(id15)) == a.Id };
        try { Id.valueOf('not an id'); } catch (StringException e) { out.add(e.getMessage()); }
        out.add(Type.forName('T.Item') == T.Item.class);
        return out;
    }
    public static Object userAndClock() {
        return new List<Object>{ UserInfo.getUserId() != null, UserInfo.getName(), String.valueOf(System.today()), System.now().getTime(), UserInfo.getTimeZone().getID() };
    }
}`,
    Jobs: `public class Jobs implements Queueable, Schedulable, Database.Batchable<SObject> {
    public static List<String> log = new List<String>();
    public void execute(QueueableContext ctx) { log.add('queueable ' + System.isQueueable()); insert new Widget__c(Name = 'from queueable'); }
    public void execute(SchedulableContext ctx) { log.add('scheduled ' + System.isScheduled()); }
    public Iterable<SObject> start(Database.BatchableContext ctx) { log.add('start'); return new List<Widget__c>{ new Widget__c(Name = 'x') }; }
    public void execute(Database.BatchableContext ctx, List<SObject> scope) { log.add('execute ' + scope.size() + ' ' + System.isBatch()); }
    public void finish(Database.BatchableContext ctx) { log.add('finish'); }
    public static Object run() {
        Test.startTest();
        System.enqueueJob(new Jobs());
        Id cron = System.schedule('job', '0 0 5 * * ?', new Jobs());
        Database.executeBatch(new Jobs(), 10);
        log.add('queued ' + Limits.getQueueableJobs());
        Test.stopTest();
        log.add('cron ' + (cron != null));
        return log;
    }
    public static Object jobRows() {
        Test.startTest();
        Id jobId = System.enqueueJob(new Jobs());
        String queued = [SELECT Status FROM AsyncApexJob WHERE Id = :jobId].Status;
        Id cronId = System.schedule('rows', '0 15 * * * ?', new Jobs());
        Test.stopTest();
        AsyncApexJob job = [SELECT Status, JobType, ApexClass.Name FROM AsyncApexJob WHERE Id = :jobId];
        CronTrigger cron = [SELECT CronExpression, TimesTriggered, CronJobDetail.Name FROM CronTrigger WHERE Id = :cronId];
        return new List<Object>{ queued, job.Status, job.JobType, job.ApexClass.Name, cron.CronExpression, cron.TimesTriggered, cron.CronJobDetail.Name };
    }
    public static Object chainingInTestFails() {
        Test.startTest();
        System.enqueueJob(new Chain());
        try { Test.stopTest(); } catch (AsyncException e) { return e.getMessage(); }
        return null;
    }
    public class Chain implements Queueable {
        public void execute(QueueableContext ctx) { System.enqueueJob(new Chain()); }
    }
}`,
    Action: `global with sharing class Action {
    global class Request {
        @InvocableVariable(required=true) global String name;
        @InvocableVariable global Integer copies;
    }
    global class Result {
        @InvocableVariable global String text;
    }
    @InvocableMethod(label='Repeat')
    global static List<Result> run(List<Request> requests) {
        List<Result> out = new List<Result>();
        for (Request r : requests) {
            Result res = new Result();
            res.text = r.name.repeat(r.copies == null ? 1 : r.copies);
            out.add(res);
        }
        return out;
    }
}`,
    Fin: `public class Fin implements Queueable, Finalizer {
    public static List<String> log = new List<String>();
    public void execute(QueueableContext ctx) {
        System.attachFinalizer(new Fin());
        insert new Widget__c(Name = 'undone when the job fails');
        Integer nothing = null;
        nothing++;
    }
    public void execute(FinalizerContext ctx) {
        log.add(String.valueOf(ctx.getResult()) + ' ' + ctx.getException().getTypeName() + ' ' + [SELECT COUNT() FROM Widget__c]);
    }
    public static Object run() {
        Test.startTest();
        System.enqueueJob(new Fin());
        try {
            Test.stopTest();
        } catch (NullPointerException e) {
            log.add('stopTest threw ' + e.getTypeName());
        }
        return log;
    }
}`,
    Install: `public class Install implements InstallHandler, UninstallHandler {
    public static List<String> seen = new List<String>();
    public void onInstall(InstallContext context) {
        seen.add('install upgrade=' + context.isUpgrade() + ' push=' + context.isPush()
            + ' previous=' + (context.previousVersion() == null ? 'none' : context.previousVersion().major() + '.' + context.previousVersion().minor())
            + ' by me=' + (context.installerId() == UserInfo.getUserId())
            + ' org=' + (context.organizationId() == UserInfo.getOrganizationId()));
    }
    public void onUninstall(UninstallContext context) {
        seen.add('uninstall by me=' + (context.uninstallerId() == UserInfo.getUserId()));
    }
    public static Object run() {
        Test.testInstall(new Install(), null);
        Test.testInstall(new Install(), new Version(1, 2), true);
        Test.testUninstall(new Install());
        seen.add('compare=' + new Version(1, 2).compareTo(new Version(1, 10)) + ' patch=' + new Version(1, 2, 3).patch());
        return seen;
    }
    public static Object abort() {
        Id cron = System.schedule('Nightly', '0 0 2 * * ?', new Jobs());
        System.abortJob(cron);
        Test.startTest();
        Test.stopTest();
        return [SELECT State FROM CronTrigger WHERE Id = :cron].State + ' ' + Jobs.log.size();
    }
    public static Object roles() {
        List<Object> out = new List<Object>{ UserInfo.getUserRoleId() };
        UserRole role = new UserRole(Name = 'Boss');
        insert role;
        update new User(Id = UserInfo.getUserId(), UserRoleId = role.Id);
        out.add(UserInfo.getUserRoleId() == role.Id);
        return out;
    }
    public static Object formats() {
        Datetime dt = Datetime.newInstanceGmt(2026, 3, 5, 20, 7, 9);
        return new List<Object>{
            dt.format('yyyy-MM-dd HH:mm:ss'),
            dt.format('EEE, d MMM yyyy h:mm a', 'Europe/Paris'),
            dt.formatGmt('yyyy-MM-dd\\'T\\'HH:mm:ss.SSSXXX'),
            dt.format('EEEE d MMMM yy \\'at\\' hh \\'\\'\\'o\\'\\'clock\\' Z'),
            dt.format(),
            Date.newInstance(2026, 3, 5).format()
        };
    }
    public static Object children() {
        Account a = new Account(Name = 'New');
        List<Object> out = new List<Object>{ a.Contacts.size() };
        try {
            Contact c = a.Contacts;
            out.add('assigned');
        } catch (QueryException e) {
            out.add(e.getMessage());
        }
        return out;
    }
}`,
    Ctl: `public with sharing class Ctl {
    public class View {
        @AuraEnabled public String label;
        @AuraEnabled public Decimal total;
        public String hidden;
    }
    @AuraEnabled(cacheable=true)
    public static View load(String label, Integer times) {
        View v = new View();
        v.label = label;
        v.total = 1.5 * times;
        v.hidden = 'not sent';
        return v;
    }
    @AuraEnabled
    public static void fail(String kind) {
        if (kind == 'handled') {
            AuraHandledException e = new AuraHandledException('Shown to the user');
            throw e;
        }
        Integer nothing = null;
        nothing++;
    }
}`,
});

test('Apex Reference: JSON Class — serialize writes SObjects with attributes, Datetimes with milliseconds, Decimals with their scale', () => {
    assert.equal(
        runInTest(org, 'T', 'jsonSObject'),
        '{"when":"2024-01-02T03:04:05.000Z","record":{"attributes":{"type":"Account"},"Name":"Acme","AnnualRevenue":2.50},"n":null}',
    );
});

test('Apex Reference: JSON Class — serializePretty indents as the platform prints it', () => {
    assert.equal(
        runInTest(org, 'T', 'jsonPretty'),
        '{\n  "a" : 1,\n  "b" : [ 1, 2 ],\n  "c" : { }\n}',
    );
});

test('Apex Reference: JSON Class — deserialize into a typed List of an Apex class (unknown keys ignored)', () => {
    assert.deepEqual(runInTest(org, 'T', 'jsonTyped'), ['x', 2, 29, 2]);
});

test('Apex Reference: JSON Class — deserialize into List<Opportunity> may set read-only fields', () => {
    assert.deepEqual(runInTest(org, 'T', 'jsonSObjectsTyped'), ['O', true, 2030, true]);
});

test('Apex Reference: JSON Class — malformed input, null input and tokens fail as the platform fails', () => {
    assert.deepEqual(runInTest(org, 'T', 'jsonErrors'), [
        'malformed',
        'null input to JSON parser',
        'token',
    ]);
});

test('Apex Reference: Schema Namespace — tokens, describe results, token equality in Sets and Lists, getGlobalDescribe and fields.getMap look keys up in any case (keys are lower case); other maps do not', () => {
    assert.deepEqual(runInTest(org, 'T', 'describe'), [
        'Widget__c',
        true,
        'Count__c',
        'DOUBLE',
        'Count__c',
        true,
        true,
        '001',
        true,
        true,
        true,
        true,
        false,
    ]);
});

test('Apex Reference: PicklistEntry Class — Opportunity stages from the org', () => {
    assert.equal(runInTest(org, 'T', 'picklists'), true);
});

test('Apex Reference: Id Class — getSObjectType, 15/18-character equality, Id.valueOf; Type.forName', () => {
    assert.deepEqual(runInTest(org, 'T', 'idsAndTypes'), [
        true,
        true,
        true,
        'Invalid id: not an id',
        true,
    ]);
});

test('Apex Reference: UserInfo / System — the running user and a fixed clock in their time zone', () => {
    const result = runInTest(org, 'T', 'userAndClock') as unknown[];
    assert.equal(result[0], true);
    assert.equal(typeof result[1], 'string');
    assert.equal(result[2], '2026-03-10');
    assert.equal(result[3], Date.parse('2026-03-10T19:00:00Z'));
    assert.equal(result[4], 'America/Los_Angeles');
});

test('Apex Developer Guide: Testing Asynchronous Apex — stopTest runs the Queueable, the scheduled job and one batch execute', () => {
    assert.deepEqual(runInTest(org, 'Jobs', 'run'), [
        'queued 1',
        'queueable true',
        'scheduled true',
        'start',
        'execute 1 true',
        'finish',
        'cron true',
    ]);
});

test('Apex Reference: AsyncApexJob / CronTrigger — queued jobs and scheduled jobs are rows Apex can query', () => {
    assert.deepEqual(runInTest(org, 'Jobs', 'jobRows'), [
        'Queued',
        'Completed',
        'Queueable',
        'Jobs',
        '0 15 * * * ?',
        1,
        'rows',
    ]);
});

test('Apex Developer Guide: Queueable Apex — a test cannot chain Queueables (AsyncException out of stopTest)', () => {
    assert.equal(
        runInTest(org, 'Jobs', 'chainingInTestFails'),
        'Maximum stack depth has been reached.',
    );
});

test('Lightning: calling Apex methods — @AuraEnabled result with only @AuraEnabled members; AuraHandledException message; other exceptions with type and stack', () => {
    const ok = invokeAura(org, 'Ctl', 'load', JSON.stringify({ label: 'L', times: 3 }));
    assert.deepEqual(ok, { status: 200, body: '{"label":"L","total":4.5}' });
    const handled = invokeAura(org, 'Ctl', 'fail', JSON.stringify({ kind: 'handled' }));
    assert.equal(handled.status, 500);
    assert.deepEqual(JSON.parse(handled.body), {
        message: 'Shown to the user',
        exceptionType: 'System.AuraHandledException',
        isUserDefinedException: false,
        stackTrace: null,
    });
    const other = invokeAura(org, 'Ctl', 'fail', JSON.stringify({ kind: 'npe' }));
    const body = JSON.parse(other.body) as {
        message: string;
        exceptionType: string;
        stackTrace: string;
    };
    assert.equal(body.exceptionType, 'System.NullPointerException');
    assert.equal(body.message, 'Attempt to de-reference a null object');
    assert.match(body.stackTrace, /^Class\.Ctl\.fail: line 22, column 9$/);
});

test('Apex Developer Guide: Transaction Finalizers — the finalizer runs after a failed Queueable, whose changes are undone; the failure comes out of stopTest', () => {
    assert.deepEqual(runInTest(org, 'Fin', 'run'), [
        'UNHANDLED_EXCEPTION System.NullPointerException 0',
        'stopTest threw System.NullPointerException',
    ]);
});

test('Apex Reference: InvocableMethod Annotation — invocable calls with request objects, as Flow makes them', () => {
    assert.equal(
        invokeInvocable(org, 'Action', JSON.stringify([{ name: 'ab', copies: 2 }, { name: 'c' }])),
        '[{"text":"abab"},{"text":"c"}]',
    );
});

test('Apex Reference: Test.testInstall / testUninstall, InstallContext, UninstallContext, Version — the handler runs now with its context', () => {
    assert.deepEqual(runInTest(org, 'Install', 'run'), [
        'install upgrade=false push=false previous=none by me=true org=true',
        'install upgrade=true push=true previous=1.2 by me=true org=true',
        'uninstall by me=true',
        'compare=-1 patch=3',
    ]);
});

test('Apex Reference: System.abortJob — an aborted scheduled job does not run and its CronTrigger leaves the live states', () => {
    assert.equal(runInTest(org, 'Install', 'abort'), 'DELETED 0');
});

test('Apex Reference: UserInfo.getUserRoleId — null without a role, the role once the user has one', () => {
    assert.deepEqual(runInTest(org, 'Install', 'roles'), [null, true]);
});

test('Apex Reference: Datetime.format(pattern[, zone]), formatGmt, Datetime.format() and Date.format() in en_US', () => {
    assert.deepEqual(runInTest(org, 'Install', 'formats'), [
        '2026-03-05 12:07:09',
        'Thu, 5 Mar 2026 9:07 PM',
        '2026-03-05T20:07:09.000Z',
        "Thursday 5 March 26 at 12 'o'clock -0800",
        '3/5/2026, 12:07 PM',
        '3/5/2026',
    ]);
});

test("Apex Developer Guide: a new record's child relationship is an empty list (a list from a query: no row to assign)", () => {
    assert.deepEqual(runInTest(org, 'Install', 'children'), [
        0,
        'List has no rows for assignment to SObject',
    ]);
});

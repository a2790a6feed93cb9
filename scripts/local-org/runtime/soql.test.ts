// SOQL in Apex over the local org: inline binds as Apex expressions, single-row assignment,
// SOQL for loops, COUNT(), aggregates, sub-queries, dynamic SOQL and its binds, unselected
// fields. Each case names the Apex Developer Guide / Reference page it follows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgWith, runInTest } from './testSupport.ts';

const org = orgWith({
    Q: `public class Q {
    public class Holder { public List<Widget__c> items; }
    static Account seed(Integer widgets) {
        Account a = new Account(Name = 'Acme');
        insert a;
        List<Widget__c> ws = new List<Widget__c>();
        for (Integer i = 0; i < widgets; i++) ws.add(new Widget__c(Name = 'W' + i, Account__c = a.Id, Count__c = i));
        insert ws;
        return a;
    }
    public static Object bindsAreApexExpressions() {
        Account a = seed(3);
        List<Account> accounts = new List<Account>{ a };
        Holder h = new Holder();
        h.items = [SELECT Id FROM Widget__c WHERE Account__c = :accounts[0].Id AND Count__c >= :(1 + 0) ORDER BY Name];
        return new List<Object>{ h.items.size(), [SELECT Name FROM Widget__c WHERE Id = :h.items[0].Id].Name };
    }
    public static Object singleRowAssignment() {
        seed(2);
        List<String> out = new List<String>();
        try { Widget__c w = [SELECT Id FROM Widget__c]; } catch (QueryException e) { out.add(e.getMessage()); }
        try { Widget__c w = [SELECT Id FROM Widget__c WHERE Name = 'none']; } catch (QueryException e) { out.add(e.getMessage()); }
        out.add([SELECT Name FROM Widget__c WHERE Name = 'W1'].Name);
        return out;
    }
    public static Object countAndAggregates() {
        seed(4);
        Integer n = [SELECT COUNT() FROM Widget__c WHERE Count__c > 1];
        AggregateResult ar = [SELECT COUNT(Id) total, MAX(Count__c) top FROM Widget__c];
        return new List<Object>{ n, ar.get('total'), ar.get('top'), Limits.getQueries() };
    }
    public static Object soqlForLoops() {
        seed(450);
        Integer rows = 0;
        List<Integer> chunks = new List<Integer>();
        for (Widget__c w : [SELECT Id FROM Widget__c]) rows++;
        for (List<Widget__c> chunk : [SELECT Id FROM Widget__c]) chunks.add(chunk.size());
        return new List<Object>{ rows, chunks, Limits.getQueryRows() };
    }
    public static Object subQueries() {
        Account a = seed(2);
        Account withChildren = [SELECT Id, (SELECT Name FROM Widgets__r ORDER BY Name DESC) FROM Account WHERE Id = :a.Id];
        List<Widget__c> children = withChildren.Widgets__r;
        return new List<Object>{ children.size(), children[0].Name };
    }
    public static Object unselectedField() {
        seed(1);
        Widget__c w = [SELECT Id FROM Widget__c LIMIT 1];
        try { return w.Name; } catch (SObjectException e) { return e.getMessage(); }
    }
    public static Object dynamicSoql() {
        seed(3);
        String wanted = 'W2';
        List<Widget__c> byVariable = Database.query('SELECT Name FROM Widget__c WHERE Name = :wanted');
        List<Widget__c> byMap = Database.queryWithBinds('SELECT Name FROM Widget__c WHERE Count__c < :limitValue ORDER BY Name', new Map<String, Object>{ 'limitValue' => 2 }, AccessLevel.SYSTEM_MODE);
        Integer counted = Database.countQuery('SELECT COUNT() FROM Widget__c');
        List<Object> out = new List<Object>{ byVariable[0].Name, byMap.size(), counted };
        try { Database.query('SELECT Name FROM Widget__c WHERE Name = :missing'); } catch (QueryException e) { out.add(e.getMessage()); }
        return out;
    }
}`,
});

test('Apex Developer Guide: Using Apex Variables in SOQL — binds are Apex expressions (list elements, object fields, arithmetic)', () => {
    assert.deepEqual(runInTest(org, 'Q', 'bindsAreApexExpressions'), [2, 'W1']);
});

test('Apex Developer Guide: SOQL — a query assigned to one SObject needs exactly one row', () => {
    assert.deepEqual(runInTest(org, 'Q', 'singleRowAssignment'), [
        'List has more than 1 row for assignment to SObject',
        'List has no rows for assignment to SObject',
        'W1',
    ]);
});

test('Apex Developer Guide: Working with SOQL Aggregate Functions — COUNT() is an Integer; AggregateResult.get(alias)', () => {
    assert.deepEqual(runInTest(org, 'Q', 'countAndAggregates'), [2, 4, 3, 2]);
});

test('Apex Developer Guide: SOQL For Loops — single rows or lists of up to 200; rows count toward the query-row limit', () => {
    assert.deepEqual(runInTest(org, 'Q', 'soqlForLoops'), [450, [200, 200, 50], 900]);
});

test('Apex Developer Guide: Relationship queries — a sub-query is the child relationship list of the row', () => {
    assert.deepEqual(runInTest(org, 'Q', 'subQueries'), [2, 'W1']);
});

test('Apex Reference: SObject Class — a field a query did not select throws SObjectException', () => {
    assert.equal(
        runInTest(org, 'Q', 'unselectedField'),
        'SObject row was retrieved via SOQL without querying the requested field: Widget__c.Name',
    );
});

test('Apex Reference: Database Class — query (binds from the caller), queryWithBinds, countQuery; an unknown bind', () => {
    assert.deepEqual(runInTest(org, 'Q', 'dynamicSoql'), [
        'W2',
        2,
        3,
        'Variable does not exist: missing',
    ]);
});

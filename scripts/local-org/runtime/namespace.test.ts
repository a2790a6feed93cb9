// Namespace mode (README: "Namespace mode"): the fixture project run as a package with the
// namespace `kstn`. Each case names the Salesforce page its rule follows; where no page settles
// what the platform does, the case shows the local org failing loudly (the fence) instead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsupportedError } from '../interpreter/errors.ts';
import { LocalOrg } from './org.ts';
import { projectWith, runInTest } from './testSupport.ts';

const classes: Record<string, string> = {
    T: `public class T {
    public static Object staticNames() {
        Account a = new Account(Name = 'Acme');
        insert a;
        insert new Widget__c(Name = 'W', Count__c = 2, Account__c = a.Id);
        insert new kstn__Widget__c(Name = 'Q', kstn__Count__c = 3, kstn__Account__c = a.Id);
        List<Widget__c> plain = [SELECT Name, Count__c, Account__r.Name FROM Widget__c ORDER BY Name];
        List<kstn__Widget__c> qualified = [SELECT Name, kstn__Count__c FROM kstn__Widget__c WHERE kstn__Count__c > 2];
        Account withChildren = [SELECT Id, (SELECT Name FROM Widgets__r) FROM Account WHERE Id = :a.Id];
        return new List<Object>{ plain.size(), plain[0].Account__r.Name, qualified[0].Name, qualified[0].Count__c, withChildren.Widgets__r.size() };
    }
    public static Object dynamicSoql() {
        insert new Widget__c(Name = 'W', Count__c = 2);
        List<SObject> plain = Database.query('SELECT Count__c FROM Widget__c');
        List<SObject> qualified = Database.query('SELECT kstn__Count__c FROM kstn__Widget__c');
        return new List<Object>{ plain[0].get(Widget__c.Count__c), qualified[0].get(Widget__c.Count__c) };
    }
    public static Object globalDescribe() {
        Map<String, Schema.SObjectType> all = Schema.getGlobalDescribe();
        return new List<Object>{ all.get('kstn__Widget__c') == Widget__c.SObjectType, all.containsKey('kstn__widget__c'), all.get('Account') == Account.SObjectType };
    }
    public static Object globalDescribeUnqualified() {
        return Schema.getGlobalDescribe().get('Widget__c');
    }
    public static Object names() {
        Schema.DescribeSObjectResult widget = Widget__c.SObjectType.getDescribe();
        Schema.DescribeFieldResult count = Widget__c.Count__c.getDescribe();
        Schema.DescribeFieldResult lookup = Widget__c.Account__c.getDescribe();
        return new List<Object>{
            widget.getName(), widget.getLocalName(), count.getName(), count.getLocalName(),
            lookup.getRelationshipName(), String.valueOf(Widget__c.SObjectType), String.valueOf(Widget__c.Count__c),
            Account.SObjectType.getDescribe().getName(), Account.Name.getDescribe().getName(),
            Schema.SObjectType.kstn__Widget__c.getLocalName(), kstn__Widget__c.kstn__Count__c.getDescribe().getLocalName()
        };
    }
    public static Object describeSObjects() {
        return Schema.describeSObjects(new List<String>{ 'kstn__Widget__c', 'Account' })[0].getLocalName();
    }
    public static Object describeSObjectsUnqualified() {
        return Schema.describeSObjects(new List<String>{ 'Widget__c' });
    }
    public static Object fieldMap() {
        Map<String, Schema.SObjectField> fields = Widget__c.SObjectType.getDescribe().fields.getMap();
        return new List<Object>{ fields.get('kstn__Count__c') == Widget__c.Count__c, fields.containsKey('Name'), fields.keySet().contains('kstn__count__c') };
    }
    public static Object fieldMapUnqualified() {
        return Widget__c.SObjectType.getDescribe().fields.getMap().get('Count__c');
    }
    public static Object json() {
        Widget__c w = new Widget__c(Name = 'W', Count__c = 2);
        String text = JSON.serialize(w);
        Widget__c back = (Widget__c) JSON.deserialize(text, Widget__c.class);
        return new List<Object>{ text, back.Count__c };
    }
    public static Object jsonUnqualified() {
        return JSON.deserialize('{"Name":"W","Count__c":2}', Widget__c.class);
    }
    public static Object dynamicFields() {
        Widget__c w = new Widget__c();
        w.put('kstn__Count__c', 4);
        w.put(Widget__c.Name, 'W');
        return new List<Object>{ w.get('kstn__Count__c'), w.Count__c, w.get(Widget__c.Count__c), w.isSet(Widget__c.Count__c), w.isSet(Widget__c.Stamp__c) };
    }
    public static Object getUnqualified() {
        return new Widget__c(Count__c = 1).get('Count__c');
    }
    public static Object putUnqualified() {
        return new Widget__c().put('Count__c', 1);
    }
    public static Object types() {
        return new List<Object>{ Type.forName('kstn.T') == T.class, Type.forName('kstn', 'T') == T.class, Type.forName('Account') == Account.class };
    }
    public static Object typeUnqualified() {
        return Type.forName('T');
    }
    public static Object customMetadata() {
        Map<String, Setting__mdt> all = Setting__mdt.getAll();
        return new List<Object>{ new List<String>(all.keySet()), Setting__mdt.getInstance('Default').Threshold__c };
    }
    public static Object dmlErrorTokens() {
        try {
            insert new Widget__c(Name = 'W', Count__c = -1);
            return 'inserted';
        } catch (DmlException e) {
            return e.getDmlFields(0)[0].getDescribe().getName();
        }
    }
    public static Object dmlErrorNames() {
        try {
            insert new Widget__c(Name = 'W', Count__c = -1);
            return 'inserted';
        } catch (DmlException e) {
            return e.getDmlFieldNames(0);
        }
    }
}`,
};

const org = new LocalOrg({ projectRoot: projectWith(classes), namespace: 'kstn' });
const plain = new LocalOrg({ projectRoot: projectWith(classes) });

/** The fence: an UnsupportedError that names the construct and the unqualified name. */
function assertFenced(method: string, construct: RegExp): void {
    assert.throws(
        () => runInTest(org, 'T', method),
        (e: unknown) =>
            e instanceof UnsupportedError &&
            /namespace mode \(kstn\)/.test(e.message) &&
            construct.test(e.message),
    );
}

test('Apex Developer Guide: Namespace Prefix — package code names its objects and fields unqualified (default namespace) or qualified, in Apex and static SOQL', () => {
    assert.deepEqual(runInTest(org, 'T', 'staticNames'), [2, 'Acme', 'Q', 3, 2]);
});

test('Apex Developer Guide: Prevent Field Name Collisions in Managed SOQL Queries — dynamic SOQL resolves unqualified names in the package namespace', () => {
    assert.deepEqual(runInTest(org, 'T', 'dynamicSoql'), [2, 2]);
});

test('Apex Developer Guide: Accessing All sObjects — getGlobalDescribe keys carry the namespace (API 28.0+); standard objects have none', () => {
    assert.deepEqual(runInTest(org, 'T', 'globalDescribe'), [true, true, true]);
});

test('Accessing All sObjects: an unqualified key is null on the platform — the local org names the lookup', () => {
    assertFenced(
        'globalDescribeUnqualified',
        /Schema\.getGlobalDescribe\(\) lookup names 'Widget__c'/,
    );
    // unpackaged, the same code finds the object
    assert.equal(runInTest(plain, 'T', 'globalDescribeUnqualified'), 'Widget__c');
});

test('Apex Reference: DescribeSObjectResult / DescribeFieldResult — getName() is the full API name, getLocalName() drops the namespace', () => {
    assert.deepEqual(runInTest(org, 'T', 'names'), [
        'kstn__Widget__c',
        'Widget__c',
        'kstn__Count__c',
        'Count__c',
        'kstn__Account__r',
        'kstn__Widget__c',
        'kstn__Count__c',
        'Account',
        'Name',
        'Widget__c',
        'Count__c',
    ]);
});

test('Schema.describeSObjects: a qualified name describes the package object; an unqualified one is fenced (the Schema page is silent)', () => {
    assert.equal(runInTest(org, 'T', 'describeSObjects'), 'Widget__c');
    assertFenced('describeSObjectsUnqualified', /Schema\.describeSObjects\(\) names 'Widget__c'/);
});

test('fields.getMap(): keys are the names getName() gives; a lookup by an unqualified custom name is fenced (no page settles it)', () => {
    assert.deepEqual(runInTest(org, 'T', 'fieldMap'), [true, true, true]);
    assertFenced('fieldMapUnqualified', /fields\.getMap\(\) lookup names 'Count__c'/);
});

test('JSON.serialize writes the qualified API names (attributes.type too); deserialize reads them back and fences an unqualified key', () => {
    const [text, count] = runInTest(org, 'T', 'json') as [string, number];
    assert.equal(text, '{"attributes":{"type":"kstn__Widget__c"},"Name":"W","kstn__Count__c":2}');
    assert.equal(count, 2);
    assertFenced('jsonUnqualified', /JSON\.deserialize into kstn__Widget__c names 'Count__c'/);
    assert.deepEqual(
        (runInTest(plain, 'T', 'json') as [string, number])[0],
        '{"attributes":{"type":"Widget__c"},"Name":"W","Count__c":2}',
    );
});

test('SObject get/put/isSet: tokens and qualified names work; an unqualified string is fenced (only SOQL has a documented default namespace)', () => {
    assert.deepEqual(runInTest(org, 'T', 'dynamicFields'), [4, 4, 4, true, false]);
    assertFenced('getUnqualified', /SObject\.get\('Count__c'\)/);
    assertFenced('putUnqualified', /SObject\.put\('Count__c'\)/);
});

test('Apex Reference: Type Class — the package class by kstn.T or forName(namespace, name); an unqualified name is fenced', () => {
    assert.deepEqual(runInTest(org, 'T', 'types'), [true, true, true]);
    assertFenced('typeUnqualified', /Type\.forName\('T'\)/);
});

test('Apex Reference: Custom Metadata Type Methods — getAll() keys are DeveloperNames, without a namespace', () => {
    assert.deepEqual(runInTest(org, 'T', 'customMetadata'), [['Default'], 50]);
});

test('DmlException: getDmlFields() tokens give the qualified name; getDmlFieldNames() is fenced for a custom field (no page settles its form)', () => {
    assert.equal(runInTest(org, 'T', 'dmlErrorTokens'), 'kstn__Count__c');
    assertFenced('dmlErrorNames', /DmlException\.getDmlFieldNames\(\) names 'Count__c'/);
    assert.deepEqual(runInTest(plain, 'T', 'dmlErrorNames'), ['Count__c']);
});

test('namespace mode refuses a prefix that is not a namespace', () => {
    assert.throws(
        () => new LocalOrg({ projectRoot: projectWith({}), namespace: 'not a prefix' }),
        /not a namespace prefix/,
    );
});

// Which code enforces record-level sharing (Apex Developer Guide: "Using the with sharing,
// without sharing, and inherited sharing Keywords", "Using the runAs Method", "Enforce User
// Mode for Database Operations"; Apex Reference: AccessLevel Class). A seller owns one of three
// Private deals; every probe counts the deals it sees (1 under the seller's sharing, 3 without).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SHARING_PROJECT } from '../database/testSupport.ts';
import { invokeAura } from './aura.ts';
import { LocalOrg } from './org.ts';
import { projectWith, runInTest } from './testSupport.ts';

const COUNT = 'return [SELECT COUNT() FROM Deal__c];';

const classes: Record<string, string> = {
    WithSharing: `public with sharing class WithSharing {
    public static Integer visible() { ${COUNT} }
    public static Integer viaInherited() { return InheritedSharing.visible(); }
    public static Integer viaNoKeyword() { return NoKeyword.visible(); }
    public static Integer viaWithout() { return WithoutSharing.visible(); }
    public static Integer viaInner() { return new Inner().visible(); }
    public static Integer viaOthersInner() { return new WithoutSharing.Inner().visible(); }
    public static Integer systemModeQuery() {
        return Database.countQuery('SELECT COUNT() FROM Deal__c', AccessLevel.SYSTEM_MODE);
    }
    public static Integer withSystemMode() { return [SELECT COUNT() FROM Deal__c WITH SYSTEM_MODE]; }
    public static String updateHidden(Id hidden) {
        try {
            update new Deal__c(Id = hidden, Amount__c = 1);
            return 'updated';
        } catch (DmlException e) {
            return String.valueOf(e.getDmlType(0));
        }
    }
    public class Inner { public Integer visible() { ${COUNT} } }
    @AuraEnabled public static Integer aura() { ${COUNT} }
}`,
    WithoutSharing: `public without sharing class WithoutSharing {
    public static Integer visible() { ${COUNT} }
    public static Integer userMode() { return [SELECT COUNT() FROM Deal__c WITH USER_MODE]; }
    public static Integer userModeQuery() {
        return Database.countQuery('SELECT COUNT() FROM Deal__c', AccessLevel.USER_MODE);
    }
    public static Integer viaInherited() { return InheritedSharing.visible(); }
    public static Integer viaNoKeyword() { return NoKeyword.visible(); }
    public static Integer viaDerived() { return new Derived().inherited(); }
    public static Integer viaDerivedOwn() { return new Derived().own(); }
    public static String updateHidden(Id hidden) {
        update new Deal__c(Id = hidden, Amount__c = 1);
        return 'updated';
    }
    public class Inner { public Integer visible() { ${COUNT} } }
}`,
    InheritedSharing: `public inherited sharing class InheritedSharing {
    public static Integer visible() { ${COUNT} }
    @AuraEnabled public static Integer aura() { ${COUNT} }
}`,
    NoKeyword: `public class NoKeyword {
    public static Integer visible() { ${COUNT} }
    @AuraEnabled public static Integer aura() { ${COUNT} }
}`,
    Base: `public virtual with sharing class Base {
    public Integer inherited() { ${COUNT} }
}`,
    Derived: `public class Derived extends Base {
    public Integer own() { ${COUNT} }
}`,
    SharingTestHelper: `@IsTest public without sharing class SharingTestHelper {
    public static Integer visible() { ${COUNT} }
}`,
    Job: `public inherited sharing class Job implements Queueable {
    public void execute(QueueableContext context) {
        insert new Board__c(Name = 'inherited job saw ' + [SELECT COUNT() FROM Deal__c]);
    }
}`,
    PlainJob: `public class PlainJob implements Queueable {
    public void execute(QueueableContext context) {
        insert new Board__c(Name = 'plain job saw ' + [SELECT COUNT() FROM Deal__c]);
    }
}`,
    Probe: `public class Probe {
    public static User seller() {
        return [SELECT Id FROM User WHERE Username = 'seller@sharing.test'];
    }
    public static void seed() {
        User seller;
        System.runAs(new User(Id = UserInfo.getUserId())) {
            Profile standard = [SELECT Id FROM Profile WHERE Name = 'Standard User'];
            seller = new User(Username = 'seller@sharing.test', LastName = 'Seller', Alias = 'seller',
                Email = 'seller@sharing.test', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US',
                LocaleSidKey = 'en_US', TimeZoneSidKey = 'America/Los_Angeles', ProfileId = standard.Id);
            insert seller;
            insert new PermissionSetAssignment(AssigneeId = seller.Id,
                PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Seller'].Id);
        }
        insert new List<Deal__c>{
            new Deal__c(Name = 'Mine', OwnerId = seller.Id),
            new Deal__c(Name = 'Theirs'),
            new Deal__c(Name = 'Other')
        };
    }
    public static Object keywords() {
        seed();
        Id hidden = [SELECT Id FROM Deal__c WHERE Name = 'Theirs'].Id;
        Map<String, Object> seen = new Map<String, Object>();
        System.runAs(seller()) {
            seen.put('runAs block', [SELECT COUNT() FROM Deal__c]);
            seen.put('with', WithSharing.visible());
            seen.put('without', WithoutSharing.visible());
            seen.put('inherited from runAs', InheritedSharing.visible());
            seen.put('no keyword from runAs', NoKeyword.visible());
            seen.put('inherited from with', WithSharing.viaInherited());
            seen.put('inherited from without', WithoutSharing.viaInherited());
            seen.put('no keyword from with', WithSharing.viaNoKeyword());
            seen.put('no keyword from without', WithoutSharing.viaNoKeyword());
            seen.put('without from with', WithSharing.viaWithout());
            seen.put('inner of with', WithSharing.viaInner());
            seen.put('inner of without, from with', WithSharing.viaOthersInner());
            seen.put('subclass method of a with base, from without', WithoutSharing.viaDerived());
            seen.put('own method of a subclass of a with base, from without', WithoutSharing.viaDerivedOwn());
            seen.put('without sharing test helper', SharingTestHelper.visible());
            seen.put('USER_MODE in without', WithoutSharing.userMode());
            seen.put('USER_MODE countQuery in without', WithoutSharing.userModeQuery());
            seen.put('SYSTEM_MODE countQuery in with', WithSharing.systemModeQuery());
            seen.put('WITH SYSTEM_MODE in with', WithSharing.withSystemMode());
            seen.put('with sharing update of a hidden deal', WithSharing.updateHidden(hidden));
            seen.put('without sharing update of a hidden deal', WithoutSharing.updateHidden(hidden));
        }
        seen.put('after runAs', [SELECT COUNT() FROM Deal__c]);
        return seen;
    }
    public static Object jobs() {
        seed();
        System.runAs(seller()) {
            Test.startTest();
            System.enqueueJob(new Job());
            System.enqueueJob(new PlainJob());
            Test.stopTest();
        }
        List<String> names = new List<String>();
        for (Board__c board : [SELECT Name FROM Board__c ORDER BY Name]) names.add(board.Name);
        return names;
    }
    public static Object trigger() {
        seed();
        System.runAs(seller()) {
            insert new Board__c(Name = 'by the seller');
        }
        return [SELECT Name FROM Board__c][0].Name;
    }
    public static Object rowCause() {
        return Schema.Deal__Share.RowCause.Partner__c + ',' + Schema.Deal__Share.RowCause.Manual;
    }
    public static Object shareIds() {
        seed();
        Deal__Share dealShare = [SELECT Id FROM Deal__Share LIMIT 1];
        Region__c region = new Region__c(Name = 'EMEA');
        insert region;
        Region__Share regionShare = [SELECT Id FROM Region__Share LIMIT 1];
        return new List<Object>{
            String.valueOf(dealShare.Id).left(3), String.valueOf(dealShare.Id.getSObjectType()),
            String.valueOf(regionShare.Id).left(3), String.valueOf(regionShare.Id.getSObjectType())
        };
    }
}`,
};

const org = new LocalOrg({
    projectRoot: projectWith(classes, SHARING_PROJECT, {
        BoardTrigger: `trigger BoardTrigger on Board__c (before insert) {
    for (Board__c board : Trigger.new) board.Name = board.Name + ' (the trigger saw ' + [SELECT COUNT() FROM Deal__c] + ')';
}`,
    }),
});

test("AG with sharing / without sharing / inherited sharing, runAs: each class keeps its keyword; inherited and no keyword take the caller's; runAs enforces the user's sharing in test code", () => {
    const seen = runInTest(org, 'Probe', 'keywords') as Record<string, unknown>;
    assert.deepEqual(seen, {
        'runAs block': 1,
        with: 1,
        without: 3,
        'inherited from runAs': 1,
        'no keyword from runAs': 1,
        'inherited from with': 1,
        'inherited from without': 3,
        'no keyword from with': 1,
        'no keyword from without': 3,
        'without from with': 3,
        'inner of with': 1,
        'inner of without, from with': 1,
        'subclass method of a with base, from without': 1,
        'own method of a subclass of a with base, from without': 1,
        'without sharing test helper': 3,
        'USER_MODE in without': 1,
        'USER_MODE countQuery in without': 1,
        'SYSTEM_MODE countQuery in with': 1,
        'WITH SYSTEM_MODE in with': 1,
        'with sharing update of a hidden deal': 'INSUFFICIENT_ACCESS_OR_READONLY',
        'without sharing update of a hidden deal': 'updated',
        'after runAs': 3,
    });
});

test('AG Using the … Keywords: at an entry point inherited sharing enforces sharing and no keyword does not (Aura requests, Queueables)', () => {
    const fresh = new LocalOrg({ projectRoot: projectWith(classes, SHARING_PROJECT) });
    fresh.inTransaction({}, () =>
        fresh.interpreter.callStatic(fresh.findClass('Probe') as never, 'seed', []),
    );
    const seller = String(
        fresh
            .systemQuery("SELECT Id FROM User WHERE Username = 'seller@sharing.test'", {})[0]
            ?.fields.get('id')?.value,
    );
    const body = (cls: string) => invokeAura(fresh, cls, 'aura', '{}', seller).body;
    assert.equal(body('InheritedSharing'), '1', 'inherited sharing at the entry point');
    assert.equal(body('NoKeyword'), '3', 'no keyword at the entry point');
    assert.equal(body('WithSharing'), '1');
    // each insert also runs the Board trigger, which sees every deal
    assert.deepEqual(runInTest(org, 'Probe', 'jobs'), [
        'inherited job saw 1 (the trigger saw 3)',
        'plain job saw 3 (the trigger saw 3)',
    ]);
});

test('AG Triggers and Order of Execution: a trigger runs without sharing, whoever saves', () => {
    assert.equal(runInTest(org, 'Probe', 'trigger'), 'by the seller (the trigger saw 3)');
});

test("AG Creating Apex Managed Sharing: Schema.X__Share.RowCause.Reason__c is the reason's API name; share rows (all 02c) know their object", () => {
    assert.equal(runInTest(org, 'Probe', 'rowCause'), 'Partner__c,Manual');
    assert.deepEqual(runInTest(org, 'Probe', 'shareIds'), [
        '02c',
        'Deal__Share',
        '02c',
        'Region__Share',
    ]);
});

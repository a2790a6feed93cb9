// The namespace-safety gate: the real project passes; a clean temporary project passes; each
// planted unqualified name is reported with its category, file and line; the CLI exits 1.
// Run: node --import tsx --test scripts/gates/namespaceSafety.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PROJECT_ROOT } from '../lib/projectPaths.ts';
import { runNamespaceGate, unqualifiedCustomNames } from './namespaceSafety.ts';
import type { NamespaceProblem } from './namespaceSafety.ts';

const temps: string[] = [];
after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const PROJECT = JSON.stringify({
    packageDirectories: [
        { path: 'force-app', package: 'Keystone', default: true },
        { path: 'unpackaged', default: false },
    ],
    namespace: 'kstn',
});

/** Clean files: every way of naming things that survives the prefix. */
const CLEAN: Record<string, string> = {
    'force-app/main/x/objects/PlayRule__mdt/PlayRule__mdt.object-meta.xml': '<CustomObject/>',
    'force-app/main/x/classes/Clean.cls': `public with sharing class Clean {
    // A comment may say Stakeholder__c; so may an error message:
    private static final String HINT = 'Fill in Status__c first.';
    public static List<Stakeholder__c> read(Id accountId) {
        Schema.SObjectType type = Schema.getGlobalDescribe().get(String.valueOf(Schema.Stakeholder__c.SObjectType));
        String query = 'SELECT Id FROM ' + String.valueOf(type);
        Object same = record().get('Account__c');
        String qualified = 'SELECT Id FROM kstn__Stakeholder__c';
        Map<String, Object> dto = new Map<String, Object>{ 'buyingRole' => 'Champion' };
        PlayRule__mdt rule = PlayRule__mdt.getInstance('ChampionLeft');
        return [SELECT Id, BuyingRole__c FROM Stakeholder__c WHERE Account__c = :accountId WITH USER_MODE];
    }
    private static SObject record() { return new Stakeholder__c(); }
}
`,
    'force-app/main/x/lwc/stakeholderList/stakeholderList.ts': `import { LightningElement } from 'lwc';
import STATUS_FIELD from '@salesforce/schema/Stakeholder__c.Status__c';
import getMap from '@salesforce/apex/RelationshipMapController.getRelationshipMap';
// Comments may name Status__c.
export default class StakeholderList extends LightningElement {
    fields = [STATUS_FIELD];
    statusKey = STATUS_FIELD.fieldApiName ?? 'Status__c';
    load = getMap;
}
`,
    'force-app/main/x/lwc/stakeholderList/stakeholderList.html': `<template>
    <!-- the status comes from Status__c -->
    <p>{statusKey}</p>
</template>
`,
    'force-app/main/x/lwc/stakeholderList/__tests__/data/record.json': '{ "Status__c": "Open" }',
    'force-app/main/x/staticresources/vectors.json': '{ "cases": [{ "buyingRole": "Champion" }] }',
    'force-app/main/x/customMetadata/PlayRule.ChampionLeft.md-meta.xml': `<CustomMetadata>
    <values><field>SignalType__c</field><value xsi:type="xsd:string">Champion Left</value></values>
</CustomMetadata>
`,
    // Unpackaged: never prefixed, so never checked.
    'unpackaged/classes/Shape.cls': `public class Shape { String q = 'SELECT Id FROM Stakeholder__c'; }`,
};

function projectWith(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'namespace-gate-'));
    temps.push(root);
    writeFileSync(join(root, 'sfdx-project.json'), PROJECT);
    for (const [path, text] of Object.entries({ ...CLEAN, ...files })) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
    }
    return root;
}

function show(problems: NamespaceProblem[]): string {
    return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}

/** Plants one file and expects exactly one problem of that category, name and line. */
function plant(
    path: string,
    text: string,
    expected: { category: NamespaceProblem['category']; name: string; line: number },
): void {
    const root = projectWith({ [path]: text });
    const { problems } = runNamespaceGate(root);
    assert.equal(problems.length, 1, `expected one problem, got:\n${show(problems)}`);
    const [problem] = problems;
    assert.ok(problem);
    assert.equal(problem.file, join(root, path));
    assert.equal(problem.category, expected.category, show(problems));
    assert.equal(problem.name, expected.name, show(problems));
    assert.equal(problem.line, expected.line, show(problems));
}

const CLASS = 'force-app/main/x/classes/Planted.cls';
const LWC = 'force-app/main/x/lwc/plantedList/plantedList.ts';

describe('names', () => {
    it('tells unqualified from qualified names', () => {
        assert.deepEqual(unqualifiedCustomNames('SELECT Account__r.Name, Tier__c FROM X__c'), [
            'Account__r',
            'Tier__c',
            'X__c',
        ]);
        assert.deepEqual(
            unqualifiedCustomNames('kstn__Stakeholder__c kstn__Stakeholder__Share'),
            [],
        );
        assert.deepEqual(unqualifiedCustomNames('Last_Name__c PlayRule__mdt'), [
            'Last_Name__c',
            'PlayRule__mdt',
        ]);
        assert.deepEqual(unqualifiedCustomNames('Name Status notes__ corporate'), []);
    });
});

describe('clean input passes', () => {
    it('the real project has no unqualified name where it would break', () => {
        const { problems, files } = runNamespaceGate(PROJECT_ROOT);
        assert.deepEqual(problems, [], show(problems));
        assert.ok(files > 100, `${files} files checked`);
    });

    it('a clean project with every safe form passes, unpackaged and test files aside', () => {
        const root = projectWith({});
        const { problems, files } = runNamespaceGate(root);
        assert.deepEqual(problems, [], show(problems));
        assert.equal(files, 5, 'class, component, template, static JSON, metadata record');
    });
});

describe('planted unqualified names fail', () => {
    it('dynamic SOQL string', () =>
        plant(
            CLASS,
            `public class Planted {
    public static List<SObject> run() {
        String query = 'SELECT Id FROM Stakeholder__c';
        return Database.query(query);
    }
}`,
            { category: 'dynamic SOQL', name: 'Stakeholder__c', line: 3 },
        ));

    it('a WHERE fragment concatenated into a query', () =>
        plant(
            CLASS,
            `public class Planted {
    public static String where() {
        return 'SELECT Id FROM Account' +
            ' WHERE Tier__c = :tier';
    }
}`,
            { category: 'dynamic SOQL', name: 'Tier__c', line: 4 },
        ));

    it('any string inside Database.query arguments', () =>
        plant(
            CLASS,
            `public class Planted {
    public static Integer run(String fields) {
        return Database.countQuery(fields + 'Stakeholder__c');
    }
}`,
            { category: 'dynamic SOQL', name: 'Stakeholder__c', line: 3 },
        ));

    it('Schema.getGlobalDescribe() lookup', () =>
        plant(
            CLASS,
            `public class Planted {
    public static Schema.SObjectType run() {
        return Schema.getGlobalDescribe().get('HealthSignal__c');
    }
}`,
            { category: 'describe lookup', name: 'HealthSignal__c', line: 3 },
        ));

    it('a field map held in a variable', () =>
        plant(
            CLASS,
            `public class Planted {
    public static Boolean run() {
        Map<String, Schema.SObjectField> fields;
        fields = Schema.SObjectType.Account.fields.getMap();
        return fields.containsKey('Tier__c');
    }
}`,
            { category: 'describe lookup', name: 'Tier__c', line: 5 },
        ));

    it('a JSON key in an Apex map literal', () =>
        plant(
            CLASS,
            `public class Planted {
    public static String run() {
        return JSON.serialize(new Map<String, Object>{
            'BuyingRole__c' => 'Champion'
        });
    }
}`,
            { category: 'JSON key', name: 'BuyingRole__c', line: 4 },
        ));

    it('a JSON key in text given to JSON.deserialize', () =>
        plant(
            CLASS,
            `public class Planted {
    public static Object run() {
        return JSON.deserializeUntyped('{"Status__c": "Open"}');
    }
}`,
            { category: 'JSON key', name: 'Status__c', line: 3 },
        ));

    it('a Custom Metadata record named as Type.Record', () =>
        plant(
            CLASS,
            `public class Planted {
    public static Metadata.CustomMetadata run() {
        Metadata.CustomMetadata record = new Metadata.CustomMetadata();
        record.fullName = 'PlayRule.ChampionLeft';
        return record;
    }
}`,
            { category: 'Custom Metadata name', name: 'PlayRule.ChampionLeft', line: 4 },
        ));

    it('a Custom Metadata record storing an API name as text', () =>
        plant(
            'force-app/main/x/customMetadata/PlayRule.Planted.md-meta.xml',
            `<CustomMetadata>
    <label>Planted</label>
    <values><field>SignalType__c</field><value xsi:type="xsd:string">BuyingRole__c</value></values>
</CustomMetadata>`,
            { category: 'Custom Metadata name', name: 'BuyingRole__c', line: 3 },
        ));

    it('an LWC string naming a field', () =>
        plant(
            LWC,
            `import { LightningElement } from 'lwc';
export default class PlantedList extends LightningElement {
    fields = ['Status__c'];
}`,
            { category: 'LWC field reference', name: 'Status__c', line: 3 },
        ));

    it('an LWC property access on a record', () =>
        plant(
            LWC,
            `import { LightningElement } from 'lwc';
export default class PlantedList extends LightningElement {
    status(row: Record<string, string>): string {
        return row.Status__c;
    }
}`,
            { category: 'LWC field reference', name: 'Status__c', line: 4 },
        ));

    it('an LWC object key', () =>
        plant(
            LWC,
            `import { LightningElement } from 'lwc';
export default class PlantedList extends LightningElement {
    draft = {
        Probability__c: 10,
    };
}`,
            { category: 'LWC field reference', name: 'Probability__c', line: 4 },
        ));

    it('a template expression', () =>
        plant(
            'force-app/main/x/lwc/stakeholderList/stakeholderList.html',
            `<template>
    <p>{statusKey}</p>
    <p>{row.Status__c}</p>
</template>`,
            { category: 'LWC field reference', name: 'Status__c', line: 3 },
        ));

    it('a key of a packaged JSON file', () =>
        plant(
            'force-app/main/x/staticresources/vectors.json',
            `{
  "cases": [
    { "BuyingRole__c": "Champion" }
  ]
}`,
            { category: 'JSON key', name: 'BuyingRole__c', line: 3 },
        ));
});

describe('the CLI', () => {
    it('exits 1 and prints file:line and the fix for a planted name', () => {
        const root = projectWith({
            [CLASS]: `public class Planted { String q = 'SELECT Id FROM Stakeholder__c'; }`,
        });
        const run = spawnSync(
            'node',
            ['--import', 'tsx', join(PROJECT_ROOT, 'scripts/gates/namespaceSafety.ts'), root],
            { encoding: 'utf8' },
        );
        assert.equal(run.status, 1, run.stdout + run.stderr);
        assert.match(
            run.stdout,
            /force-app\/main\/x\/classes\/Planted\.cls:1: \[dynamic SOQL\] unqualified Stakeholder__c/,
        );
        assert.match(run.stdout, /Schema tokens/);
        assert.match(run.stdout, /1 unqualified name \(1 dynamic SOQL\)/);
    });

    it('exits 0 on a clean project', () => {
        const run = spawnSync(
            'node',
            [
                '--import',
                'tsx',
                join(PROJECT_ROOT, 'scripts/gates/namespaceSafety.ts'),
                projectWith({}),
            ],
            { encoding: 'utf8' },
        );
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.match(run.stdout, /0 unqualified names/);
    });
});

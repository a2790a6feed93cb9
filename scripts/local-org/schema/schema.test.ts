// The org schema read from source (Metadata API Developer Guide: CustomObject, CustomField,
// ValidationRule, CustomMetadata, GlobalValueSet) and the standard-object catalogue (Object
// Reference for Salesforce and Lightning Platform).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UnsupportedError } from '../interpreter/errors.ts';
import {
    FIXTURE_PROJECT,
    KEYSTONE_PROJECT,
    fixtureSchemaOnce,
    openTestOrg,
} from '../database/testSupport.ts';
import { loadOrgSchema, SchemaLoadError } from './load.ts';
import { STANDARD_OBJECTS } from './standard.ts';
import { parseXml } from './xml.ts';

const schema = fixtureSchemaOnce();

test('Metadata API CustomObject: an object spread over two feature folders is one object', () => {
    const project = schema.require('Project__c');
    assert.ok(project.fields.has('budget__c'), 'field from work/objects');
    assert.ok(project.fields.has('totalcost__c'), 'roll-up from plan/objects');
    assert.equal(project.label, 'Project');
    assert.equal(project.custom, true);
    assert.equal(project.sharingModel, 'ReadWrite');
    assert.equal(project.validationRules.length, 4);
});

test('Object Reference: lookups are case-insensitive and accept a Schema. prefix', () => {
    assert.equal(schema.object('schema.project__C')?.name, 'Project__c');
    assert.equal(schema.object('ACCOUNT')?.name, 'Account');
    assert.equal(schema.object('Nope__c'), undefined);
    assert.throws(() => schema.require('Nope__c'), UnsupportedError);
});

test('Object Reference: standard key prefixes', () => {
    const expected: Record<string, string> = {
        Account: '001',
        Contact: '003',
        Opportunity: '006',
        Task: '00T',
        Event: '00U',
        User: '005',
        Product2: '01t',
        Pricebook2: '01s',
        PricebookEntry: '01u',
        OpportunityLineItem: '00k',
        Profile: '00e',
        PermissionSet: '0PS',
        PermissionSetAssignment: '0Pa',
        CronTrigger: '08e',
        StaticResource: '081',
        Organization: '00D',
    };
    for (const [name, prefix] of Object.entries(expected)) {
        assert.equal(schema.require(name).keyPrefix, prefix, name);
        assert.equal(schema.byKeyPrefix(prefix)?.name, name, prefix);
    }
    assert.equal(
        schema.require('UserRecordAccess').keyPrefix,
        null,
        'virtual objects have no prefix',
    );
});

test('Custom objects get stable distinct prefixes: a for data, m for custom metadata', () => {
    const project = schema.require('Project__c').keyPrefix as string;
    const milestone = schema.require('Milestone__c').keyPrefix as string;
    const setting = schema.require('Setting__mdt').keyPrefix as string;
    assert.match(project, /^a[0-9A-Za-z]{2}$/);
    assert.match(setting, /^m[0-9A-Za-z]{2}$/);
    assert.notEqual(project, milestone);
    assert.equal(
        loadOrgSchema(FIXTURE_PROJECT).require('Project__c').keyPrefix,
        project,
        'same on every load',
    );
});

test('Metadata API CustomField: text length, unique, case sensitivity and external id', () => {
    const code = schema.require('Project__c').fields.get('code__c');
    assert.ok(code);
    assert.equal(code.type, 'STRING');
    assert.equal(code.length, 10);
    assert.equal(code.unique, true);
    assert.equal(code.caseSensitive, false);
    assert.equal(code.externalId, true);
    assert.equal(code.custom, true);
});

test('Metadata API CustomField: currency and percent precision and scale; number fields are Decimal in Apex', () => {
    const budget = schema.require('Project__c').fields.get('budget__c');
    assert.equal(budget?.type, 'CURRENCY');
    assert.equal(budget?.precision, 8);
    assert.equal(budget?.scale, 2);
    assert.equal(budget?.apexType, 'Decimal');
    assert.equal(schema.require('Project__c').fields.get('score__c')?.type, 'PERCENT');
});

test('Metadata API CustomField: restricted picklists with default and inactive values', () => {
    const status = schema.require('Project__c').fields.get('status__c');
    assert.equal(status?.restrictedPicklist, true);
    assert.equal(status?.required, true);
    assert.deepEqual(
        status?.picklistValues.map((v) => v.value),
        ['Planned', 'Active', 'Done', 'Legacy'],
    );
    assert.equal(status?.picklistValues.find((v) => v.defaultValue)?.value, 'Planned');
    assert.equal(status?.picklistValues.find((v) => v.value === 'Legacy')?.active, false);
    assert.equal(status?.defaultedOnCreate, true);
});

test('Metadata API GlobalValueSet: a picklist using a global value set takes its values and is restricted', () => {
    const color = schema.require('Project__c').fields.get('color__c');
    assert.deepEqual(
        color?.picklistValues.map((v) => v.value),
        ['Cyan', 'Magenta'],
    );
    assert.equal(color?.restrictedPicklist, true);
});

test('Metadata API CustomField: lookups name their parent relationship X__r and their child relationship', () => {
    const project = schema.require('Project__c');
    const account = project.fields.get('account__c');
    assert.equal(account?.type, 'REFERENCE');
    assert.deepEqual(account?.referenceTo, ['Account']);
    assert.equal(account?.relationshipName, 'Account__r');
    assert.equal(account?.restrictedDelete, true);
    assert.equal(project.relationships.get('account__r')?.name, 'Account__c');
    const child = schema
        .require('Account')
        .childRelationships.find((r) => r.childObject === 'Project__c');
    assert.deepEqual(child, {
        childObject: 'Project__c',
        field: 'Account__c',
        relationshipName: 'Projects__r',
        cascadeDelete: false,
        restrictedDelete: true,
    });
    assert.equal(project.fields.get('lead__c')?.cascadeDelete, false);
    assert.equal(project.fields.get('lead__c')?.restrictedDelete, false, 'SetNull');
});

test('Metadata API CustomField: master-detail is required, cascades, not reparentable; the detail has no owner', () => {
    const milestone = schema.require('Milestone__c');
    const master = milestone.fields.get('project__c');
    assert.equal(master?.masterDetail, true);
    assert.equal(master?.required, true);
    assert.equal(master?.nillable, false);
    assert.equal(master?.cascadeDelete, true);
    assert.equal(master?.reparentable, false);
    assert.equal(master?.updateable, false);
    assert.equal(master?.permissionable, false);
    assert.equal(milestone.sharingModel, 'ControlledByParent');
    assert.equal(milestone.fields.has('ownerid'), false);
    assert.ok(schema.require('Project__c').fields.has('ownerid'));
});

test('Metadata API CustomObject: an auto-number name field', () => {
    const name = schema.require('Milestone__c').fields.get('name');
    assert.equal(name?.autoNumber, true);
    assert.equal(name?.autoNumberFormat, 'MS-{0000}');
    assert.equal(name?.createable, false);
    assert.equal(name?.updateable, false);
});

test('Metadata API CustomField: formula fields are calculated and keep their blank handling', () => {
    const duration = schema.require('Project__c').fields.get('duration__c');
    assert.equal(duration?.calculated, true);
    assert.equal(duration?.createable, false);
    assert.equal(duration?.formula, 'IF(ISBLANK(End__c), NULL, End__c - Start__c)');
    assert.equal(duration?.formulaTreatBlanksAsZero, false);
    assert.equal(
        schema.require('Milestone__c').fields.get('weightedcost__c')?.formulaTreatBlanksAsZero,
        true,
    );
});

test('Metadata API CustomField: default values are formulas (TODAY(), true)', () => {
    const project = schema.require('Project__c');
    assert.equal(project.fields.get('start__c')?.defaultValueFormula, 'TODAY()');
    assert.equal(project.fields.get('urgent__c')?.defaultValueFormula, 'true');
});

test('Metadata API CustomField: roll-up summaries take the summarised field type, with filters', () => {
    const total = schema.require('Project__c').fields.get('totalcost__c');
    assert.equal(total?.type, 'CURRENCY');
    assert.equal(total?.scale, 2);
    assert.equal(total?.calculated, true);
    assert.deepEqual(total?.rollup, {
        operation: 'sum',
        childObject: 'Milestone__c',
        foreignKey: 'Project__c',
        summarizedField: 'Cost__c',
        filters: [{ field: 'Done__c', operation: 'equals', value: 'false' }],
        filterFormula: null,
    });
    assert.equal(
        schema.require('Project__c').fields.get('milestonecount__c')?.rollup?.operation,
        'count',
    );
});

test('Metadata API ValidationRule: formula, message, display field and active flag', () => {
    const rule = schema
        .require('Project__c')
        .validationRules.find((r) => r.name === 'EndAfterStart');
    assert.deepEqual(rule, {
        name: 'EndAfterStart',
        active: true,
        formula: 'AND(NOT(ISBLANK(End__c)), End__c < Start__c)',
        errorMessage: 'The end cannot be before the start.',
        errorDisplayField: 'End__c',
    });
    assert.equal(
        schema.require('Project__c').validationRules.find((r) => r.name === 'InactiveRule')?.active,
        false,
    );
});

test('A standard object extended by the project keeps its standard fields and gains the custom ones', () => {
    const account = schema.require('Account');
    assert.ok(account.fields.has('name'));
    assert.equal(account.fields.get('tier__c')?.restrictedPicklist, true);
    assert.equal(account.validationRules[0]?.name, 'NameNotTest');
});

test('Object Reference: system fields of every stored object', () => {
    for (const name of ['Account', 'Project__c', 'Milestone__c']) {
        const object = schema.require(name);
        for (const field of [
            'Id',
            'CreatedDate',
            'CreatedById',
            'LastModifiedDate',
            'LastModifiedById',
            'SystemModstamp',
            'IsDeleted',
        ]) {
            const describe = object.fields.get(field.toLowerCase());
            assert.ok(describe, `${name}.${field}`);
            if (field !== 'Id')
                assert.equal(describe.createable, false, `${name}.${field} is not createable`);
        }
    }
    assert.equal(
        schema.require('User').fields.has('isdeleted'),
        false,
        'users are never in the recycle bin',
    );
});

test('Object Reference: Task.WhatId reaches custom objects with activities enabled; Who/What/Owner are polymorphic', () => {
    const task = schema.require('Task');
    assert.ok(task.fields.get('whatid')?.referenceTo.includes('Project__c'));
    assert.deepEqual(task.fields.get('whoid')?.referenceTo, ['Contact', 'Lead']);
    assert.deepEqual(task.fields.get('ownerid')?.referenceTo, ['User', 'Group']);
    assert.ok(
        schema
            .require('Project__c')
            .childRelationships.some(
                (r) => r.childObject === 'Task' && r.relationshipName === 'Tasks',
            ),
    );
});

test('Object Reference: derived standard fields are read-only (IsWon, IsClosed, TotalPrice stays writable)', () => {
    const opportunity = schema.require('Opportunity');
    assert.equal(opportunity.fields.get('iswon')?.createable, false);
    assert.equal(opportunity.fields.get('isclosed')?.updateable, false);
    assert.equal(schema.require('Contact').fields.get('name')?.calculated, true);
    assert.equal(schema.require('OpportunityLineItem').fields.get('totalprice')?.createable, true);
    assert.equal(
        schema.require('OpportunityLineItem').fields.get('opportunityid')?.updateable,
        false,
    );
});

test('Metadata API CustomMetadata: records by type, with typed values and xsi:nil', () => {
    const records = schema.customMetadataRecords('setting__mdt');
    assert.deepEqual(records.map((r) => r.developerName).sort(), ['Alpha', 'Default']);
    const alpha = records.find((r) => r.developerName === 'Alpha');
    assert.equal(alpha?.label, 'Alpha & Co');
    assert.deepEqual(alpha?.values.get('Threshold__c'), { kind: 'null' });
    const standard = records.find((r) => r.developerName === 'Default');
    assert.deepEqual(standard?.values.get('Threshold__c'), { kind: 'number', value: '12.5' });
    const type = schema.require('Setting__mdt');
    assert.equal(type.isCustomMetadata, true);
    assert.ok(type.fields.has('developername'));
    assert.equal(type.createable, false);
});

/** Validation rule files under the project's package directories (sfdx-project.json), from disk. */
function validationRuleFilesIn(projectDir: string): number {
    const project = JSON.parse(readFileSync(join(projectDir, 'sfdx-project.json'), 'utf8')) as {
        packageDirectories: { path: string }[];
    };
    return project.packageDirectories
        .flatMap(({ path }) =>
            readdirSync(join(projectDir, path), { recursive: true, encoding: 'utf8' }),
        )
        .filter((path) => path.endsWith('.validationRule-meta.xml')).length;
}

test('Keystone: every object of the project loads with its rules and relationships', () => {
    const keystone = loadOrgSchema(KEYSTONE_PROJECT);
    for (const name of [
        'AccountPlan__c',
        'AccountAction__c',
        'AccountObjective__c',
        'AccountRisk__c',
        'HealthSignal__c',
        'Stakeholder__c',
        'WhitespaceCell__c',
    ]) {
        assert.ok(keystone.require(name).custom, name);
    }
    const rules = keystone.objects().reduce((n, o) => n + o.validationRules.length, 0);
    assert.equal(rules, validationRuleFilesIn(KEYSTONE_PROJECT), 'every validation rule file');
    assert.deepEqual(
        keystone
            .require('AccountPlan__c')
            .childRelationships.filter((r) => r.cascadeDelete)
            .map((r) => r.relationshipName)
            .sort(),
        ['Actions__r', 'HealthSnapshots__r', 'Objectives__r', 'Risks__r', 'Shares'],
    );
    // config/test-org is a package directory: its Account definition makes accounts Private.
    assert.equal(keystone.require('Account').sharingModel, 'Private');
    assert.equal(keystone.orgWideDefault('Case'), 'Private');
    const planShare = keystone.require('AccountPlan__Share');
    assert.equal(keystone.require('AccountPlan__c').shareObject, 'AccountPlan__Share');
    assert.ok(
        planShare.fields.get('rowcause')?.picklistValues.some((v) => v.value === 'AccountTeam__c'),
        'the Apex sharing reason is a RowCause value',
    );
    assert.equal(
        keystone.object('AccountAction__Share'),
        undefined,
        'a detail has no share object',
    );
    assert.equal(
        keystone.require('HealthSignal__c').fields.get('name')?.autoNumberFormat,
        'HS-{000000}',
    );
    assert.ok(keystone.require('Contact').fields.has('leftcompany__c'));
    assert.equal(
        keystone.customMetadataRecords('KeystoneSetting__mdt')[0]?.developerName,
        'Default',
    );
});

test('Every standard object of the catalogue has distinct field names and a label', () => {
    for (const spec of STANDARD_OBJECTS) {
        const names = spec.fields.map((f) => f.name.toLowerCase());
        assert.equal(new Set(names).size, names.length, `${spec.name} declares a field twice`);
        assert.ok(spec.label && spec.plural, spec.name);
    }
});

test('Unreadable metadata fails with the file and the reason', () => {
    const root = mkdtempSync(join(tmpdir(), 'schema-'));
    try {
        writeFileSync(
            join(root, 'sfdx-project.json'),
            JSON.stringify({ packageDirectories: [{ path: 'src' }] }),
        );
        const dir = join(root, 'src', 'objects', 'Thing__c', 'fields');
        mkdirSync(dir, { recursive: true });
        writeFileSync(
            join(root, 'src', 'objects', 'Thing__c', 'Thing__c.object-meta.xml'),
            '<CustomObject><label>Thing</label></CustomObject>',
        );
        writeFileSync(
            join(dir, 'Other__c.field-meta.xml'),
            '<CustomField><fullName>Other__c</fullName><type>Lookup</type><referenceTo>Missing__c</referenceTo></CustomField>',
        );
        assert.throws(
            () => loadOrgSchema(root),
            (e: unknown) =>
                e instanceof SchemaLoadError &&
                /Thing__c\.Other__c refers to Missing__c/.test(e.message),
        );
        assert.throws(() => loadOrgSchema(join(root, 'none')), /no sfdx-project\.json/);
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
});

test('XML reader: entities, attributes, self-closing elements, CDATA', () => {
    const xml = parseXml(
        '<?xml version="1.0"?><a x="1 &amp; 2"><b>&lt;tag&gt; &#65;</b><c/><d><![CDATA[<raw>]]></d></a>',
    );
    assert.equal(xml.attributes.x, '1 & 2');
    assert.equal(xml.children[0]?.text, '<tag> A');
    assert.equal(xml.children[1]?.name, 'c');
    assert.equal(xml.children[2]?.text, '<raw>');
    assert.throws(() => parseXml('<a><b></a>'), /does not match/);
});

test('A field of a type outside the subset loads as fenced and fails loudly when a query names it', () => {
    const root = mkdtempSync(join(tmpdir(), 'schema-'));
    try {
        writeFileSync(
            join(root, 'sfdx-project.json'),
            JSON.stringify({ packageDirectories: [{ path: 'src' }] }),
        );
        const dir = join(root, 'src', 'objects', 'Place__c', 'fields');
        mkdirSync(dir, { recursive: true });
        writeFileSync(
            join(root, 'src', 'objects', 'Place__c', 'Place__c.object-meta.xml'),
            '<CustomObject><label>Place</label><nameField><label>Name</label><type>Text</type></nameField></CustomObject>',
        );
        writeFileSync(
            join(dir, 'Spot__c.field-meta.xml'),
            '<CustomField><fullName>Spot__c</fullName><type>Location</type></CustomField>',
        );
        const place = loadOrgSchema(root);
        assert.equal(place.fencedField('place__c', 'spot__c'), 'field type Location');
        assert.equal(place.require('Place__c').fields.has('spot__c'), false);
        const org = openTestOrg(place);
        assert.throws(
            () => org.rows('SELECT Spot__c FROM Place__c'),
            (e: unknown) =>
                e instanceof UnsupportedError &&
                /Place__c\.Spot__c \(field type Location\)/.test(e.message),
        );
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
});

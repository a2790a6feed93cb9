// Tests for Gate B (metadataXref.ts): the correct fixture passes; planted errors in a temporary
// copy of it are each reported on the right file and line.
// Run: node --import tsx --test scripts/gates/metadataXref.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { crossCheckMetadata, runMetadataXrefGate } from './metadataXref.ts';
import type { Problem } from './metadataXref.ts';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, 'fixtures', 'metadata');
const SCRIPT = join(here, 'metadataXref.ts');
const D = join('force-app', 'main', 'default');
const CLS = join(D, 'classes', 'StakeholderController.cls');
const TRIGGER = join(D, 'triggers', 'StakeholderTrigger.trigger');
const LWC = join(D, 'lwc', 'stakeholderList', 'stakeholderList.ts');

const temps: string[] = [];
after(() => {
    for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A fresh copy of the fixture project. */
function copy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'metadata-xref-'));
    temps.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    return dir;
}

function edit(root: string, rel: string, from: string, to: string): number {
    const file = join(root, rel);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(from), `test setup: ${JSON.stringify(from)} not in ${rel}`);
    const changed = text.replace(from, to);
    writeFileSync(file, changed);
    return changed.slice(0, changed.indexOf(to)).split('\n').length;
}

function show(problems: Problem[]): string {
    return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}

/** Expects exactly one problem, in `rel` at `line`, matching `message`. */
function expectOne(root: string, rel: string, line: number, message: RegExp): void {
    const problems = crossCheckMetadata(root);
    assert.equal(problems.length, 1, `expected one problem, got:\n${show(problems)}`);
    const [p] = problems;
    assert.ok(p);
    assert.equal(p.file, join(root, rel));
    assert.equal(p.line, line, show(problems));
    assert.match(p.message, message);
}

/** Plants `to` in place of `from` in `rel`, expects one problem on the line where `to` starts. */
function plant(rel: string, from: string, to: string, message: RegExp): void {
    const root = copy();
    const line = edit(root, rel, from, to);
    expectOne(root, rel, line, message);
}

describe('correct project passes', () => {
    it('the fixture has no problems and many references', () => {
        const r = runMetadataXrefGate(FIXTURE);
        assert.deepEqual(r.problems, [], show(r.problems));
        assert.ok(r.references >= 40, `${r.references} references`);
        assert.equal(r.files, 3);
    });

    it('reads package directories from sfdx-project.json', () => {
        const root = copy();
        writeFileSync(
            join(root, 'sfdx-project.json'),
            JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }),
        );
        mkdirSync(join(root, 'scripts'));
        writeFileSync(join(root, 'scripts', 'Stray.cls'), 'public class Stray {}'); // outside: ignored
        assert.deepEqual(crossCheckMetadata(root), []);
    });
});

describe('LWC imports', () => {
    it('missing field in a schema import', () =>
        plant(
            LWC,
            "'@salesforce/schema/Stakeholder__c.Role__c'",
            "'@salesforce/schema/Stakeholder__c.Rank__c'",
            /Stakeholder__c\.Rank__c: no field Rank__c on Stakeholder__c/,
        ));

    it('unknown custom object in a schema import', () =>
        plant(
            LWC,
            "'@salesforce/schema/Stakeholder__c'",
            "'@salesforce/schema/Stakeholdr__c'",
            /no object Stakeholdr__c/,
        ));

    it('wrong relationship path: through a picklist', () =>
        plant(
            LWC,
            "'@salesforce/schema/Stakeholder__c.Contact__r.Name'",
            "'@salesforce/schema/Stakeholder__c.Role__r.Name'",
            /Role__c is a Picklist field, not a relationship/,
        ));

    it('wrong relationship path: standard name instead of __r', () =>
        plant(
            LWC,
            "'@salesforce/schema/Stakeholder__c.Contact__r.Name'",
            "'@salesforce/schema/Stakeholder__c.Contact.Name'",
            /no relationship Contact on Stakeholder__c \(custom ones end in __r\)/,
        ));

    it('wrong field at the end of a relationship path', () =>
        plant(
            LWC,
            "'@salesforce/schema/Stakeholder__c.Account__r.Industry'",
            "'@salesforce/schema/Stakeholder__c.Account__r.Tier2__c'",
            /Account\.Tier2__c: no field Tier2__c on Account/,
        ));

    it('standard field outside the explicit list', () =>
        plant(
            LWC,
            "'@salesforce/schema/Account.Name'",
            "'@salesforce/schema/Account.Nmae'",
            /Nmae is not a known standard field of Account/,
        ));

    it('unknown Apex class', () =>
        plant(
            LWC,
            "'@salesforce/apex/StakeholderController.getStakeholders'",
            "'@salesforce/apex/StakeholderCtrl.getStakeholders'",
            /no Apex class StakeholderCtrl/,
        ));

    it('unknown Apex method', () =>
        plant(
            LWC,
            "'@salesforce/apex/StakeholderController.getStakeholders'",
            "'@salesforce/apex/StakeholderController.getStakeholder'",
            /StakeholderController has no method getStakeholder/,
        ));

    it('method that is not @AuraEnabled', () =>
        plant(
            LWC,
            "'@salesforce/apex/StakeholderController.getStakeholders'",
            "'@salesforce/apex/StakeholderController.threshold'",
            /StakeholderController\.threshold is not @AuraEnabled/,
        ));

    it('@AuraEnabled method that is not static', () => {
        const root = copy();
        edit(root, CLS, 'public static Id addStakeholder(', 'public Id addStakeholder(');
        const line = edit(
            root,
            LWC,
            "'@salesforce/apex/StakeholderController.getStakeholders'",
            "'@salesforce/apex/StakeholderController.addStakeholder'",
        );
        expectOne(root, LWC, line, /addStakeholder is @AuraEnabled but not static/);
    });

    it('a .js component is checked when it has no .ts twin', () => {
        const root = copy();
        const dir = join(root, D, 'lwc', 'plainJs');
        mkdirSync(dir);
        writeFileSync(
            join(dir, 'plainJs.js'),
            "import F from '@salesforce/schema/Stakeholder__c.Missing__c';\nexport default F;\n",
        );
        writeFileSync(
            join(dir, 'plainJs.js-meta.xml'),
            '<?xml version="1.0" encoding="UTF-8"?>\n<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>64.0</apiVersion>\n</LightningComponentBundle>\n',
        );
        expectOne(
            root,
            join(D, 'lwc', 'plainJs', 'plainJs.js'),
            1,
            /no field Missing__c on Stakeholder__c/,
        );
    });
});

describe('Apex: SOQL', () => {
    it('unknown field in WHERE', () =>
        plant(
            CLS,
            'WHERE Account__c = :accountId',
            'WHERE Acount__c = :accountId',
            /SOQL Acount__c: Stakeholder__c\.Acount__c: no field/,
        ));

    it('unknown field in SELECT', () =>
        plant(
            CLS,
            'SELECT Id, Name, Role__c, Influence__c,',
            'SELECT Id, Name, Rank__c, Influence__c,',
            /SOQL Rank__c: .*no field Rank__c on Stakeholder__c/,
        ));

    it('field of another object in ORDER BY', () =>
        plant(
            CLS,
            'ORDER BY Influence__c DESC\n        ];',
            'ORDER BY Tier__c DESC\n        ];',
            /no field Tier__c on Stakeholder__c/,
        ));

    it('unknown field in GROUP BY', () =>
        plant(CLS, 'GROUP BY Role__c', 'GROUP BY Roles__c', /no field Roles__c on Stakeholder__c/));

    it('wrong relationship path in SELECT', () =>
        plant(
            CLS,
            'Contact__r.Name, Account__r.Industry',
            'Contact__r.Name, Acount__r.Industry',
            /Stakeholder__c\.Acount__r: no lookup field Acount__c on Stakeholder__c/,
        ));

    it('custom field missing on the lookup target', () =>
        plant(
            CLS,
            'Contact__r.Name, Account__r.Industry',
            'Contact__r.Name, Account__r.Rank__c',
            /Account\.Rank__c: no field Rank__c on Account/,
        ));

    it('standard-looking field that a custom object lacks', () =>
        plant(
            CLS,
            'SELECT Id, Name, Role__c, Influence__c,',
            'SELECT Id, Email, Role__c, Influence__c,',
            /no field Email on Stakeholder__c \(custom fields end in __c\)/,
        ));

    it('unknown object in FROM', () =>
        plant(
            CLS,
            'FROM Stakeholder__c\n            GROUP BY',
            'FROM Stakeholders__c\n            GROUP BY',
            /SOQL FROM Stakeholders__c: no object Stakeholders__c/,
        ));

    it('unknown field in a child subquery', () =>
        plant(
            CLS,
            'SELECT Id, Role__c, Contact__r.Email',
            'SELECT Id, Rank__c, Contact__r.Email',
            /no field Rank__c on Stakeholder__c/,
        ));

    it('unknown child relationship', () =>
        plant(
            CLS,
            'FROM Stakeholders__r',
            'FROM Stakeholder__r',
            /no child relationship Stakeholder__r on Account/,
        ));

    it('unknown field in a semi-join', () =>
        plant(
            CLS,
            'Id IN (SELECT Account__c FROM Stakeholder__c',
            'Id IN (SELECT Accounts__c FROM Stakeholder__c',
            /no field Accounts__c on Stakeholder__c/,
        ));

    it('SOSL RETURNING field list', () => {
        const root = copy();
        const line = edit(
            root,
            CLS,
            'public static Decimal threshold() {',
            "public static Object search() {\n        return [FIND 'x' IN ALL FIELDS RETURNING Stakeholder__c(Id, Rank__c), Account(Name, Tier__c)];\n    }\n\n    public static Decimal threshold() {",
        );
        expectOne(root, CLS, line + 1, /SOSL Rank__c: Stakeholder__c\.Rank__c: no field/);
    });

    it('custom field on a standard object', () =>
        plant(
            CLS,
            'FROM Account WHERE Tier__c = :tier',
            'FROM Account WHERE Tiers__c = :tier',
            /Account\.Tiers__c: no field Tiers__c on Account/,
        ));
});

describe('Apex: code', () => {
    it('unknown field in new X__c(Field__c = ...)', () =>
        plant(
            CLS,
            'new Stakeholder__c(Account__c = accountId',
            'new Stakeholder__c(Acount__c = accountId',
            /Stakeholder__c\.Acount__c: no field/,
        ));

    it('unknown field in a Schema token', () =>
        plant(
            CLS,
            'Schema.Stakeholder__c.Influence__c',
            'Schema.Stakeholder__c.Influenc__c',
            /Stakeholder__c\.Influenc__c: no field/,
        ));

    it('field of another object on a typed variable', () =>
        plant(
            CLS,
            's.Role__c = role;',
            's.Tier__c = role;',
            /Stakeholder__c\.Tier__c: no field Tier__c on Stakeholder__c/,
        ));

    it('relationship path on a loop variable', () =>
        plant(
            CLS,
            's.Contact__r.Name;',
            's.Contact__r.Nickname__c;',
            /Contact\.Nickname__c: no field Nickname__c on Contact/,
        ));

    it('custom metadata field', () =>
        plant(
            CLS,
            'setting?.Threshold__c',
            'setting?.Treshold__c',
            /Keystone_Setting__mdt\.Treshold__c: no field/,
        ));

    it('a custom name that exists nowhere', () =>
        plant(
            CLS,
            'Decimal total = 0;',
            'Decimal total = Widget__c.Size;',
            /Widget__c: no custom field or object of that name/,
        ));

    it('Trigger.new element in a trigger', () =>
        plant(
            TRIGGER,
            'if (s.Influence__c == null)',
            'if (Trigger.new[0].Influence2__c == null)',
            /Stakeholder__c\.Influence2__c: no field/,
        ));

    it('trigger on an unknown object', () =>
        plant(
            TRIGGER,
            'trigger StakeholderTrigger on Stakeholder__c(',
            'trigger StakeholderTrigger on Stakeholdr__c(',
            /trigger on Stakeholdr__c: no object/,
        ));

    it('syntax error is reported, not hidden', () => {
        const root = copy();
        const line = edit(root, CLS, 'return s.Id;', 'return s.Id');
        expectOne(root, CLS, line + 1, /Apex syntax error: missing ';' at '}'/);
    });
});

describe('metadata references', () => {
    const PERMSET = join(D, 'permissionsets', 'Keystone_User.permissionset-meta.xml');
    const FLEXI = join(D, 'flexipages', 'Key_Account_Record_Page.flexipage-meta.xml');
    const LWC_META = join(D, 'lwc', 'stakeholderList', 'stakeholderList.js-meta.xml');

    it('permission set: field permission for a missing field', () =>
        plant(
            PERMSET,
            '<field>Stakeholder__c.Role__c</field>',
            '<field>Stakeholder__c.Rank__c</field>',
            /fieldPermissions Stakeholder__c\.Rank__c: no field/,
        ));

    it('permission set: field permission on a master-detail (required) field', () =>
        plant(
            PERMSET,
            '<field>Stakeholder__c.Role__c</field>',
            '<field>Stakeholder__c.Account__c</field>',
            /the field is required \(master-detail\); the platform rejects/,
        ));

    it('permission set: class access for a missing class', () =>
        plant(
            PERMSET,
            '<apexClass>StakeholderController</apexClass>',
            '<apexClass>StakeholderService</apexClass>',
            /classAccesses StakeholderService: no Apex class/,
        ));

    it('permission set: tab setting for a missing tab', () =>
        plant(
            PERMSET,
            '<tab>Stakeholder__c</tab>',
            '<tab>Keystone_Home</tab>',
            /tabSettings Keystone_Home: no tabs\/Keystone_Home\.tab-meta\.xml/,
        ));

    it('layout: unknown field', () =>
        plant(
            join(D, 'layouts', 'Stakeholder__c-Stakeholder Layout.layout-meta.xml'),
            '<field>Role__c</field>',
            '<field>Rank__c</field>',
            /layout field Stakeholder__c\.Rank__c: no field/,
        ));

    it('compact layout: unknown field', () =>
        plant(
            join(
                D,
                'objects',
                'Stakeholder__c',
                'compactLayouts',
                'Stakeholder_Compact.compactLayout-meta.xml',
            ),
            '<fields>Role__c</fields>',
            '<fields>Rank__c</fields>',
            /compact layout field Stakeholder__c\.Rank__c: no field/,
        ));

    it('object: compactLayoutAssignment to a missing compact layout', () =>
        plant(
            join(D, 'objects', 'Stakeholder__c', 'Stakeholder__c.object-meta.xml'),
            '<compactLayoutAssignment>Stakeholder_Compact</compactLayoutAssignment>',
            '<compactLayoutAssignment>Stakeholder_Card</compactLayoutAssignment>',
            /compactLayoutAssignment Stakeholder_Card: no compactLayouts/,
        ));

    it('validation rule: errorDisplayField that does not exist', () =>
        plant(
            join(
                D,
                'objects',
                'Stakeholder__c',
                'validationRules',
                'Influence_In_Range.validationRule-meta.xml',
            ),
            '<errorDisplayField>Influence__c</errorDisplayField>',
            '<errorDisplayField>Influence2__c</errorDisplayField>',
            /errorDisplayField Stakeholder__c\.Influence2__c: no field/,
        ));

    it('app: tab without a tab file', () =>
        plant(
            join(D, 'applications', 'Keystone.app-meta.xml'),
            '<tabs>Stakeholder__c</tabs>',
            '<tabs>Plan__c</tabs>',
            /app tab Plan__c: no tabs\/Plan__c\.tab-meta\.xml/,
        ));

    it('flexipage: unknown component', () =>
        plant(
            FLEXI,
            '<componentName>stakeholderList</componentName>',
            '<componentName>stakeholderGrid</componentName>',
            /component stakeholderGrid: no lwc\/stakeholderGrid/,
        ));

    it('flexipage: component without the page target', () => {
        const root = copy();
        edit(
            root,
            LWC_META,
            '<target>lightning__RecordPage</target>',
            '<target>lightning__HomePage</target>',
        );
        edit(root, LWC_META, 'targets="lightning__RecordPage"', 'targets="lightning__HomePage"');
        const line =
            readFileSync(join(root, FLEXI), 'utf8')
                .split('\n')
                .findIndex((l) => l.includes('<componentName>stakeholderList')) + 1;
        expectOne(
            root,
            FLEXI,
            line,
            /component stakeholderList: its js-meta\.xml does not list the lightning__RecordPage target/,
        );
    });

    it('flexipage: component that is not exposed', () => {
        const root = copy();
        edit(root, LWC_META, '<isExposed>true</isExposed>', '<isExposed>false</isExposed>');
        const line =
            readFileSync(join(root, FLEXI), 'utf8')
                .split('\n')
                .findIndex((l) => l.includes('<componentName>stakeholderList')) + 1;
        expectOne(
            root,
            FLEXI,
            line,
            /component stakeholderList: its js-meta\.xml lacks <isExposed>true<\/isExposed>/,
        );
    });

    it('flexipage: related list through a missing child relationship', () =>
        plant(
            FLEXI,
            '<value>Stakeholders__r</value>',
            '<value>Stakeholder__r</value>',
            /relatedListApiName Stakeholder__r: no child relationship Stakeholder__r on Account/,
        ));

    it('flexipage: field item that does not exist', () =>
        plant(
            FLEXI,
            '<fieldItem>Record.Tier__c</fieldItem>',
            '<fieldItem>Record.Tiers__c</fieldItem>',
            /fieldItem Account\.Tiers__c: no field/,
        ));

    it('custom metadata record: value for a missing field', () =>
        plant(
            join(D, 'customMetadata', 'Keystone_Setting.Default.md-meta.xml'),
            '<field>Threshold__c</field>',
            '<field>Treshold__c</field>',
            /custom metadata value Keystone_Setting__mdt\.Treshold__c: no field/,
        ));

    it('custom metadata record of a missing type', () => {
        const root = copy();
        const rel = join(D, 'customMetadata', 'Keystone_Settings.Default.md-meta.xml');
        cpSync(
            join(root, D, 'customMetadata', 'Keystone_Setting.Default.md-meta.xml'),
            join(root, rel),
        );
        expectOne(
            root,
            rel,
            2,
            /custom metadata record of Keystone_Settings__mdt: no object Keystone_Settings__mdt/,
        );
    });
});

describe('analytics: report types, reports, dashboards', () => {
    const TYPE = join(D, 'reportTypes', 'Accounts_With_Stakeholders.reportType-meta.xml');
    const REPORT = join(D, 'reports', 'Keystone_Fixture', 'Stakeholders_By_Role.report-meta.xml');
    const DASHBOARD = join(D, 'dashboards', 'Keystone_Fixture', 'Coverage.dashboard-meta.xml');

    it('report type: a column field that does not exist on its table', () =>
        plant(
            TYPE,
            '<field>Is_Primary__c</field>',
            '<field>Is_Primery__c</field>',
            /column Account\.Stakeholders__r\.Is_Primery__c: .*no field Is_Primery__c on Stakeholder__c/,
        ));

    it('report type: a lookup path through a field that is not a lookup', () =>
        plant(
            TYPE,
            '<field>Contact__c.Email</field>',
            '<field>Role__c.Email</field>',
            /column Account\.Stakeholders__r\.Role__c\.Email: .*Role__c is a Picklist field, not a relationship/,
        ));

    it('report type: a column on a table the type does not join', () =>
        plant(
            TYPE,
            '<table>Account.Stakeholders__r</table>\n        </columns>\n        <columns>\n            <checkedByDefault>false</checkedByDefault>\n            <field>Contact__c.Email</field>',
            '<table>Account.Contacts</table>\n        </columns>\n        <columns>\n            <checkedByDefault>false</checkedByDefault>\n            <field>Contact__c.Email</field>',
            /column table Account\.Contacts: not the base object or a joined relationship/,
        ));

    it('report type: a join through a child relationship that does not exist', () => {
        const root = copy();
        const line = edit(
            root,
            TYPE,
            '<relationship>Stakeholders__r</relationship>',
            '<relationship>Stakeholder__r</relationship>',
        );
        const problems = crossCheckMetadata(root);
        const found = problems.find((p) => p.file === join(root, TYPE) && p.line === line);
        assert.match(
            found?.message ?? show(problems),
            /join relationship Stakeholder__r: no child relationship Stakeholder__r on Account/,
        );
    });

    it('report: a column its report type does not expose', () => {
        const root = copy();
        const line = edit(
            root,
            REPORT,
            '<field>Account$Name</field>',
            '<field>Account$Industry</field>',
        );
        expectOne(
            root,
            REPORT,
            line,
            /column Account\$Industry: report type Accounts_With_Stakeholders__c exposes no Industry on Account/,
        );
    });

    it('report: a filter on a table of another report type', () =>
        plant(
            REPORT,
            '<column>Account$Tier__c</column>',
            '<column>Opportunity$Tier__c</column>',
            /filter Opportunity\$Tier__c: Opportunity is not a table of report type/,
        ));

    it('report: a custom report type that does not exist', () =>
        plant(
            REPORT,
            '<reportType>Accounts_With_Stakeholders__c</reportType>',
            '<reportType>Accounts_With_Contacts__c</reportType>',
            /reportType Accounts_With_Contacts__c: no reportTypes\/Accounts_With_Contacts\.reportType-meta\.xml/,
        ));

    it('report: a grouped field also listed as a column', () => {
        const root = copy();
        const line = edit(
            root,
            REPORT,
            '<field>Account$Name</field>',
            '<field>Account.Stakeholders__r$Role__c</field>',
        );
        const problems = crossCheckMetadata(root);
        assert.ok(
            problems.some((p) => p.line > line && /also listed as a column/.test(p.message)),
            show(problems),
        );
    });

    it('report: a chart grouped by a field the report does not group by', () =>
        plant(
            REPORT,
            '<groupingColumn>Account.Stakeholders__r$Role__c</groupingColumn>',
            '<groupingColumn>Account$Tier__c</groupingColumn>',
            /chart grouping Account\$Tier__c: not one of the report's groupings/,
        ));

    it('report: a folder without its folder file', () => {
        const root = copy();
        rmSync(join(root, D, 'reports', 'Keystone_Fixture.reportFolder-meta.xml'));
        expectOne(
            root,
            REPORT,
            2,
            /report folder Keystone_Fixture: no reports\/Keystone_Fixture\.reportFolder-meta\.xml/,
        );
    });

    it('dashboard: a component on a report that does not exist', () =>
        plant(
            DASHBOARD,
            '<report>Keystone_Fixture/Stakeholders_By_Role</report>',
            '<report>Keystone_Fixture/Stakeholders_By_Level</report>',
            /report Keystone_Fixture\/Stakeholders_By_Level: no reports\/Keystone_Fixture\/Stakeholders_By_Level\.report-meta\.xml/,
        ));

    it('dashboard: a summary the report does not compute', () => {
        const root = copy();
        const line = edit(
            root,
            DASHBOARD,
            '<aggregate>Sum</aggregate>',
            '<aggregate>Average</aggregate>',
        );
        // Reported on the summary's column, two lines below its aggregate.
        expectOne(
            root,
            DASHBOARD,
            line + 2,
            /chart summary Average of Account\.Stakeholders__r\$Influence__c: report .* does not summarise that column that way/,
        );
    });

    it("dashboard: a grouping that is not one of the report's", () =>
        plant(
            DASHBOARD,
            '<groupingColumn>Account.Stakeholders__r$Role__c</groupingColumn>',
            '<groupingColumn>Account$Name</groupingColumn>',
            /grouping Account\$Name: not one of the groupings of report Keystone_Fixture\/Stakeholders_By_Role/,
        ));
});

describe('structure', () => {
    it('class without -meta.xml', () => {
        const root = copy();
        rmSync(join(root, CLS + '-meta.xml'));
        expectOne(root, CLS, 0, /missing StakeholderController\.cls-meta\.xml/);
    });

    it('field under an object folder without .object-meta.xml', () => {
        const root = copy();
        const rel = join(D, 'objects', 'Widget__c', 'fields', 'Size__c.field-meta.xml');
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        cpSync(
            join(root, D, 'objects', 'Stakeholder__c', 'fields', 'Influence__c.field-meta.xml'),
            join(root, rel),
        );
        expectOne(root, rel, 0, /objects\/Widget__c\/ has no Widget__c\.object-meta\.xml/);
    });

    it('LWC bundle without js-meta.xml', () => {
        const root = copy();
        rmSync(join(root, D, 'lwc', 'stakeholderList', 'stakeholderList.js-meta.xml'));
        expectOne(
            root,
            join(D, 'lwc', 'stakeholderList'),
            0,
            /LWC bundle stakeholderList has no stakeholderList\.js-meta\.xml/,
        );
    });

    it('static resource without its -meta.xml', () => {
        const root = copy();
        rmSync(join(root, D, 'staticresources', 'keystoneLogo.resource-meta.xml'));
        expectOne(
            root,
            join(D, 'staticresources', 'keystoneLogo.svg'),
            0,
            /static resource keystoneLogo has no keystoneLogo\.resource-meta\.xml/,
        );
    });

    it('malformed XML', () => {
        const root = copy();
        const rel = join(D, 'tabs', 'Stakeholder__c.tab-meta.xml');
        edit(root, rel, '</motif>', '</motiv>');
        expectOne(root, rel, 4, /malformed XML/);
    });
});

describe('CLI', () => {
    it('exits 0 on the fixture with a summary line', () => {
        const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, FIXTURE], {
            encoding: 'utf8',
        });
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /^metadata xref: \d+ references checked .*, 0 errors/m);
    });

    it('exits 1 and prints file:line: message', () => {
        const root = copy();
        const line = edit(root, CLS, 'GROUP BY Role__c', 'GROUP BY Roles__c');
        const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, root], {
            encoding: 'utf8',
        });
        assert.equal(r.status, 1, r.stdout + r.stderr);
        const out = r.stdout.trim().split('\n');
        assert.match(
            out[0] ?? '',
            new RegExp(`StakeholderController\\.cls:${line}: SOQL Roles__c`),
        );
        assert.match(out[1] ?? '', /^metadata xref: \d+ references checked .*, 1 error /);
    });
});

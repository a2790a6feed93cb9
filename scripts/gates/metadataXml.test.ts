// Tests for Gate A (metadataXml.ts): planted errors are each reported with the right line and
// message; the correct fixture project and some tricky-but-valid shapes pass.
// Run: node --import tsx --test scripts/gates/metadataXml.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
    buildSchemaFromSource,
    loadMetadataSchema,
    rootTypeForFile,
    runMetadataXmlGate,
    SUFFIX_TYPES,
    validateXmlText,
} from './metadataXml.ts';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, 'fixtures', 'metadata');
const DEFAULT = join(FIXTURE, 'force-app', 'main', 'default');
const SCRIPT = join(here, 'metadataXml.ts');

function fixture(rel: string): { file: string; text: string } {
    const file = join(DEFAULT, rel);
    return { file, text: readFileSync(file, 'utf8') };
}

function lineOf(text: string, needle: string): number {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, `test setup: ${JSON.stringify(needle)} not found`);
    return text.slice(0, i).split('\n').length;
}

/**
 * Replaces `from` with `to` in a fixture file, validates, and expects exactly one problem on the
 * line where `to` starts (or `line`), whose message matches `message`.
 */
function plant(rel: string, from: string, to: string, message: RegExp, line?: number): void {
    const { file, text } = fixture(rel);
    assert.ok(text.includes(from), `test setup: ${JSON.stringify(from)} not in ${rel}`);
    const changed = text.replace(from, to);
    const problems = validateXmlText(file, changed);
    assert.equal(
        problems.length,
        1,
        `expected one problem, got:\n${problems.map((p) => `${p.line}: ${p.message}`).join('\n')}`,
    );
    const [p] = problems;
    assert.ok(p);
    assert.equal(p.file, file);
    assert.equal(p.line, line ?? lineOf(changed, to), `line of: ${p.message}`);
    assert.match(p.message, message);
}

const FIELD = 'objects/Stakeholder__c/fields/Role__c.field-meta.xml';
const LOOKUP = 'objects/Stakeholder__c/fields/Contact__c.field-meta.xml';
const OBJECT = 'objects/Stakeholder__c/Stakeholder__c.object-meta.xml';
const PERMSET = 'permissionsets/Keystone_User.permissionset-meta.xml';
const LWC = 'lwc/stakeholderList/stakeholderList.js-meta.xml';
const CMD = 'customMetadata/Keystone_Setting.Default.md-meta.xml';
const FLEXI = 'flexipages/Key_Account_Record_Page.flexipage-meta.xml';
const LAYOUT = 'layouts/Stakeholder__c-Stakeholder Layout.layout-meta.xml';

describe('schema from @salesforce/types', () => {
    it('has the ~2,670 metadata types, with intersections merged and enums', () => {
        const schema = loadMetadataSchema();
        assert.ok(schema.typeNames().length > 2500, `${schema.typeNames().length} types`);
        const field = schema.resolve('CustomField');
        assert.equal(field?.kind, 'complex');
        if (field?.kind !== 'complex') return;
        assert.deepEqual(field.fields.get('fullName'), {
            type: 'string',
            isArray: false,
            optional: true,
        });
        assert.deepEqual(field.fields.get('type'), {
            type: 'FieldType',
            isArray: false,
            optional: true,
        });
        const fieldType = schema.resolve('FieldType');
        assert.ok(
            fieldType?.kind === 'enum' &&
                fieldType.values.has('Text') &&
                fieldType.values.has('MasterDetail'),
        );
        const folder = schema.resolve('ReportFolder');
        assert.ok(folder?.kind === 'complex' && folder.fields.has('folderShares'));
        assert.equal(field.fields.get('summaryFilterItems')?.isArray, true);
    });

    it('parses a small declaration file the same way', () => {
        const s = buildSchemaFromSource(
            `export type Metadata = { fullName?: string };\n` +
                `export type Color = 'Red' | 'Blue';\n` +
                `export type Thing = Metadata & { color: Color; tags: string[]; size?: number };\n` +
                `export type Alias = Thing;\n`,
        );
        const t = s.resolve('Alias');
        assert.ok(t?.kind === 'complex');
        if (t?.kind !== 'complex') return;
        assert.deepEqual([...t.fields.keys()].sort(), ['color', 'fullName', 'size', 'tags']);
        assert.deepEqual(t.fields.get('tags'), { type: 'string', isArray: true, optional: false });
        const c = s.resolve('Color');
        assert.ok(c?.kind === 'enum' && c.values.size === 2);
    });

    it('maps source-format suffixes to root types', () => {
        assert.equal(rootTypeForFile('a/objects/X__c/X__c.object-meta.xml'), 'CustomObject');
        assert.equal(rootTypeForFile('a/objects/X__c/fields/Y__c.field-meta.xml'), 'CustomField');
        assert.equal(rootTypeForFile('a/customMetadata/T.R.md-meta.xml'), 'CustomMetadata');
        assert.equal(rootTypeForFile('a/lwc/x/x.js-meta.xml'), 'LightningComponentBundle');
        assert.equal(rootTypeForFile('a/reports/F.reportFolder-meta.xml'), 'ReportFolder');
        assert.equal(rootTypeForFile('a/settings/Account.settings-meta.xml'), 'AccountSettings');
        assert.equal(rootTypeForFile('a/classes/X.cls'), undefined);
    });

    it('every mapped suffix names a type of the schema', () => {
        const schema = loadMetadataSchema();
        for (const [suffix, type] of Object.entries(SUFFIX_TYPES))
            assert.equal(schema.resolve(type)?.kind, 'complex', `${suffix} -> ${type}`);
    });
});

describe('correct metadata passes', () => {
    it('the fixture project has no problems', () => {
        const { problems, files, typed } = runMetadataXmlGate(FIXTURE);
        assert.deepEqual(problems, []);
        assert.ok(files >= 20 && typed === files, `${files} files, ${typed} typed`);
    });

    it('accepts xsi:nil, CDATA, comments, a BOM, entities and the tooling namespace', () => {
        const cmd = fixture(CMD);
        const nil = cmd.text.replace(
            '<value xsi:type="xsd:double">2.5</value>',
            '<value xsi:nil="true" />\n        <!-- cleared -->',
        );
        assert.deepEqual(validateXmlText(cmd.file, nil), []);
        const field = fixture(FIELD);
        const cdata =
            '\ufeff' +
            field.text.replace('<label>Role</label>', '<label><![CDATA[Role & Rank]]></label>');
        assert.deepEqual(validateXmlText(field.file, cdata), []);
        const vr = fixture(
            'objects/Stakeholder__c/validationRules/Influence_In_Range.validationRule-meta.xml',
        );
        assert.match(vr.text, /&lt;/);
        assert.deepEqual(validateXmlText(vr.file, vr.text), []);
        const cls = fixture('classes/StakeholderController.cls-meta.xml');
        const tooling = cls.text.replace(
            'xmlns="http://soap.sforce.com/2006/04/metadata"',
            'xmlns="urn:metadata.tooling.soap.sforce.com" fqn="StakeholderController"',
        );
        assert.deepEqual(validateXmlText(cls.file, tooling), []);
    });

    it('accepts a subtype named by xsi:type', () => {
        const field = fixture(FIELD);
        const text = field.text.replace(
            '<value>\n                <fullName>Champion</fullName>',
            '<value xsi:type="StandardValue" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n                <fullName>Champion</fullName>\n                <won>false</won>',
        );
        assert.deepEqual(validateXmlText(field.file, text), []);
    });
});

describe('planted errors are reported with line and message', () => {
    it('unknown element name, with a did-you-mean', () =>
        plant(
            FIELD,
            '<label>Role</label>',
            '<lable>Role</lable>',
            /unknown element <lable> in <CustomField>.*did you mean <label>/,
        ));

    it('wrong nesting: valueSetDefinition directly in CustomField', () =>
        plant(
            FIELD,
            '    <type>Picklist</type>',
            '    <type>Picklist</type>\n    <valueSetDefinition><sorted>false</sorted></valueSetDefinition>',
            /unknown element <valueSetDefinition> in <CustomField>.*belongs inside <valueSet>/,
            lineOf(fixture(FIELD).text, '    <type>Picklist</type>') + 1,
        ));

    it('wrong nesting: sorted directly in valueSet', () =>
        plant(
            FIELD,
            '<restricted>true</restricted>',
            '<sorted>true</sorted>',
            /unknown element <sorted> in <valueSet> \(ValueSet\).*belongs inside <valueSetDefinition>/,
        ));

    it('wrong nesting: target directly in the bundle', () =>
        plant(
            LWC,
            '<isExposed>true</isExposed>',
            '<isExposed>true</isExposed><target>lightning__HomePage</target>',
            /unknown element <target> in <LightningComponentBundle>.*belongs inside <targets>/,
        ));

    it('bad boolean', () =>
        plant(
            FIELD,
            '<required>false</required>',
            '<required>no</required>',
            /<required> must be true or false, found "no"/,
        ));

    it('boolean is case-sensitive', () =>
        plant(
            LWC,
            '<isExposed>true</isExposed>',
            '<isExposed>True</isExposed>',
            /<isExposed> must be true or false/,
        ));

    it('bad enum: field type Txt', () =>
        plant(
            FIELD,
            '<type>Picklist</type>',
            '<type>Txt</type>',
            /<type> value "Txt" is not a valid FieldType/,
        ));

    it('bad enum, nested: deleteConstraint', () =>
        plant(
            LOOKUP,
            '<deleteConstraint>SetNull</deleteConstraint>',
            '<deleteConstraint>Nullify</deleteConstraint>',
            /not a valid DeleteConstraint \(allowed: .*SetNull/,
        ));

    it('bad enum: layout behavior is case-sensitive', () =>
        plant(
            LAYOUT,
            '<behavior>Readonly</behavior>',
            '<behavior>ReadOnly</behavior>',
            /"ReadOnly" is not a valid UiBehavior/,
        ));

    it('bad enum: object sharingModel', () =>
        plant(
            OBJECT,
            '<sharingModel>ControlledByParent</sharingModel>',
            '<sharingModel>Privat</sharingModel>',
            /not a valid SharingModel/,
        ));

    it('bad enum: flexipage type', () =>
        plant(
            FLEXI,
            '<type>RecordPage</type>',
            '<type>RecordPages</type>',
            /"RecordPages" is not a valid FlexiPageType/,
        ));

    it('non-numeric number', () =>
        plant(
            'objects/Account/fields/Tier__c.field-meta.xml',
            '<length>20</length>',
            '<length>twenty</length>',
            /<length> must be a number, found "twenty"/,
        ));

    it('non-numeric apiVersion in a class meta file', () =>
        plant(
            'classes/StakeholderController.cls-meta.xml',
            '<apiVersion>64.0</apiVersion>',
            '<apiVersion>v64</apiVersion>',
            /<apiVersion> must be a number/,
        ));

    it('duplicate non-array element', () =>
        plant(
            FIELD,
            '<label>Role</label>',
            '<label>Role</label>\n    <label>Rolle</label>',
            /duplicate <label> in <CustomField>/,
            lineOf(fixture(FIELD).text, '<label>Role</label>') + 1,
        ));

    it('malformed XML: unclosed tag', () => {
        const { file, text } = fixture(FIELD);
        const bad = text.replace('<label>Role</label>', '<label>Role');
        const problems = validateXmlText(file, bad);
        assert.equal(problems.length, 1);
        assert.match(problems[0]?.message ?? '', /^malformed XML: .*label/);
        assert.equal(problems[0]?.line, lineOf(bad, '</CustomField>'));
    });

    it('malformed XML: mismatched closing tag', () => {
        const { file, text } = fixture(LAYOUT);
        const bad = text.replace('<field>Name</field>', '<field>Name</fild>');
        const problems = validateXmlText(file, bad);
        assert.equal(problems.length, 1);
        assert.match(problems[0]?.message ?? '', /malformed XML: Expected closing tag 'field'/);
        assert.equal(problems[0]?.line, lineOf(bad, '</fild>'));
    });

    it('wrong root element for the suffix', () => {
        const { file, text } = fixture(FIELD);
        const bad = text
            .replace('<CustomField ', '<CustomObject ')
            .replace('</CustomField>', '</CustomObject>');
        const problems = validateXmlText(file, bad);
        assert.equal(problems.length, 1);
        assert.equal(problems[0]?.line, 2);
        assert.match(
            problems[0]?.message ?? '',
            /root element is <CustomObject>, expected <CustomField>/,
        );
    });

    it('missing metadata namespace on the root', () =>
        plant(
            OBJECT,
            '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">',
            '<CustomObject>',
            /root <CustomObject> lacks xmlns=/,
        ));

    it('unexpected attribute', () =>
        plant(
            FIELD,
            '<label>Role</label>',
            '<label lang="en">Role</label>',
            /unexpected attribute lang on <label>/,
        ));

    it('stray text in a complex element', () =>
        plant(
            FIELD,
            '<valueSet>',
            '<valueSet>oops',
            /<valueSet> \(ValueSet\) holds stray text "oops"/,
        ));

    it('child elements inside a simple element', () =>
        plant(
            FIELD,
            '<label>Role</label>',
            '<label><b>Role</b></label>',
            /<label> in CustomField holds text \(string\), not child elements like <b>/,
        ));

    it('permission set: bad boolean in objectPermissions', () =>
        plant(
            PERMSET,
            '<allowRead>true</allowRead>',
            '<allowRead>maybe</allowRead>',
            /<allowRead> must be true or false/,
        ));

    it('permission set: objectPermissions without <object>', () =>
        plant(
            PERMSET,
            '        <object>Stakeholder__c</object>\n',
            '',
            /<objectPermissions> \(PermissionSetObjectPermissions\) is missing required <object>/,
            lineOf(fixture(PERMSET).text, '<objectPermissions>'),
        ));

    it('validation rule without errorMessage', () =>
        plant(
            'objects/Stakeholder__c/validationRules/Influence_In_Range.validationRule-meta.xml',
            '    <errorMessage>Influence is between 0 and 10.</errorMessage>\n',
            '',
            /<ValidationRule> \(ValidationRule\) is missing required <errorMessage>/,
            2,
        ));

    it('LWC: targetConfig for a target not listed in <targets>', () =>
        plant(
            LWC,
            '<targetConfig targets="lightning__RecordPage">',
            '<targetConfig targets="lightning__RecordPage,lightning__HomePage">',
            /names lightning__HomePage, which is not listed in <targets>/,
        ));

    it('LWC: property without a name', () =>
        plant(
            LWC,
            '<property name="heading" type="String"',
            '<property type="String"',
            /<property> lacks its name attribute/,
        ));

    it('custom metadata record: xsd:boolean value that is not a boolean', () =>
        plant(
            CMD,
            '<value xsi:type="xsd:boolean">true</value>',
            '<value xsi:type="xsd:boolean">yes</value>',
            /\(xsd:boolean\) must be true or false, found "yes"/,
        ));

    it('custom metadata record: xsd:double value that is not a number', () =>
        plant(
            CMD,
            '<value xsi:type="xsd:double">2.5</value>',
            '<value xsi:type="xsd:double">2,5</value>',
            /\(xsd:double\) must be a number, found "2,5"/,
        ));

    it('custom metadata record: unknown xsi:type', () =>
        plant(
            CMD,
            'xsi:type="xsd:double"',
            'xsi:type="xsd:float"',
            /unknown xsi:type "xsd:float"/,
        ));

    it('custom metadata record: values without <field>', () =>
        plant(
            CMD,
            '        <field>Enabled__c</field>\n',
            '',
            /<values> \(CustomMetadataValue\) is missing required <field>/,
            lineOf(fixture(CMD).text, '<values>'),
        ));

    it('flexipage: unknown element inside componentInstance', () =>
        plant(
            FLEXI,
            '<componentName>stakeholderList</componentName>',
            '<componentName>stakeholderList</componentName>\n                <componentLabel>x</componentLabel>',
            /unknown element <componentLabel> in <componentInstance> \(ComponentInstance\)/,
            lineOf(fixture(FLEXI).text, '<componentName>stakeholderList</componentName>') + 1,
        ));

    it('static resource: bad cacheControl enum', () =>
        plant(
            'staticresources/keystoneLogo.resource-meta.xml',
            '<cacheControl>Public</cacheControl>',
            '<cacheControl>public</cacheControl>',
            /"public" is not a valid StaticResourceCacheControl/,
        ));

    it('static resource: missing contentType', () =>
        plant(
            'staticresources/keystoneLogo.resource-meta.xml',
            '    <contentType>image/svg+xml</contentType>\n',
            '',
            /missing required <contentType>/,
            2,
        ));

    it('tab: boolean written as 1', () =>
        plant(
            'tabs/Stakeholder__c.tab-meta.xml',
            '<customObject>true</customObject>',
            '<customObject>1</customObject>',
            /<customObject> must be true or false, found "1"/,
        ));

    it('application: bad navType enum', () =>
        plant(
            'applications/Keystone.app-meta.xml',
            '<navType>Standard</navType>',
            '<navType>Classic</navType>',
            /not a valid NavType/,
        ));

    it('labels: unknown element inside a label', () =>
        plant(
            'labels/CustomLabels.labels-meta.xml',
            '<categories>Keystone</categories>',
            '<category>Keystone</category>',
            /unknown element <category> in <labels> \(CustomLabel\).*did you mean <categories>/,
        ));
});

describe('CLI', () => {
    it('exits 0 on the fixture with a summary line', () => {
        const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, FIXTURE], {
            encoding: 'utf8',
        });
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /^metadata xml: \d+ files checked .*, 0 errors/m);
    });

    it('exits 1 and prints file:line: message for each error', () => {
        const dir = mkdtempSync(join(tmpdir(), 'metadata-xml-'));
        try {
            const f = join(dir, 'objects', 'X__c', 'fields', 'Y__c.field-meta.xml');
            mkdirSync(dirname(f), { recursive: true });
            writeFileSync(
                f,
                '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <type>Txt</type>\n    <unique>nope</unique>\n</CustomField>\n',
            );
            const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, dir], {
                encoding: 'utf8',
            });
            assert.equal(r.status, 1, r.stdout + r.stderr);
            const lines = r.stdout.trim().split('\n');
            assert.match(
                lines[0] ?? '',
                /Y__c\.field-meta\.xml:3: <type> value "Txt" is not a valid FieldType/,
            );
            assert.match(lines[1] ?? '', /Y__c\.field-meta\.xml:4: <unique> must be true or false/);
            assert.match(lines[2] ?? '', /^metadata xml: 1 files checked .*, 2 errors/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

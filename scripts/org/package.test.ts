// Managed-package readiness, checked offline: sfdx-project.json against Salesforce's own schema
// (@salesforce/schemas), the namespace and the scripts it names, and the anonymous Apex the
// setup runs, type-checked by apex-ls against the package like any class would be.
// Run: node --import tsx --test scripts/org/package.test.ts
import assert from 'node:assert/strict';
import {
    cpSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    readFileSync,
    rmSync,
    writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { PROJECT_ROOT, metadataFiles } from '../lib/projectPaths.ts';
import { typeCheckProject, isBlockingIssue } from '../gates/apexTypeCheck.ts';
import { SCHEDULE_JOBS_APEX } from './doctor.ts';
import { PLACEHOLDER_NAMESPACE, readProject } from './packageVersion.ts';

const require = createRequire(import.meta.url);
const project = readProject();
const temps: string[] = [];
after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function classFile(name: string): string {
    const file = metadataFiles('classes', '.cls').find((path) => path.endsWith(`/${name}.cls`));
    assert.ok(file, `no class ${name} under force-app`);
    return readFileSync(file, 'utf8');
}

describe('sfdx-project.json', () => {
    it("is valid against Salesforce's sfdx-project schema", () => {
        const schema = require('@salesforce/schemas/lib/sfdx-project.schema.json') as object;
        const ajv = new Ajv({ allErrors: true, strict: false });
        const validate = ajv.compile(schema);
        const valid = validate(
            JSON.parse(readFileSync(join(PROJECT_ROOT, 'sfdx-project.json'), 'utf8')),
        );
        assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    });

    it('has the placeholder namespace, a package and aliases for it', () => {
        assert.equal(project.namespace, PLACEHOLDER_NAMESPACE);
        assert.match(
            project.namespace ?? '',
            /^[a-z][a-z0-9]{0,14}$/,
            'a legal prefix: 1-15 letters or digits',
        );
        assert.ok(project.packageAliases && typeof project.packageAliases === 'object');
        const packaged = project.packageDirectories.filter((dir) => dir.package);
        assert.deepEqual(
            packaged.map((dir) => [dir.path, dir.package]),
            [['force-app', 'Keystone']],
        );
    });

    it('names install and uninstall scripts that exist and implement the handlers', () => {
        const directory = JSON.parse(readFileSync(join(PROJECT_ROOT, 'sfdx-project.json'), 'utf8'))
            .packageDirectories[0] as Record<string, unknown>;
        const install = String(directory.postInstallScript);
        const uninstall = String(directory.uninstallScript);
        assert.match(classFile(install), /implements System\.InstallHandler/);
        assert.match(classFile(uninstall), /implements System\.UninstallHandler/);
    });

    it('keeps the test-org shape out of the package but available to its tests', () => {
        const directory = JSON.parse(readFileSync(join(PROJECT_ROOT, 'sfdx-project.json'), 'utf8'))
            .packageDirectories[0] as { unpackagedMetadata?: { path: string } };
        const shape = directory.unpackagedMetadata?.path ?? '';
        assert.equal(shape, 'config/test-org');
        assert.ok(
            existsSync(join(PROJECT_ROOT, shape, 'objects', 'Account', 'Account.object-meta.xml')),
        );
        assert.ok(
            project.packageDirectories.some((dir) => dir.path === shape && !dir.package),
            'listed as an unpackaged directory so the CLI can deploy it',
        );
    });
});

describe('the anonymous Apex the setup runs', () => {
    it('compiles against the package (apex-ls), and a broken copy does not', () => {
        const body = readFileSync(join(PROJECT_ROOT, SCHEDULE_JOBS_APEX), 'utf8');
        const root = mkdtempSync(join(tmpdir(), 'anonymous-apex-'));
        temps.push(root);
        writeFileSync(
            join(root, 'sfdx-project.json'),
            JSON.stringify({
                packageDirectories: [{ path: 'force-app', default: true }],
                sourceApiVersion: '64.0',
            }),
        );
        cpSync(join(PROJECT_ROOT, 'force-app'), join(root, 'force-app'), {
            recursive: true,
            filter: (source) => !source.includes('/lwc/') && !source.includes('/staticresources/'),
        });
        const classes = join(root, 'force-app', 'anonymous', 'classes');
        mkdirSync(classes, { recursive: true });
        // One apex-ls run checks both: the script as it is, and a copy with a planted error.
        const wrap = (name: string, apex: string): void => {
            writeFileSync(
                join(classes, `${name}.cls`),
                `public class ${name} {\n    public static void run() {\n${apex}\n    }\n}\n`,
            );
            writeFileSync(
                join(classes, `${name}.cls-meta.xml`),
                '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>64.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n',
            );
        };
        wrap('AnonymousScheduleJobs', body);
        wrap(
            'AnonymousScheduleJobsBroken',
            body.replace('KeystoneJobs.scheduleAll()', 'KeystoneJobs.scheduleEverything()'),
        );
        const issues = typeCheckProject(root)
            .issues.filter(isBlockingIssue)
            .map((issue) => `${issue.file}:${issue.line}: ${issue.message}`);
        assert.deepEqual(
            issues.filter((issue) => !issue.includes('AnonymousScheduleJobsBroken')),
            [],
            'the script as shipped compiles',
        );
        assert.ok(
            issues.some((issue) => issue.includes('AnonymousScheduleJobsBroken.cls')),
            `the planted error is caught:\n${issues.join('\n')}`,
        );
    });
});

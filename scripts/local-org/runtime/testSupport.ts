// Helpers for the runtime's own tests: a copy of the fixture project with extra Apex classes,
// loaded into a LocalOrg, and a way to run a static method in a test transaction.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApexThrown } from '../interpreter/exceptions.ts';
import { toJson } from '../index.ts';
import { LocalOrg } from './org.ts';

export const FIXTURE_PROJECT = fileURLToPath(new URL('./fixtures/project', import.meta.url));

const CLASS_META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>64.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

let base: string | null = null;

const TRIGGER_META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexTrigger xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>64.0</apiVersion>
    <status>Active</status>
</ApexTrigger>
`;

/** A temporary copy of a project with the given classes (and triggers) added (name → source). */
export function projectWith(
    classes: Record<string, string>,
    from = FIXTURE_PROJECT,
    triggers: Record<string, string> = {},
): string {
    if (base === null) {
        const dir = mkdtempSync(join(tmpdir(), 'local-org-runtime-'));
        base = dir;
        process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
    const dir = mkdtempSync(join(base, 'p-'));
    cpSync(from, dir, { recursive: true });
    const classDir = join(dir, 'force-app', 'main', 'default', 'classes');
    mkdirSync(classDir, { recursive: true });
    for (const [name, source] of Object.entries(classes)) {
        const file = join(classDir, `${name}.cls`);
        writeFileSync(file, source);
        writeFileSync(`${file}-meta.xml`, CLASS_META);
    }
    const triggerDir = join(dir, 'force-app', 'main', 'default', 'triggers');
    if (Object.keys(triggers).length > 0) mkdirSync(triggerDir, { recursive: true });
    for (const [name, source] of Object.entries(triggers)) {
        const file = join(triggerDir, `${name}.trigger`);
        writeFileSync(file, source);
        writeFileSync(`${file}-meta.xml`, TRIGGER_META);
    }
    return dir;
}

export function orgWith(classes: Record<string, string>): LocalOrg {
    return new LocalOrg({ projectRoot: projectWith(classes) });
}

/**
 * Runs Class.method() in a test transaction, as the runner runs a test method (fresh statics,
 * test data isolation, the data put back afterwards); returns the result as JSON, or the
 * Apex error text.
 */
export function runInTest(org: LocalOrg, className: string, methodName = 'run'): unknown {
    const cls = org.findClass(className);
    if (!cls) throw new Error(`no class ${className}`);
    org.interpreter.resetStatics();
    org.runningTests = true;
    const db = org.data.db;
    const clean = db.snapshot();
    db.beginTestIsolation();
    try {
        return org.inTransaction({ isTest: true }, () =>
            toJson(org.interpreter.callStatic(cls, methodName, [])),
        );
    } catch (e) {
        if (e instanceof ApexThrown)
            return `${e.exception.cls.name}: ${e.exception.message ?? 'null'}`;
        throw e;
    } finally {
        org.runningTests = false;
        db.endTestIsolation();
        db.restore(clean);
        db.discard(clean);
    }
}

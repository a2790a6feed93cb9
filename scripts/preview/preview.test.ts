// Tests of the preview's build plugin and server (node:test; the browser tests in e2e/ cover
// the page over the seeded local org). The Apex path — page → preview server → local org —
// runs here over a one-class project (fixtures/project), so it is quick.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { rollup } from 'rollup';
import type { Plugin } from 'rollup';
import { reduceErrors } from 'c/keystoneErrors';
import { Connection } from 'jsforce';
import { LocalOrg, startLocalOrgServer } from '@keystone/local-org';
import { apexRoute } from './org/previewOrg.ts';
import { isAuraEnabledMethod, salesforceModulesPlugin } from './plugins/salesforceModules.ts';
import { startPreviewServer } from './server.ts';
import type { PreviewServer } from './server.ts';
import { refreshApex } from './standins/apex.ts';
import { LocalOrgError, apexMethod } from './standins/apexMethod.ts';

function virtualEntry(code: string): Plugin {
    return {
        name: 'virtual-entry',
        resolveId: (source) => (source === 'entry' ? '\0entry' : null),
        load: (id) => (id === '\0entry' ? code : null),
    };
}

async function bundle(code: string, plugin: Plugin = salesforceModulesPlugin()): Promise<string> {
    const build = await rollup({
        input: 'entry',
        plugins: [virtualEntry(code), plugin],
        onLog: () => {},
    });
    try {
        const { output } = await build.generate({ format: 'esm' });
        return output[0].code;
    } finally {
        await build.close();
    }
}

function tempDir(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'keystone-preview-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    return dir;
}

test('schema imports become { objectApiName, fieldApiName }', async () => {
    const code = await bundle(
        "import f from '@salesforce/schema/Account.KeyAccountTier__c';\n" +
            "import o from '@salesforce/schema/Account';\nconsole.log(f, o);",
    );
    assert.ok(code.includes('{"objectApiName":"Account","fieldApiName":"KeyAccountTier__c"}'));
    assert.ok(code.includes('{"objectApiName":"Account"}'));
});

test('an Apex import of a class or method the project lacks fails the build, naming it', async () => {
    await assert.rejects(
        bundle("import m from '@salesforce/apex/NoSuchController.load'; m();"),
        /@salesforce\/apex\/NoSuchController\.load: no Apex class NoSuchController/,
    );
    await assert.rejects(
        bundle("import m from '@salesforce/apex/AccountPlanController.noSuchMethod'; m();"),
        /AccountPlanController has no static @AuraEnabled method noSuchMethod/,
    );
    // A real method becomes a call through the preview server (standins/apexMethod.ts).
    const plugin = salesforceModulesPlugin();
    const context = { addWatchFile: () => {}, error: (message: string) => assert.fail(message) };
    const load = plugin.load as unknown as (this: typeof context, id: string) => string;
    assert.match(
        load.call(context, '\0keystone-preview:@salesforce/apex/AccountPlanController.getPlan'),
        /export default apexMethod\("AccountPlanController\.getPlan"\);/,
    );
});

test('isAuraEnabledMethod reads the annotation, not a comment or a private helper', () => {
    const source = [
        'public with sharing class C {',
        '    @AuraEnabled(cacheable=true)',
        '    public static List<Map<String, Object>> getPlan(Id accountId) { return null; }',
        '    // @AuraEnabled public static void commented() {}',
        '    private static void helper() {}',
        '}',
    ].join('\n');
    assert.ok(isAuraEnabledMethod(source, 'getPlan'));
    assert.ok(!isAuraEnabledMethod(source, 'commented'));
    assert.ok(!isAuraEnabledMethod(source, 'helper'));
});

test('labels come from the labels XML; a missing label fails the build', async () => {
    const packageDir = tempDir({
        'labels/CustomLabels.labels-meta.xml':
            '<?xml version="1.0" encoding="UTF-8"?>\n<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">' +
            '<labels><fullName>KeystoneTitle</fullName><language>en_US</language><protected>true</protected>' +
            '<shortDescription>t</shortDescription><value>Key account plan</value></labels></CustomLabels>',
    });
    const plugin = (): Plugin => salesforceModulesPlugin({ packageDir });
    assert.match(
        await bundle(
            "import l from '@salesforce/label/c.KeystoneTitle'; console.log(l);",
            plugin(),
        ),
        /"Key account plan"/,
    );
    await assert.rejects(
        bundle("import l from '@salesforce/label/c.Missing'; console.log(l);", plugin()),
        /no custom label Missing/,
    );
});

test('unknown platform modules fail the build; base components keep their own @salesforce modules', async () => {
    await assert.rejects(
        bundle("import x from '@salesforce/contentAssetUrl/logo'; console.log(x);"),
        /does not provide this platform module/,
    );
    const plugin = salesforceModulesPlugin();
    const resolveId = plugin.resolveId as (source: string, importer?: string) => unknown;
    assert.equal(
        resolveId(
            '@salesforce/label/LightningControl.required',
            '/p/node_modules/lightning-base-components/src/x.js',
        ),
        null,
    );
    assert.match(
        String(resolveId('lightning/uiRecordApi', '/p/node_modules/x.js')),
        /standins\/uiRecordApi\.ts$/,
    );
});

test('the server serves the page, the bundle and SLDS, and nothing outside them', async () => {
    const buildDir = tempDir({ 'index.html': '<!doctype html><title>t</title>', 'main.js': '1;' });
    const server = await startPreviewServer({
        port: 0,
        buildDir,
        org: { url: 'http://127.0.0.1:9', token: 't', userId: '005000000000001AAA' },
    });
    const get = (path: string): Promise<{ status: number; type: string }> =>
        new Promise((resolve, reject) => {
            request({ host: '127.0.0.1', port: server.port, path }, (response) => {
                response.resume();
                resolve({
                    status: response.statusCode ?? 0,
                    type: String(response.headers['content-type']),
                });
            })
                .on('error', reject)
                .end();
        });
    try {
        assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
        assert.deepEqual(await get('/'), { status: 200, type: 'text/html; charset=utf-8' });
        assert.equal((await get('/build/main.js')).type, 'text/javascript; charset=utf-8');
        assert.equal(
            (await get('/slds/styles/salesforce-lightning-design-system.min.css')).status,
            200,
        );
        assert.equal((await get('/build/../../package.json')).status, 404);
        assert.equal((await get('/build/%2e%2e/%2e%2e/package.json')).status, 404);
        assert.equal((await get('/resource/NoSuchResource')).status, 404);
    } finally {
        await server.close();
    }
});

/** The fixture org behind a preview server, with the page's relative fetches aimed at it. */
async function withProbeOrg(
    run: (context: { userId: string; server: PreviewServer }) => Promise<void>,
): Promise<void> {
    const org = new LocalOrg({ projectRoot: join(import.meta.dirname, 'fixtures', 'project') });
    const orgServer = await startLocalOrgServer({ org, password: 'p', routes: [apexRoute] });
    const admin = new Connection({ loginUrl: orgServer.url, version: '64.0' });
    await admin.login('admin@local-org.invalid', 'p');
    const userId = admin.userInfo?.id ?? '';
    const server = await startPreviewServer({
        port: 0,
        buildDir: tempDir({ 'index.html': '<meta content="%PREVIEW_USER_ID%">' }),
        org: { url: orgServer.url, token: orgServer.sessions.issue(userId), userId },
    });
    const pageFetch = globalThis.fetch;
    globalThis.fetch = (input, init) =>
        pageFetch(typeof input === 'string' ? new URL(input, server.url) : input, init);
    try {
        await run({ userId, server });
    } finally {
        globalThis.fetch = pageFetch;
        await server.close();
        await orgServer.close();
    }
}

test('the page names its user, and Apex calls run in the local org as that user', async () => {
    await withProbeOrg(async ({ userId, server }) => {
        assert.equal(await (await fetch(server.url)).text(), `<meta content="${userId}">`);
        const whoAmI = apexMethod<{ echo: string }, { userId: string; echo: string }>(
            'PreviewProbeController.whoAmI',
        );
        assert.deepEqual(await whoAmI({ echo: 'hello' }), { userId, echo: 'hello' });
    });
});

test('an AuraHandledException reaches the component in the Apex error shape', async () => {
    await withProbeOrg(async () => {
        const refuse = apexMethod('PreviewProbeController.refuse');
        await assert.rejects(refuse(), (error: unknown) => {
            assert.deepEqual(reduceErrors(error), ['Plan is locked']);
            assert.equal(
                (error as { body: { exceptionType: string } }).body.exceptionType,
                'System.AuraHandledException',
            );
            assert.equal((error as { status: number }).status, 500);
            return true;
        });
    });
});

test('a construct the local org cannot run fails loudly, naming it — never a quiet result', async () => {
    await withProbeOrg(async () => {
        const callOut = apexMethod('PreviewProbeController.callOut');
        await assert.rejects(callOut(), (error: unknown) => {
            assert.ok(error instanceof LocalOrgError, String(error));
            assert.match(
                error.message,
                /PreviewProbeController\.callOut: the local org answered 501/,
            );
            assert.match(error.message, /PreviewProbeController\.cls/);
            return true;
        });
        const missing = apexMethod('PreviewProbeController.noSuchMethod');
        await assert.rejects(missing(), /answered 404: .*noSuchMethod/);
    });
});

test('apexMethod: the wire waits for parameters, emits frozen data, and refreshApex re-runs it', async () => {
    await withProbeOrg(async ({ userId }) => {
        const whoAmI = apexMethod('PreviewProbeController.whoAmI');
        const values: { data?: { userId: string; echo: string }; error?: unknown }[] = [];
        const wire = new whoAmI.adapter((value: (typeof values)[number]) => values.push(value));
        wire.connect();
        wire.update({ echo: undefined });
        await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(values.length, 0, 'no call while a parameter is undefined');
        wire.update({ echo: 'one' });
        while (values.length < 1) await new Promise((resolve) => setTimeout(resolve, 20));
        assert.deepEqual(values[0]?.data, { userId, echo: 'one' });
        assert.ok(Object.isFrozen(values[0]?.data), 'wired data is read-only');
        await refreshApex(values[0]);
        assert.equal(values.length, 2, 'refreshApex ran the call again');
        wire.disconnect();
    });
});

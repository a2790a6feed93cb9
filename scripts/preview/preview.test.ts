// Tests of the preview's build plugin, data layer and Apex adapter helper (node:test; the
// browser tests in e2e/ cover the page itself).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { rollup } from 'rollup';
import type { Plugin } from 'rollup';
import { fieldErrorsOf, reduceErrors } from 'c/keystoneErrors';
import { scoreAccount } from 'c/keystoneEngine';
import { ApexException, apexMethod } from './adapters/apexMethod.ts';
import { CURRENT_USER_ID, accountOptions, buildPreviewData } from './data/previewData.ts';
import { RecordStore } from './data/recordStore.ts';
import { previewSeed } from './data/seed.ts';
import { mergeObjectFields } from './data/standardFields.ts';
import {
    adapterExports,
    readCustomObjectFields,
    salesforceModulesPlugin,
} from './plugins/salesforceModules.ts';
import { startPreviewServer } from './server.ts';
import { refreshApex } from './standins/apex.ts';

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

test('an Apex class without a preview adapter fails the build, naming the file to add', async () => {
    const adaptersDir = tempDir({});
    await assert.rejects(
        bundle(
            "import m from '@salesforce/apex/NoSuchController.load'; m();",
            salesforceModulesPlugin({ adaptersDir }),
        ),
        /no preview adapter for Apex class NoSuchController.*adapters\/NoSuchController\.ts exporting load/,
    );
});

test('an adapter that lacks the imported method fails the build', async () => {
    const adaptersDir = tempDir({ 'PlanController.ts': 'export const other = 1;\n' });
    await assert.rejects(
        bundle(
            "import m from '@salesforce/apex/PlanController.getPlan'; m();",
            salesforceModulesPlugin({ adaptersDir }),
        ),
        /PlanController\.ts does not export getPlan/,
    );
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

test('adapterExports finds functions, consts and export lists', () => {
    assert.ok(adapterExports('export const getPlan = apexMethod(...)', 'getPlan'));
    assert.ok(adapterExports('export async function getPlan() {}', 'getPlan'));
    assert.ok(adapterExports('export { a, getPlan };', 'getPlan'));
    assert.ok(!adapterExports('export const getPlans = 1;', 'getPlan'));
});

test('the record store rejects invalid writes with errors c/keystoneErrors can read', () => {
    const store = new RecordStore({ WhitespaceCell__c: ['Probability__c'] });
    store.addValidator('WhitespaceCell__c', (record) =>
        Number(record.Probability__c) > 100
            ? { fieldErrors: { Probability__c: ['Probability must be between 0 and 100.'] } }
            : null,
    );
    const cell = store.create('WhitespaceCell__c', { Probability__c: 40 });
    assert.match(cell.id, /^a02[0-9a-z]{12}AAA$/);
    const seen: string[] = [];
    store.subscribe((change) =>
        seen.push(`${change.kind}:${String(change.record.fields.Probability__c)}`),
    );
    assert.throws(
        () => store.update(cell.id, { Probability__c: 140 }),
        (error: unknown) => {
            assert.deepEqual(reduceErrors(error), ['Probability must be between 0 and 100.']);
            assert.deepEqual(fieldErrorsOf(error), {
                Probability__c: ['Probability must be between 0 and 100.'],
            });
            return true;
        },
    );
    assert.equal(store.get(cell.id)?.fields.Probability__c, 40, 'a rejected write changes nothing');
    store.update(cell.id, { Probability__c: 60 });
    assert.deepEqual(seen, ['update:60']);
    assert.throws(
        () => store.update(cell.id, { NoSuchField__c: 1 }),
        /No such column 'NoSuchField__c'/,
    );
});

test('apexMethod: imperative calls get copies and Apex-shaped errors', async () => {
    const source = { items: [1, 2] };
    const getItems = apexMethod('Test.getItems', () => source);
    const result = await getItems();
    assert.deepEqual(result, source);
    assert.notEqual(result, source, 'results cross a serialisation boundary');
    const failing = apexMethod('Test.fail', () => {
        throw new ApexException('Plan is locked', 'System.AuraHandledException');
    });
    await assert.rejects(failing(), (error: unknown) => {
        assert.deepEqual(reduceErrors(error), ['Plan is locked']);
        return true;
    });
});

test('apexMethod: the wire waits for parameters, emits frozen data, and refreshApex re-runs it', async () => {
    let calls = 0;
    const getCount = apexMethod('Test.getCount', (params: { accountId?: string }) => ({
        accountId: params.accountId,
        calls: ++calls,
    }));
    const values: { data?: { calls: number }; error?: unknown }[] = [];
    const wire = new getCount.adapter((value: { data?: { calls: number } }) => values.push(value));
    wire.connect();
    wire.update({ accountId: undefined });
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(values.length, 0, 'no call while a parameter is undefined');
    wire.update({ accountId: '001' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(values[0]?.data?.calls, 1);
    assert.ok(Object.isFrozen(values[0]?.data), 'wired data is read-only');
    await refreshApex(values[0]);
    assert.equal(values[1]?.data?.calls, 2);
    wire.disconnect();
});

test('the sample data is scored by the engine: some key accounts, some not, no rejections', () => {
    const data = buildPreviewData(previewSeed());
    assert.deepEqual(data.scoringProblems, []);
    const options = accountOptions(data.store);
    assert.equal(options.length, 31, 'the sample portfolio and its large account');
    const largest = Math.max(
        ...options.map(
            (account) =>
                data.store.list('Stakeholder__c', (fields) => fields.Account__c === account.id)
                    .length,
        ),
    );
    assert.equal(largest, 300, 'one account has 300 stakeholders');
    assert.ok(options.some((account) => account.isKeyAccount));
    assert.ok(options.some((account) => !account.isKeyAccount));
    for (const option of options.filter((account) => account.isKeyAccount)) {
        const fields = data.store.get(option.id)?.fields ?? {};
        assert.match(String(fields.KeyAccountTier__c), /^Tier [123]$/);
    }
    assert.equal(data.store.get(CURRENT_USER_ID)?.apiName, 'User', 'the preview user exists');
});

test('every seeded field exists in the project metadata (or the standard field list)', () => {
    const objectFields = mergeObjectFields(readCustomObjectFields());
    assert.doesNotThrow(() => buildPreviewData(previewSeed(), objectFields));
});

test('records round-trip to the engine: the store gives the same scores as the dataset', () => {
    const seed = previewSeed();
    const data = buildPreviewData(seed, {}, undefined, { recompute: false, triggers: false });
    for (const account of seed.accounts) {
        const fromStore = data.scoringInput(account.id);
        // The org reads the renewal date from open renewal opportunities, not from the dataset.
        const fromDataset = {
            ...account.scoring,
            now: seed.asOf,
            account: { ...account.scoring.account, renewalDate: fromStore.account.renewalDate },
        };
        assert.deepEqual(
            scoreAccount(fromStore, data.config),
            scoreAccount(fromDataset, data.config),
            `account ${account.id}`,
        );
    }
});

test('the server serves the page, the bundle and SLDS, and nothing outside them', async () => {
    const buildDir = tempDir({ 'index.html': '<!doctype html><title>t</title>', 'main.js': '1;' });
    const server = await startPreviewServer({ port: 0, buildDir });
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

test('writes recompute their account, as the triggers do: an activity engages a stakeholder', () => {
    const data = buildPreviewData(previewSeed());
    const { store } = data;
    const plan = store.list('AccountPlan__c', (f) => f.Status__c === 'Active')[0];
    assert.ok(plan, 'the sample data has an active plan');
    const accountId = String(plan.fields.Account__c);
    const cold = store.list(
        'Stakeholder__c',
        (f) =>
            f.Account__c === accountId &&
            typeof f.Contact__c === 'string' &&
            f.EngagementCount90Days__c === 0 &&
            f.LeftCompany__c !== true &&
            f.RelevantToBuyingGroup__c === true,
    )[0];
    assert.ok(cold, 'the account has a relevant stakeholder with no recent activity');
    const before = Number(plan.fields.EngagedStakeholders__c);

    store.create('Task', {
        Subject: 'Call',
        ActivityDate: data.asOf,
        WhoId: cold.fields.Contact__c,
        WhatId: accountId,
        AccountId: accountId,
        Status: 'Completed',
    });

    const stakeholder = store.get(cold.id)?.fields ?? {};
    assert.equal(stakeholder.EngagementCount90Days__c, 1);
    assert.equal(stakeholder.LastEngagedDate__c, data.asOf);
    const after = store.get(plan.id)?.fields ?? {};
    assert.equal(
        after.EngagedStakeholders__c,
        before + 1,
        'coverage counts the engaged stakeholder',
    );
    assert.equal(after.HealthScore__c, data.recompute(accountId).health.score);
});

// The three copies of the scoring defaults agree, value by value: the Apex defaults
// (ScoringConfig.cls, read through the interpreter with the vectors' `config` kind), the
// TypeScript defaults (config.ts) and the Custom Metadata records the package ships (read as
// ScoringConfigSelector reads them). Otherwise the org, the browser and a fresh install would
// score the same account three ways. Each check is also shown failing on a changed copy.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadApexProgram, metadataFolders } from '@keystone/local-org';
import { defaultConfig } from '../../force-app/main/scoring/lwc/keystoneEngine/config.ts';
import { PACKAGE_DIR } from '../lib/projectPaths.ts';
import { compareValues, RUNNER_CLASS, selectClassFiles } from './vectors.ts';
import { shippedConfig } from './shippedConfig.ts';

type Config = Record<string, Record<string, unknown>>;

const tempDirs: string[] = [];
after(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function apexDefaults(packageDir: string): Config {
    const program = loadApexProgram({
        classFiles: selectClassFiles(packageDir),
        objectsDirs: metadataFolders(packageDir, 'objects'),
    });
    return program.callStatic(RUNNER_CLASS, 'run', [{ kind: 'config', input: {} }]) as Config;
}

/** Retention mappings are matched by value, not position: compare them in one order. */
function normalised(config: Config): Config {
    const copy = JSON.parse(JSON.stringify(config)) as Config;
    const mappings = copy.retention?.mappings as { matchOn: string; value: string }[];
    mappings.sort((a, b) => `${a.matchOn}|${a.value}`.localeCompare(`${b.matchOn}|${b.value}`));
    return copy;
}

/** Differences both ways: a setting one side has and the other lacks is a difference too. */
function differences(left: Config, right: Config): string[] {
    return [...compareValues(left, right, ''), ...compareValues(right, left, '')];
}

const tsDefaults = defaultConfig() as unknown as Config;

test('the Apex defaults equal the TypeScript defaults, setting by setting', () => {
    assert.deepEqual(
        differences(normalised(tsDefaults), normalised(apexDefaults(PACKAGE_DIR))),
        [],
    );
});

test('the shipped Custom Metadata records hold the same values as the defaults', () => {
    const shipped = shippedConfig(PACKAGE_DIR, tsDefaults);
    assert.deepEqual(differences(normalised(tsDefaults), normalised(shipped)), []);
});

test('fails when ScoringConfig.cls drifts from config.ts (a changed signal impact)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-agreement-'));
    tempDirs.push(dir);
    cpSync(PACKAGE_DIR, dir, { recursive: true });
    const file = join(dir, 'main', 'scoring', 'classes', 'ScoringConfig.cls');
    const source = readFileSync(file, 'utf8');
    const changed = source.replace("'Renewal Overdue' => -40,", "'Renewal Overdue' => -35,");
    assert.notEqual(changed, source);
    writeFileSync(file, changed);
    assert.deepEqual(differences(normalised(tsDefaults), normalised(apexDefaults(dir))), [
        'field signals.scoreImpacts.Renewal Overdue expected -40 got -35',
        'field signals.scoreImpacts.Renewal Overdue expected -35 got -40',
    ]);
});

test('fails when a shipped record drifts (the NRR best-in-class threshold)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-agreement-'));
    tempDirs.push(dir);
    cpSync(PACKAGE_DIR, dir, { recursive: true });
    const file = join(
        dir,
        'main',
        'scoring',
        'customMetadata',
        'KeystoneSetting.Default.md-meta.xml',
    );
    const source = readFileSync(file, 'utf8');
    const changed = source.replace(
        /(<field>NrrBestInClassFrom__c<\/field>\s*<value[^>]*>)120(<\/value>)/,
        '$1125$2',
    );
    assert.notEqual(changed, source);
    writeFileSync(file, changed);
    const shipped = shippedConfig(dir, tsDefaults);
    assert.deepEqual(differences(normalised(tsDefaults), normalised(shipped)), [
        'field retention.bestInClassFromPercent expected 120 got 125',
        'field retention.bestInClassFromPercent expected 125 got 120',
    ]);
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { transpileLwcSource } from '../build/buildLwc.ts';
import { compileBundle } from './lwcPlatformCompile.ts';

function writeBundle(name: string, typeScript: string, html: string): string {
    const dir = join(mkdtempSync(join(tmpdir(), 'lwc-gate-')), name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.js`), transpileLwcSource(typeScript, `${name}.ts`));
    writeFileSync(join(dir, `${name}.html`), html);
    return dir;
}

const GOOD_SOURCE = `
import { LightningElement, api } from 'lwc';
export default class Greeting extends LightningElement {
    @api name: string = 'World';
    get message(): string { return 'Hello ' + this.name; }
}
`;

test('the TypeScript build keeps decorators in the form the LWC compiler expects', () => {
    const output = transpileLwcSource(GOOD_SOURCE, 'greeting.ts');
    assert.match(output, /@api\s+name\s*=/);
    assert.doesNotMatch(output, /__decorate|__esDecorate/);
    assert.doesNotMatch(output, /: string/);
});

test('the platform compiler accepts a well-formed TypeScript component after the build', async () => {
    const dir = writeBundle('greeting', GOOD_SOURCE, '<template><p>{message}</p></template>');
    assert.deepEqual(await compileBundle(dir, 'greeting'), []);
});

test('the platform compiler rejects @api on an event-handler name (LWC1503)', async () => {
    const source = `
import { LightningElement, api } from 'lwc';
export default class Clicker extends LightningElement {
    @api onclick: unknown;
}
`;
    const dir = writeBundle('clicker', source, '<template></template>');
    const problems = await compileBundle(dir, 'clicker');
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /onclick/);
});

test('the platform compiler rejects a template that names an unknown directive', async () => {
    const dir = writeBundle(
        'broken',
        GOOD_SOURCE,
        '<template><p lwc:unknown={message}></p></template>',
    );
    const problems = await compileBundle(dir, 'broken');
    assert.ok(problems.length > 0, 'expected a template diagnostic');
});

test('a bundle whose .js was never built is reported, not skipped', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lwc-gate-')), 'unbuilt');
    mkdirSync(dir);
    writeFileSync(join(dir, 'unbuilt.html'), '<template></template>');
    assert.deepEqual(await compileBundle(dir, 'unbuilt'), [
        'unbuilt.js is missing (run npm run build)',
    ]);
});

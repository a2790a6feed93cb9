// The one build step: each bundle's TypeScript becomes the .js beside it, in every feature
// folder; vendor static resources land beside the .resource-meta.xml that declares them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { buildLwc, buildVendorStaticResources } from './buildLwc.ts';

const root = mkdtempSync(join(tmpdir(), 'keystone-build-'));
after(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, text: string): void {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
}

test('every bundle of every feature is built beside its sources; tests are not', () => {
    file(
        'main/plan/lwc/planEditor/planEditor.ts',
        "import { LightningElement, api } from 'lwc';\nexport default class PlanEditor extends LightningElement {\n    @api recordId?: string;\n}\n",
    );
    file('main/plan/lwc/planEditor/model.ts', 'export const total = (a: number): number => a;\n');
    file('main/plan/lwc/planEditor/__tests__/planEditor.test.ts', 'export {};\n');
    file('main/map/lwc/relationshipMap/relationshipMap.ts', 'export const x: number = 1;\n');
    const result = buildLwc(root);
    assert.deepEqual(result, { bundles: 2, filesWritten: 3 });
    const editor = readFileSync(join(root, 'main/plan/lwc/planEditor/planEditor.js'), 'utf8');
    assert.match(editor, /@api\s*recordId/, 'decorators reach the LWC compiler as written');
    assert.ok(existsSync(join(root, 'main/plan/lwc/planEditor/model.js')));
    assert.ok(existsSync(join(root, 'main/map/lwc/relationshipMap/relationshipMap.js')));
    assert.ok(!existsSync(join(root, 'main/plan/lwc/planEditor/__tests__/planEditor.test.js')));
});

test('a vendor static resource is built beside its declaration; a missing one fails by name', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'keystone-build-empty-'));
    try {
        await assert.rejects(buildVendorStaticResources(empty), /no d3\.resource-meta\.xml/);
    } finally {
        rmSync(empty, { recursive: true, force: true });
    }
    file('main/map/staticresources/d3.resource-meta.xml', '<StaticResource/>');
    file('main/leaders/staticresources/d3Scale.resource-meta.xml', '<StaticResource/>');
    const [built, scale] = await buildVendorStaticResources(root);
    assert.equal(built?.name, 'd3');
    assert.equal(scale?.name, 'd3Scale');
    const code = readFileSync(join(root, 'main/map/staticresources/d3.js'), 'utf8');
    assert.equal(Buffer.byteLength(code), built?.bytes);
    assert.ok(code.length < 20_000, `the d3 resource is small (${code.length} bytes)`);

    // Loaded as loadScript loads it (a classic script in a page whose global already may have a
    // d3), it adds exactly what the map uses to window.d3, and the tree layout works.
    const page: { d3?: Record<string, unknown>; self?: unknown } = { d3: { kept: true } };
    page.self = page;
    runInNewContext(code, page);
    // (Values made in the script's realm are compared as JSON: their prototypes are its own.)
    assert.deepEqual(Object.keys(page.d3 ?? {}).sort(), ['hierarchy', 'kept', 'tree']);
    const d3 = page.d3 as {
        hierarchy(data: unknown): { descendants(): { x?: number; y?: number }[] };
        tree(): { nodeSize(size: [number, number]): (root: unknown) => void };
    };
    const people = d3.hierarchy({ children: [{}, {}] });
    d3.tree().nodeSize([100, 50])(people);
    assert.deepEqual(
        JSON.parse(JSON.stringify(people.descendants().map((node) => [node.x, node.y]))),
        [
            [0, 0],
            [-50, 50],
            [50, 50],
        ],
    );

    // The segment chart's resource adds scaleLinear beside whatever window.d3 already holds.
    const scaleCode = readFileSync(join(root, 'main/leaders/staticresources/d3Scale.js'), 'utf8');
    runInNewContext(scaleCode, page);
    assert.deepEqual(Object.keys(page.d3 ?? {}).sort(), [
        'hierarchy',
        'kept',
        'scaleLinear',
        'tree',
    ]);
    const scaleLinear = (page.d3 as { scaleLinear(): LinearScale }).scaleLinear;
    assert.equal(scaleLinear().domain([0, 10]).range([0, 100])(2.5), 25);
});

interface LinearScale {
    domain(values: number[]): LinearScale;
    range(values: number[]): LinearScale;
    (value: number): number;
}

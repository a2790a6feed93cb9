// Builds the preview bundle with the open-source LWC toolchain: Rollup 4 + @lwc/rollup-plugin +
// lightning-base-components, compiling the project's real TypeScript components (transpiled by
// the same function `npm run build` uses). Output goes to .preview-build/ (gitignored).
// It also builds what the page loads from the package besides the bundle, the vendor static
// resources (d3), with the same function `npm run build` uses: `npm start` on a fresh clone,
// where `npm run build` never ran, serves a complete page.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import lwc from '@lwc/rollup-plugin';
import { rollup, watch } from 'rollup';
import type { OutputOptions, RollupLog, RollupOptions, RollupWatcher } from 'rollup';
import { buildVendorStaticResources } from '../build/buildLwc.ts';
import { PACKAGE_DIR, listLwcBundles } from '../lib/projectPaths.ts';
import { PAGE_ENTRY, PREVIEW_BUILD_DIR, PREVIEW_DIR } from './paths.ts';
import { salesforceModulesPlugin } from './plugins/salesforceModules.ts';
import { buildConstantsPlugin, typescriptPlugin } from './plugins/typescript.ts';

export interface PreviewBuildOptions {
    outDir?: string;
    sourceDir?: string;
    nodeEnv?: 'development' | 'production';
    /** The page script to bundle (default page/main.ts); benchmarks and probes pass their own. */
    entry?: string;
}

/** One `c/<bundle>` module per LWC bundle that has an entry file (`<bundle>.ts`). */
export function componentModules(
    sourceDir: string = PACKAGE_DIR,
): { name: string; path: string }[] {
    return listLwcBundles(sourceDir)
        .map((bundle) => ({
            name: `c/${bundle.name}`,
            path: join(bundle.dir, `${bundle.name}.ts`),
        }))
        .filter((module) => existsSync(module.path));
}

/** Warnings that mean the page would break at runtime fail the build instead. */
function onLog(
    level: 'warn' | 'info' | 'debug',
    log: RollupLog,
    handler: (level: 'warn' | 'error' | 'info' | 'debug', log: RollupLog) => void,
): void {
    if (log.code === 'UNRESOLVED_IMPORT' || log.code === 'MISSING_EXPORT') {
        handler('error', log);
        return;
    }
    // lightning-base-components use `this` at the top of a few modules and circular imports;
    // both are harmless in the browser bundle. Their templates also draw LWC compiler warnings
    // that are theirs to fix, not ours: only warnings about project files are shown.
    if (log.code === 'CIRCULAR_DEPENDENCY' || log.code === 'THIS_IS_UNDEFINED') return;
    const file = log.loc?.file ?? log.id ?? '';
    if (level === 'warn' && file.includes('/node_modules/')) return;
    handler(level, log);
}

export function previewRollupOptions(
    options: PreviewBuildOptions = {},
): RollupOptions & { output: OutputOptions } {
    const outDir = options.outDir ?? PREVIEW_BUILD_DIR;
    const sourceDir = options.sourceDir ?? PACKAGE_DIR;
    return {
        input: { main: options.entry ?? PAGE_ENTRY },
        plugins: [
            buildConstantsPlugin(options.nodeEnv ?? 'development'),
            salesforceModulesPlugin(),
            typescriptPlugin(),
            lwc({
                rootDir: PREVIEW_DIR,
                modules: [...componentModules(sourceDir), { npm: 'lightning-base-components' }],
                enableDynamicComponents: true,
                enableSyntheticElementInternals: true,
            }),
        ],
        onLog,
        output: {
            dir: outDir,
            format: 'esm',
            entryFileNames: '[name].js',
            chunkFileNames: 'chunks/[name]-[hash].js',
            sourcemap: true,
        },
    };
}

export interface PreviewBuildResult {
    outDir: string;
    milliseconds: number;
    files: number;
}

export async function buildPreview(options: PreviewBuildOptions = {}): Promise<PreviewBuildResult> {
    const started = performance.now();
    await buildVendorStaticResources(options.sourceDir ?? PACKAGE_DIR);
    const rollupOptions = previewRollupOptions(options);
    const outDir = rollupOptions.output.dir as string;
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const bundle = await rollup(rollupOptions);
    try {
        const { output } = await bundle.write(rollupOptions.output);
        copyStaticPageFiles(outDir);
        return { outDir, milliseconds: performance.now() - started, files: output.length };
    } finally {
        await bundle.close();
    }
}

/** The page shells (Account page, portfolio) and the preview's CSS, served beside the bundle. */
function copyStaticPageFiles(outDir: string): void {
    for (const file of ['index.html', 'portfolio.html', 'preview.css']) {
        copyFileSync(join(PREVIEW_DIR, 'page', file), join(outDir, file));
    }
}

export interface PreviewWatchEvents {
    onBuilt(milliseconds: number): void;
    onError(error: { message: string }): void;
}

/** Rebuilds on every change to a component, stand-in or page file. */
export function watchPreview(
    events: PreviewWatchEvents,
    options: PreviewBuildOptions = {},
): RollupWatcher {
    const rollupOptions = previewRollupOptions(options);
    const watcher = watch({
        ...rollupOptions,
        watch: { clearScreen: false, exclude: ['node_modules/**'] },
    });
    watcher.on('event', (event) => {
        if (event.code === 'BUNDLE_END') {
            copyStaticPageFiles(rollupOptions.output.dir as string);
            events.onBuilt(event.duration);
            void event.result.close();
        } else if (event.code === 'ERROR') {
            events.onError(event.error);
            void event.result?.close();
        }
    });
    return watcher;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const result = await buildPreview();
    console.log(
        `preview build: ${result.files} files in ${Math.round(result.milliseconds)} ms → ${result.outDir}`,
    );
}

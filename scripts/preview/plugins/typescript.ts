// Compiles the project's TypeScript (components, stand-ins, the page) for the preview
// with the very function `npm run build` uses, so the preview runs what deploys. It runs before
// the LWC plugin, which then compiles the resulting JavaScript (decorators intact).
//
// Components are resolved through `c/<bundle>` aliases, whose module ids carry a query
// (`…/x.ts?specifier=c/x`) that Rollup's watcher cannot follow; registering the real path with
// addWatchFile is what makes watch mode see edits to c/* files.
import type { Plugin } from 'rollup';
import { transpileLwcSource } from '../../build/buildLwc.ts';

export function fileOfModuleId(id: string): string {
    return id.split('?', 1)[0] ?? id;
}

export function typescriptPlugin(): Plugin {
    return {
        name: 'keystone-preview-typescript',
        transform(code, id) {
            const file = fileOfModuleId(id);
            if (
                id.startsWith('\0') ||
                !file.endsWith('.ts') ||
                file.endsWith('.d.ts') ||
                file.includes('/node_modules/')
            ) {
                return null;
            }
            this.addWatchFile(file);
            return { code: transpileLwcSource(code, file), map: null };
        },
    };
}

/**
 * Build-time constants the LWC runtime and lightning-base-components read: `import.meta.env.SSR`
 * (false: this is a browser build) and `process.env.NODE_ENV` (development: LWC's dev-mode
 * checks report misuse in the console, which the browser tests treat as a failure).
 */
export function buildConstantsPlugin(nodeEnv: 'development' | 'production'): Plugin {
    const replacements: [string, string][] = [
        ['import.meta.env.SSR', 'false'],
        ['process.env.NODE_ENV', JSON.stringify(nodeEnv)],
    ];
    return {
        name: 'keystone-preview-constants',
        transform(code, id) {
            if (id.startsWith('\0')) return null;
            if (!replacements.some(([token]) => code.includes(token))) return null;
            let output = code;
            for (const [token, value] of replacements) {
                output = output.replaceAll(token, value);
            }
            return { code: output, map: null };
        },
    };
}

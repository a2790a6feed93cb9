// Where the preview reads from and writes to, in one place.
import { join } from 'node:path';
import { PROJECT_ROOT } from '../lib/projectPaths.ts';

export const PREVIEW_DIR = join(PROJECT_ROOT, 'scripts', 'preview');
/** Build output: gitignored, recreated by every build. */
export const PREVIEW_BUILD_DIR = join(PROJECT_ROOT, '.preview-build');
export const PAGE_ENTRY = join(PREVIEW_DIR, 'page', 'main.ts');
export const STANDINS_DIR = join(PREVIEW_DIR, 'standins');
export const SLDS_ASSETS_DIR = join(
    PROJECT_ROOT,
    'node_modules',
    '@salesforce-ux',
    'design-system',
    'assets',
);

// The one place that says which dataset the preview shows; the page and the browser tests both
// read it, so the tests know what the page should display.
import { fixtureSeed } from './fixtureSeed.ts';
import type { PreviewSeed } from './previewData.ts';

export function previewSeed(): PreviewSeed {
    return fixtureSeed();
}

// The one place that says which dataset the preview shows: the default sample portfolio of
// scripts/data/sampleDataset.ts (seeded, so every load shows the same accounts). The page and
// the browser tests both read it, so the tests know what the page should display.
import { generatePortfolio } from '../../data/sampleDataset.ts';
import type { PreviewSeed } from './previewData.ts';
import { seedFromPortfolio } from './sampleRecords.ts';

/** The user the preview runs as (`@salesforce/user/Id`): the first key account manager. */
export const CURRENT_USER_ID = '005000000000001AAA';

export function previewSeed(): PreviewSeed {
    return seedFromPortfolio(generatePortfolio());
}

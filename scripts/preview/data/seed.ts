// The one place that says which dataset the preview shows: the default sample portfolio of
// scripts/data/sampleDataset.ts (seeded, so every load shows the same accounts) plus one large
// account of 300 stakeholders, to see how the relationship map reads at that size. The page and
// the browser tests both read it, so the tests know what the page should display.
import { generatePortfolio } from '../../data/sampleDataset.ts';
import type { PreviewSeed } from './previewData.ts';
import { seedFromPortfolio } from './sampleRecords.ts';

/** The stakeholders of the preview's large account. */
export const LARGE_ACCOUNT_STAKEHOLDERS = 300;

export function previewSeed(): PreviewSeed {
    return seedFromPortfolio(
        generatePortfolio({ largeAccountStakeholders: LARGE_ACCOUNT_STAKEHOLDERS }),
    );
}

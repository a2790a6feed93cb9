// The one place that says which dataset the preview shows: the default sample portfolio of
// scripts/data/sampleDataset.ts (seeded, so every start shows the same accounts) plus one large
// account of 300 stakeholders, to see how the relationship map reads at that size.
import { generatePortfolio } from '../../data/sampleDataset.ts';
import type { SamplePortfolio } from '../../data/sampleDataset.ts';

/** The stakeholders of the preview's large account. */
export const LARGE_ACCOUNT_STAKEHOLDERS = 300;

export function previewPortfolio(): SamplePortfolio {
    return generatePortfolio({ largeAccountStakeholders: LARGE_ACCOUNT_STAKEHOLDERS });
}

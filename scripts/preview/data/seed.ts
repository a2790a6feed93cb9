// The one place that says which dataset the preview shows: the default sample portfolio of
// scripts/data/sampleDataset.ts (seeded, so every load shows the same accounts). The page and
// the browser tests both read it, so the tests know what the page should display.
import { generatePortfolio } from '../../data/sampleDataset.ts';
import type { PreviewSeed } from './previewData.ts';
import { seedFromPortfolio } from './sampleRecords.ts';

export function previewSeed(): PreviewSeed {
    return seedFromPortfolio(generatePortfolio());
}

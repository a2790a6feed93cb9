// The browser session's data: one RecordStore built from the sample dataset when the page loads,
// shared by the lightning/uiRecordApi stand-in and the Apex adapters. Writes live until reload.
// (Node-side code — tests, benchmarks — calls buildPreviewData itself instead.)
import customObjectFields from 'keystone-preview:object-fields';
import { buildPreviewData } from './previewData.ts';
import { previewSeed } from './seed.ts';
import { mergeObjectFields } from './standardFields.ts';

export const previewData = buildPreviewData(previewSeed(), mergeObjectFields(customObjectFields));
export const previewStore = previewData.store;

for (const problem of previewData.scoringProblems) {
    console.error(
        `Keystone preview: the scoring engine rejected account ${problem.accountId}: ${problem.message}`,
    );
}

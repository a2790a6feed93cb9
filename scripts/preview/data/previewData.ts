// Builds the preview's records from a sample dataset and keeps them in a RecordStore.
// Browser-safe (no Node APIs): the page bundle and the Node-side tests use the same code, so a
// test can ask what the page should show.
//
// The key-account fields on Account (IsKeyAccount__c, KeyAccountTier__c, KeyAccountScore__c,
// KeyAccountSegment__c) are not typed in: they are computed here by the TypeScript scoring
// engine (c/keystoneEngine) from each account's activity, as the Apex recompute does in the org.
import { defaultConfig, scoreAccount } from 'c/keystoneEngine';
import type { AccountScoringInput, ScoringConfig } from 'c/keystoneEngine';
import type { FieldValues, ObjectFields } from './recordStore.ts';
import { RecordStore, makeRecordId } from './recordStore.ts';

/** What the preview needs from a sample dataset, already in SObject terms. */
export interface PreviewSeed {
    /** The dataset's "today": the engine scores as of this date, so the preview is stable. */
    asOf: string;
    users: { id: string; fields: FieldValues }[];
    accounts: { id: string; fields: FieldValues; scoring: AccountScoringInput }[];
    /** Every other record (Contact, Opportunity, Stakeholder__c, ...), by object. */
    records: { apiName: string; fields: FieldValues }[];
}

/** The user the preview runs as (`@salesforce/user/Id`). */
export const CURRENT_USER_ID = makeRecordId('User', 1);

export interface AccountOption {
    id: string;
    name: string;
    isKeyAccount: boolean;
}

export interface PreviewData {
    store: RecordStore;
    asOf: string;
    /** Engine inputs per Account id, for the Apex adapters. */
    scoringInputs: Map<string, AccountScoringInput>;
    config: ScoringConfig;
    /** Accounts the engine could not score, with the engine's message. */
    scoringProblems: { accountId: string; message: string }[];
}

/** The selection fields the recompute stamps on Account, from the engine's result. */
export function selectionFields(input: AccountScoringInput, config: ScoringConfig): FieldValues {
    const { selection } = scoreAccount(input, config);
    return {
        IsKeyAccount__c: selection.isKeyAccount,
        KeyAccountTier__c: selection.tier,
        KeyAccountScore__c: selection.score,
        KeyAccountSegment__c: selection.isKeyAccount ? selection.segment : null,
    };
}

export function buildPreviewData(
    seed: PreviewSeed,
    objectFields: ObjectFields = {},
    config: ScoringConfig = defaultConfig(),
): PreviewData {
    const store = new RecordStore(objectFields);
    const scoringInputs = new Map<string, AccountScoringInput>();
    const scoringProblems: PreviewData['scoringProblems'] = [];
    for (const user of seed.users) store.seed('User', { ...user.fields, Id: user.id });
    for (const account of seed.accounts) {
        const input: AccountScoringInput = { ...account.scoring, now: seed.asOf };
        scoringInputs.set(account.id, input);
        let computed: FieldValues = {};
        try {
            computed = selectionFields(input, config);
        } catch (error) {
            scoringProblems.push({
                accountId: account.id,
                message: error instanceof Error ? error.message : String(error),
            });
        }
        store.seed('Account', { ...account.fields, ...computed, Id: account.id });
    }
    for (const record of seed.records) store.seed(record.apiName, record.fields);
    return { store, asOf: seed.asOf, scoringInputs, config, scoringProblems };
}

/** Accounts for the page's picker, by name. */
export function accountOptions(store: RecordStore): AccountOption[] {
    return store
        .list('Account')
        .map((record) => ({
            id: record.id,
            name: String(record.fields.Name ?? record.id),
            isKeyAccount: record.fields.IsKeyAccount__c === true,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
}

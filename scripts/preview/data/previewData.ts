// Builds the preview's records from a sample dataset and keeps them in a RecordStore.
// Browser-safe (no Node APIs): the page bundle and the Node-side tests use the same code, so a
// test can ask what the page should show.
//
// The key-account fields on Account (IsKeyAccount__c, KeyAccountTier__c, KeyAccountScore__c,
// KeyAccountSegment__c) are not typed in: the TypeScript scoring engine (c/keystoneEngine)
// computes them from each account's records, as the Apex recompute does in the org.
import { defaultConfig, scoreAccount } from 'c/keystoneEngine';
import type { AccountFacts, AccountScoringInput, ScoringConfig } from 'c/keystoneEngine';
import type { FieldValues, ObjectFields } from './recordStore.ts';
import { RecordStore } from './recordStore.ts';
import { scoringInputFor } from './sampleRecords.ts';

/** What the preview needs from a sample dataset, already in SObject terms. */
export interface PreviewSeed {
    /** The dataset's "today": the engine scores as of this date, so the preview is stable. */
    asOf: string;
    users: { id: string; fields: FieldValues }[];
    /** Accounts with the engine input the dataset generated for them. */
    accounts: { id: string; fields: FieldValues; scoring: AccountScoringInput }[];
    /** Every other record (Contact, Opportunity, Stakeholder__c, ...), by object. */
    records: { apiName: string; fields: FieldValues }[];
}

/**
 * The user the preview runs as (`@salesforce/user/Id`): the sample portfolio's first key
 * account manager, so "my accounts" and owner checks have someone to match.
 */
export const CURRENT_USER_ID = '005000000000001AAA';

export interface AccountOption {
    id: string;
    name: string;
    isKeyAccount: boolean;
}

export interface PreviewData {
    store: RecordStore;
    asOf: string;
    config: ScoringConfig;
    /** Accounts the engine could not score, with the engine's message. */
    scoringProblems: { accountId: string; message: string }[];
    /** An account's engine input from its records as they are now (for the Apex adapters). */
    scoringInput(accountId: string): AccountScoringInput;
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
    const facts = new Map<string, AccountFacts>();
    for (const user of seed.users) store.seed('User', { ...user.fields, Id: user.id });
    for (const account of seed.accounts) {
        store.seed('Account', { ...account.fields, Id: account.id });
        facts.set(account.id, account.scoring.account);
    }
    for (const record of seed.records) store.seed(record.apiName, record.fields);

    const scoringInput = (accountId: string): AccountScoringInput =>
        scoringInputFor(store, accountId, seed.asOf, facts.get(accountId));

    const scoringProblems: PreviewData['scoringProblems'] = [];
    for (const account of seed.accounts) {
        try {
            const computed = selectionFields(scoringInput(account.id), config);
            const current = store.get(account.id)?.fields ?? {};
            store.seed('Account', { ...current, ...computed });
        } catch (error) {
            scoringProblems.push({
                accountId: account.id,
                message: error instanceof Error ? error.message : String(error),
            });
        }
    }
    return { store, asOf: seed.asOf, config, scoringProblems, scoringInput };
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

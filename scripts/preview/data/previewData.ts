// Builds the preview's records from a sample dataset and keeps them in a RecordStore.
// Browser-safe (no Node APIs): the page bundle and the Node-side tests use the same code, so a
// test can ask what the page should show.
//
// Figures are not typed in: after seeding, the recompute (recompute.ts: the TypeScript scoring
// engine, c/keystoneEngine, over each account's records, as RecomputeService.cls in the org)
// stamps the key-account fields on Account and the coverage/revenue/health figures on the plan,
// and it runs again after every write, as the triggers do.
import { defaultConfig } from 'c/keystoneEngine';
import type {
    AccountFacts,
    AccountScore,
    AccountScoringInput,
    ScoringConfig,
} from 'c/keystoneEngine';
import type { FieldValues, ObjectFields, StoredRecord } from './recordStore.ts';
import { RecordStore } from './recordStore.ts';
import type { RecomputeContext } from './recompute.ts';
import { installRecomputeTriggers, recomputeAccount } from './recompute.ts';
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

/**
 * Active users whose name contains the search text (at least two characters), at most 20: the
 * people search the controllers' searchUsers methods run in the org.
 */
export function activeUsersMatching(
    store: RecordStore,
    searchText: string | undefined,
): StoredRecord[] {
    const needle = (searchText ?? '').trim().toLowerCase();
    if (needle.length < 2) return [];
    return store
        .list(
            'User',
            (fields) =>
                fields.IsActive !== false &&
                String(fields.Name ?? '')
                    .toLowerCase()
                    .includes(needle),
        )
        .slice(0, 20);
}

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
    /** Runs the recompute for one account now and returns the engine's full result. */
    recompute(accountId: string): AccountScore;
}

export interface BuildOptions {
    /** Run the recompute over every account after seeding (default true), as the org does. */
    recompute?: boolean;
    /** Recompute after every later write, as the triggers do (default true). */
    triggers?: boolean;
}

export function buildPreviewData(
    seed: PreviewSeed,
    objectFields: ObjectFields = {},
    config: ScoringConfig = defaultConfig(),
    options: BuildOptions = {},
): PreviewData {
    const store = new RecordStore(objectFields);
    const facts = new Map<string, AccountFacts>();
    for (const user of seed.users) store.seed('User', { ...user.fields, Id: user.id });
    for (const account of seed.accounts) {
        store.seed('Account', { ...account.fields, Id: account.id });
        facts.set(account.id, account.scoring.account);
    }
    for (const record of seed.records) store.seed(record.apiName, record.fields);

    const context: RecomputeContext = { store, asOf: seed.asOf, config, facts };
    const scoringProblems: PreviewData['scoringProblems'] = [];
    if (options.recompute !== false) {
        for (const account of seed.accounts) {
            try {
                recomputeAccount(context, account.id);
            } catch (error) {
                scoringProblems.push({
                    accountId: account.id,
                    message: error instanceof Error ? error.message : String(error),
                });
            }
        }
    }
    if (options.triggers !== false) installRecomputeTriggers(context);
    return {
        store,
        asOf: seed.asOf,
        config,
        scoringProblems,
        scoringInput: (accountId) =>
            scoringInputFor(store, accountId, seed.asOf, facts.get(accountId)),
        recompute: (accountId) => recomputeAccount(context, accountId),
    };
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

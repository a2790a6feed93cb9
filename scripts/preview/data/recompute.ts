// What the Apex recompute (RecomputeService.cls, run by the Contact, Opportunity, Task, Event and
// Keystone object triggers) does in the org, done over the preview's record store: stakeholder
// engagement from activities, cells that follow their opportunity, the engine's results stamped
// on the Account (selection) and on the active AccountPlan__c (coverage, revenue, plan, health).
// installRecomputeTriggers() runs it after every write that touches an account, as the triggers
// do, so a stakeholder added in the preview changes coverage and health at once.
// Not mirrored: linking unlinked cells to new opportunities by product, signal detection and
// plays, executive review dates (they need Custom Metadata the preview does not read).
import { scoreAccount } from 'c/keystoneEngine';
import type { AccountFacts, AccountScore, ScoringConfig } from 'c/keystoneEngine';
import type { FieldValues, RecordChange, RecordStore, StoredRecord } from './recordStore.ts';
import { scoringInputFor } from './sampleRecords.ts';

export interface RecomputeContext {
    store: RecordStore;
    asOf: string;
    config: ScoringConfig;
    facts: ReadonlyMap<string, AccountFacts>;
    /** The clock for LastRecomputedAt__c. */
    now?: () => Date;
}

function addDays(isoDate: string, days: number): string {
    const date = new Date(`${isoDate}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
}

function addMonths(isoDate: string, months: number): string {
    const date = new Date(`${isoDate}T00:00:00Z`);
    date.setUTCMonth(date.getUTCMonth() + months);
    return date.toISOString().slice(0, 10);
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** Writes only the fields whose value changed; returns whether anything was written. */
function writeChanges(store: RecordStore, record: StoredRecord, next: FieldValues): boolean {
    const changed: FieldValues = {};
    for (const [field, value] of Object.entries(next)) {
        if ((record.fields[field] ?? null) !== (value ?? null)) changed[field] = value;
    }
    if (Object.keys(changed).length === 0) return false;
    store.update(record.id, changed);
    return true;
}

/** Stakeholder__c.LastEngagedDate__c / EngagementCount90Days__c / LeftCompany__c. */
function recomputeStakeholders(context: RecomputeContext, accountId: string): void {
    const { store, asOf, config } = context;
    const windowStart = addDays(asOf, -config.coverage.engagementWindowDays);
    const datesByContact = new Map<string, string[]>();
    for (const kind of ['Task', 'Event']) {
        for (const activity of store.list(kind, (fields) => fields.AccountId === accountId)) {
            const contactId = text(activity.fields.WhoId);
            const date = text(activity.fields.ActivityDate);
            if (!contactId || !date || date > asOf) continue;
            datesByContact.set(contactId, [...(datesByContact.get(contactId) ?? []), date]);
        }
    }
    for (const stakeholder of store.list('Stakeholder__c', (f) => f.Account__c === accountId)) {
        const contactId = text(stakeholder.fields.Contact__c);
        if (!contactId) continue;
        const dates = datesByContact.get(contactId) ?? [];
        const latest = dates.reduce<string | null>((a, b) => (a && a > b ? a : b), null);
        const stored = text(stakeholder.fields.LastEngagedDate__c);
        const next: FieldValues = {
            LastEngagedDate__c:
                stored && latest ? (stored > latest ? stored : latest) : (stored ?? latest),
            EngagementCount90Days__c: dates.filter((date) => date >= windowStart).length,
        };
        if (store.get(contactId)?.fields.LeftCompany__c === true) next.LeftCompany__c = true;
        writeChanges(store, stakeholder, next);
    }
}

/** Cells with an opportunity follow it: won → Owned and captured, open → In Pipeline, lost → Whitespace. */
function recomputeCells(context: RecomputeContext, accountId: string): void {
    const { store, asOf } = context;
    for (const cell of store.list('WhitespaceCell__c', (f) => f.Account__c === accountId)) {
        const opportunityId = text(cell.fields.Opportunity__c);
        const opportunity = opportunityId ? store.get(opportunityId)?.fields : undefined;
        if (!opportunity) continue;
        if (opportunity.IsWon === true) {
            writeChanges(store, cell, {
                Status__c: 'Owned',
                Captured__c: true,
                CapturedValue__c: num(opportunity.Amount),
                CapturedDate__c: text(opportunity.CloseDate),
            });
        } else if (opportunity.IsClosed !== true) {
            writeChanges(store, cell, { Status__c: 'In Pipeline' });
        } else if (cell.fields.Status__c === 'In Pipeline') {
            const closed = text(opportunity.CloseDate) ?? asOf;
            writeChanges(store, cell, {
                Status__c: 'Whitespace',
                Opportunity__c: null,
                StatusNote__c:
                    `Opportunity "${String(opportunity.Name ?? '')}" was lost on ${closed}; the cell is whitespace again.`.slice(
                        0,
                        255,
                    ),
            });
        }
    }
}

function opportunityFigures(store: RecordStore, accountId: string, asOf: string): FieldValues {
    const opportunities = store
        .list('Opportunity', (fields) => fields.AccountId === accountId)
        .map((record) => record.fields);
    const since = addMonths(asOf, -12);
    let weighted = 0;
    let wonCount = 0;
    let renewal: string | null = null;
    for (const opportunity of opportunities) {
        const amount = num(opportunity.Amount);
        const probability = num(opportunity.Probability);
        const closeDate = text(opportunity.CloseDate);
        if (opportunity.IsClosed !== true && amount !== null && probability !== null) {
            weighted += Math.round(amount * probability) / 100;
        }
        if (opportunity.IsWon === true && closeDate && closeDate > since && closeDate <= asOf) {
            wonCount += 1;
        }
        const isRenewal = /renewal/i.test(String(opportunity.Type ?? ''));
        if (
            opportunity.IsClosed !== true &&
            isRenewal &&
            closeDate &&
            (!renewal || closeDate < renewal)
        ) {
            renewal = closeDate;
        }
    }
    return {
        WeightedPipeline__c: Math.round(weighted * 100) / 100,
        WonOpportunities12Months__c: wonCount,
        NextRenewalDate__c: renewal,
    };
}

function planFigures(
    score: AccountScore,
    account: FieldValues,
    config: ScoringConfig,
): FieldValues {
    const { coverage, revenue, retention, plan, health } = score;
    return {
        Tier__c: account.KeyAccountTier__c ?? null,
        Segment__c: account.KeyAccountSegment__c ?? null,
        CoverageDepth__c: coverage.coverageDepthPercent,
        BuyingGroupSeats__c: coverage.buyingGroupSize,
        EmptySeats__c: coverage.emptySeats,
        EngagedStakeholders__c: coverage.engagedRelevantCount,
        RelevantStakeholders__c: coverage.relevantCount,
        BuyingRolesFilled__c: coverage.filledBuyingRoles.length,
        BuyingRolesRequired__c: config.coverage.requiredBuyingRoles.length,
        MultithreadingDepth__c: coverage.multithreadingDepth,
        SingleThreaded__c: coverage.singleThreaded,
        FunctionBreadth__c: coverage.functionBreadth,
        CompanyOwnedShare__c: coverage.companyOwnedPercent,
        RelationshipOwnerCount__c: coverage.distinctOwnerCount,
        SponsorLastEngagedDate__c: coverage.lastSponsorEngagementDate,
        SponsorLapsed__c: coverage.sponsorLapsed,
        LiveRevenue12Months__c: revenue.wonLast12Months,
        LiveRevenuePrior12Months__c: revenue.wonPrior12Months,
        OpenPipeline__c: revenue.openPipeline,
        NetRevenueRetention__c: retention.netRevenueRetentionPercent,
        GrossRevenueRetention__c: retention.grossRevenueRetentionPercent,
        RetentionBand__c: retention.band,
        RetentionBase__c: retention.base,
        RetentionNetChange__c: retention.netChange,
        Completeness__c: plan.completenessPercent,
        ReviewCadence__c: plan.cadenceDays,
        NextReviewDate__c: plan.nextReviewOn,
        HealthScore__c: health.score,
        HealthBand__c: health.band,
        RecomputePending__c: false,
    };
}

/** Recomputes one account; returns the engine's result. Throws what the engine throws. */
export function recomputeAccount(context: RecomputeContext, accountId: string): AccountScore {
    const { store, asOf, config } = context;
    recomputeStakeholders(context, accountId);
    recomputeCells(context, accountId);
    const input = scoringInputFor(store, accountId, asOf, context.facts.get(accountId));
    const score = scoreAccount(input, config);

    const account = store.get(accountId);
    if (!account) return score;
    const { selection } = score;
    writeChanges(store, account, {
        IsKeyAccount__c: selection.isKeyAccount,
        KeyAccountTier__c: selection.tier,
        KeyAccountScore__c: selection.score,
        KeyAccountSegment__c: selection.isKeyAccount ? selection.segment : null,
    });

    const plan = store
        .list('AccountPlan__c', (f) => f.Account__c === accountId && f.Status__c === 'Active')
        .at(0);
    if (plan) {
        const accountFields = store.get(accountId)?.fields ?? {};
        const next: FieldValues = {
            ...planFigures(score, accountFields, config),
            ...opportunityFigures(store, accountId, asOf),
        };
        const stored = num(plan.fields.HealthScore__c);
        if (stored !== score.health.score) {
            next.PreviousHealthScore__c = stored;
            next.HealthTrend__c = score.health.trend;
        }
        const openPipeline = num(plan.fields.OpenPipeline__c);
        if (openPipeline !== null && openPipeline !== score.revenue.openPipeline) {
            next.OpenPipelinePrior__c = openPipeline;
        }
        if (writeChanges(store, plan, next)) {
            store.update(plan.id, {
                LastRecomputedAt__c: (context.now?.() ?? new Date()).toISOString(),
            });
        }
    }
    return score;
}

const TRIGGER_OBJECTS = new Set([
    'Contact',
    'Opportunity',
    'Task',
    'Event',
    'Stakeholder__c',
    'WhitespaceCell__c',
    'AccountPlan__c',
    'AccountObjective__c',
    'AccountAction__c',
    'AccountRisk__c',
    'HealthSignal__c',
]);

/** The Account a changed record belongs to, as the triggers find it. */
export function accountOfRecord(store: RecordStore, record: StoredRecord): string | null {
    const fields = record.fields;
    const direct = text(fields.Account__c) ?? text(fields.AccountId);
    if (direct) return direct;
    const planId = text(fields.AccountPlan__c);
    return planId ? text(store.get(planId)?.fields.Account__c) : null;
}

/**
 * Recomputes the account of every write to a triggering object, synchronously (the write's
 * promise settles after it, as a DML statement returns after its triggers). Writes made by the
 * recompute itself do not trigger again. Failures are reported with console.error.
 */
export function installRecomputeTriggers(context: RecomputeContext): () => void {
    let running = false;
    return context.store.subscribe((change: RecordChange) => {
        if (running || !TRIGGER_OBJECTS.has(change.record.apiName)) return;
        const accountId = accountOfRecord(context.store, change.record);
        if (!accountId) return;
        running = true;
        try {
            recomputeAccount(context, accountId);
        } catch (error) {
            console.error(
                `Keystone preview: recompute of account ${accountId} failed: ${error instanceof Error ? error.message : String(error)}`,
            );
        } finally {
            running = false;
        }
    });
}

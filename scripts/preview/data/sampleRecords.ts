// The sample dataset (scripts/data/sampleDataset.ts, in the scoring engine's input shape) as the
// SObject records the org would hold, and back: scoringInputFor() rebuilds an account's engine
// input from the records as they are now, so writes made in the preview reach the engine.
// Field API names are the ones in force-app/main/*/objects; preview.test.ts checks every
// seeded field exists there.
import type {
    AccountFacts,
    AccountScoringInput,
    ActivityInput,
    OpportunityInput,
    PlanActionInput,
    PlanInput,
    PlanObjectiveInput,
    PlanRiskInput,
    SignalInput,
    StakeholderInput,
    WhitespaceCellInput,
} from 'c/keystoneEngine';
import type { SampleAccount, SamplePortfolio } from '../../data/sampleDataset.ts';
import type { PreviewSeed } from './previewData.ts';
import type { FieldValues, RecordStore } from './recordStore.ts';
import { makeRecordId } from './recordStore.ts';

type SeedRecord = PreviewSeed['records'][number];

/** Deterministic ids for records the dataset does not number (plans, tasks, ...). */
class IdSequence {
    private readonly next = new Map<string, number>();
    /** Starts high so generated ids never meet the dataset's own. */
    constructor(private readonly start = 900_000) {}
    id(apiName: string): string {
        const value = this.next.get(apiName) ?? this.start;
        this.next.set(apiName, value + 1);
        return makeRecordId(apiName, value);
    }
}

function splitName(name: string): { FirstName: string; LastName: string } {
    const space = name.indexOf(' ');
    return space < 0
        ? { FirstName: '', LastName: name }
        : { FirstName: name.slice(0, space), LastName: name.slice(space + 1) };
}

function accountRecords(account: SampleAccount, ids: IdSequence): SeedRecord[] {
    const { scoring } = account;
    const records: SeedRecord[] = [];
    const add = (apiName: string, fields: FieldValues): string => {
        const id = typeof fields.Id === 'string' ? fields.Id : ids.id(apiName);
        records.push({ apiName, fields: { ...fields, Id: id } });
        return id;
    };

    const contactsById = new Map(account.contacts.map((contact) => [contact.id, contact]));
    for (const contact of account.contacts) {
        add('Contact', {
            Id: contact.id,
            AccountId: account.id,
            FirstName: contact.firstName,
            LastName: contact.lastName,
            Title: contact.title,
            Email: contact.email,
            Department: contact.function,
            ReportsToId: contact.reportsToId,
            LeftCompany__c: contact.leftCompany,
        });
    }

    const plan = scoring.plan;
    const planId = plan
        ? add('AccountPlan__c', {
              Name: `${account.name} account plan`,
              Account__c: account.id,
              Status__c: 'Active',
              PeriodStart__c: account.planPeriod?.start ?? null,
              PeriodEnd__c: account.planPeriod?.end ?? null,
              BusinessPriorities__c: plan.businessPriorities ?? null,
              FinancialContext__c: plan.financialContext ?? null,
              RevenueTarget__c: plan.revenueTarget ?? null,
              ExpansionTarget__c: plan.expansionTarget ?? null,
              CompetitiveLandscape__c: plan.competitiveLandscape ?? null,
              KeyAccountManager__c: plan.keyAccountManagerId ?? null,
              ExecutiveSponsor__c: plan.executiveSponsorId ?? null,
              TechnicalLead__c: plan.technicalLeadId ?? null,
              CustomerSuccessManager__c: plan.customerSuccessManagerId ?? null,
              LastReviewedDate__c: plan.lastReviewedDate ?? null,
          })
        : null;

    // Stakeholder__c.ReportsTo__c points at the stakeholder of the contact's manager.
    const stakeholderByContact = new Map<string, string>();
    for (const stakeholder of scoring.stakeholders ?? []) {
        if (stakeholder.contactId && stakeholder.id) {
            stakeholderByContact.set(stakeholder.contactId, stakeholder.id);
        }
    }
    for (const stakeholder of scoring.stakeholders ?? []) {
        const contact = stakeholder.contactId ? contactsById.get(stakeholder.contactId) : undefined;
        const managerContactId = contact?.reportsToId ?? null;
        add('Stakeholder__c', {
            Id: stakeholder.id,
            Name: stakeholder.name ?? null,
            Account__c: account.id,
            AccountPlan__c: planId,
            Contact__c: stakeholder.contactId ?? null,
            ReportsTo__c: managerContactId
                ? (stakeholderByContact.get(managerContactId) ?? null)
                : null,
            BuyingRole__c: stakeholder.buyingRole ?? null,
            Sentiment__c: stakeholder.sentiment ?? null,
            RelationshipStrength__c: stakeholder.relationshipStrength ?? null,
            Function__c: stakeholder.function ?? null,
            Level__c: stakeholder.level ?? null,
            InternalOwner__c: stakeholder.internalOwnerId ?? null,
            LeftCompany__c: stakeholder.leftCompany ?? false,
            RelevantToBuyingGroup__c: stakeholder.relevantToBuyingGroup ?? true,
            LastEngagedDate__c: stakeholder.lastEngagedDate ?? null,
        });
    }

    (scoring.opportunities ?? []).forEach((opportunity, index) => {
        const detail = account.opportunityDetails[index];
        const opportunityId = add('Opportunity', {
            Id: opportunity.id ?? detail?.id,
            Name: detail?.name ?? `${account.name} opportunity`,
            AccountId: account.id,
            Amount: opportunity.amount ?? null,
            CloseDate: opportunity.closeDate ?? null,
            StageName: detail?.stageName ?? null,
            Type: detail?.type ?? null,
            Probability: opportunity.probability ?? null,
            IsClosed: opportunity.isClosed ?? false,
            IsWon: opportunity.isWon ?? false,
        });
        for (const item of detail?.lineItems ?? []) {
            add('OpportunityLineItem', {
                OpportunityId: opportunityId,
                Product2Id: item.productId,
                Quantity: item.quantity,
                UnitPrice: item.unitPrice,
            });
        }
    });

    (scoring.activities ?? []).forEach((activity, index) => {
        const detail = account.activityDetails[index];
        const kind = activity.kind === 'Event' ? 'Event' : 'Task';
        add(kind, {
            Subject: detail?.subject ?? kind,
            ActivityDate: activity.activityDate ?? null,
            WhoId: activity.contactId ?? null,
            WhatId: account.id,
            AccountId: account.id,
            OwnerId: detail?.ownerId ?? account.ownerId,
            ...(kind === 'Task' ? { Status: 'Completed' } : {}),
        });
    });

    (scoring.whitespaceCells ?? []).forEach((cell, index) => {
        add('WhitespaceCell__c', {
            Id: cell.id,
            Account__c: account.id,
            AccountPlan__c: planId,
            BusinessUnit__c: cell.businessUnit ?? null,
            Product__c: account.whitespaceProductIds[index] || null,
            ProductFamily__c: cell.productFamily ?? null,
            Status__c: cell.status ?? null,
            EstimatedValue__c: cell.estimatedValue ?? null,
            Probability__c: cell.probability ?? null,
            Captured__c: cell.captured ?? false,
            CapturedValue__c: cell.capturedValue ?? null,
            Opportunity__c: cell.opportunityId ?? null,
        });
    });

    if (planId) {
        const details = account.planDetails;
        const objectiveIds: string[] = [];
        (scoring.objectives ?? []).forEach((objective, index) => {
            const detail = details.objectives[index];
            objectiveIds[index] = add('AccountObjective__c', {
                AccountPlan__c: planId,
                Name: detail?.name ?? objective.metric ?? null,
                Description__c: detail?.description ?? null,
                Metric__c: objective.metric ?? null,
                TargetValue__c: objective.targetValue ?? null,
                CurrentValue__c: detail?.currentValue ?? null,
                DueDate__c: detail?.dueDate ?? null,
                Status__c: detail?.status ?? null,
            });
        });
        (scoring.actions ?? []).forEach((action, index) => {
            const detail = details.actions[index];
            add('AccountAction__c', {
                AccountPlan__c: planId,
                Name: detail?.subject ?? null,
                Description__c: detail?.description ?? null,
                Owner__c: action.ownerId ?? null,
                DueDate__c: action.dueDate ?? null,
                Status__c: action.status ?? null,
                CompletedDate__c: detail?.completedDate ?? null,
                Objective__c:
                    detail?.objectiveIndex === null || detail?.objectiveIndex === undefined
                        ? null
                        : (objectiveIds[detail.objectiveIndex] ?? null),
            });
        });
        (scoring.risks ?? []).forEach((risk, index) => {
            const detail = details.risks[index];
            add('AccountRisk__c', {
                AccountPlan__c: planId,
                Name: detail?.name ?? null,
                Description__c: detail?.description ?? null,
                Likelihood__c: detail?.likelihood ?? null,
                Impact__c: detail?.impact ?? null,
                Mitigation__c: detail?.mitigation ?? null,
                MitigationOwner__c: risk.mitigationOwnerId ?? null,
                MitigationDueDate__c: detail?.mitigationDueDate ?? null,
                Status__c: detail?.status ?? null,
            });
        });
    }

    for (const signal of scoring.signals ?? []) {
        add('HealthSignal__c', {
            Account__c: account.id,
            AccountPlan__c: planId,
            Type__c: signal.type ?? null,
            Status__c: signal.status ?? null,
            ScoreImpact__c: signal.scoreImpact ?? null,
        });
    }
    return records;
}

/** The preview's seed from a generated sample portfolio. */
export function seedFromPortfolio(portfolio: SamplePortfolio): PreviewSeed {
    const ids = new IdSequence();
    return {
        asOf: portfolio.now,
        users: portfolio.users.map((user) => ({
            id: user.id,
            fields: { Name: user.name, ...splitName(user.name), Title: user.title },
        })),
        accounts: portfolio.accounts.map((account) => ({
            id: account.id,
            fields: {
                Name: account.name,
                Industry: account.industry,
                BillingCountry: account.billingCountry,
                Website: account.website,
                OwnerId: account.ownerId,
            },
            scoring: account.scoring,
        })),
        records: [
            ...portfolio.products.map((product) => ({
                apiName: 'Product2',
                fields: {
                    Id: product.id,
                    Name: product.name,
                    Family: product.family,
                    ProductCode: product.code,
                    IsActive: true,
                },
            })),
            ...portfolio.accounts.flatMap((account) => accountRecords(account, ids)),
        ],
    };
}

// ---------------------------------------------------------------- records → engine input

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

/** Earliest close date of an open renewal opportunity (Type contains "renewal"). */
function nextRenewalDate(opportunities: FieldValues[]): string | null {
    let earliest: string | null = null;
    for (const opportunity of opportunities) {
        const closeDate = text(opportunity.CloseDate);
        const isRenewal = /renewal/i.test(String(opportunity.Type ?? ''));
        if (opportunity.IsClosed !== true && isRenewal && closeDate) {
            if (!earliest || closeDate < earliest) earliest = closeDate;
        }
    }
    return earliest;
}

/**
 * An account's engine input from the records as they are now, read as RecomputeService.cls
 * reads them: the tier stored on the Account, the renewal date from open renewal
 * opportunities, the previous health score stored on the plan. `facts` carries what the
 * dataset knows that has no field here (strategic value) and fills what is not stored yet.
 */
export function scoringInputFor(
    store: RecordStore,
    accountId: string,
    asOf: string,
    facts: AccountFacts = {},
): AccountScoringInput {
    const account = store.get(accountId);
    const byAccount = (apiName: string, field: string) =>
        store.list(apiName, (fields) => fields[field] === accountId).map((record) => record.fields);
    const planRecord = store
        .list('AccountPlan__c', (f) => f.Account__c === accountId && f.Status__c === 'Active')
        .at(0);
    const byPlan = (apiName: string) =>
        planRecord
            ? store
                  .list(apiName, (fields) => fields.AccountPlan__c === planRecord.id)
                  .map((record) => record.fields)
            : [];

    const stakeholders: StakeholderInput[] = byAccount('Stakeholder__c', 'Account__c').map((f) => ({
        id: text(f.Id) ?? undefined,
        contactId: text(f.Contact__c),
        name: text(f.Name),
        buyingRole: text(f.BuyingRole__c),
        sentiment: text(f.Sentiment__c),
        relationshipStrength: text(f.RelationshipStrength__c),
        function: text(f.Function__c),
        level: text(f.Level__c),
        internalOwnerId: text(f.InternalOwner__c),
        leftCompany: bool(f.LeftCompany__c),
        relevantToBuyingGroup: bool(f.RelevantToBuyingGroup__c),
        lastEngagedDate: text(f.LastEngagedDate__c),
    }));
    const activities: ActivityInput[] = (['Task', 'Event'] as const).flatMap((kind) =>
        byAccount(kind, 'AccountId').map((f) => ({
            contactId: text(f.WhoId),
            activityDate: text(f.ActivityDate),
            kind,
        })),
    );
    const opportunityRecords = byAccount('Opportunity', 'AccountId');
    const opportunities: OpportunityInput[] = opportunityRecords.map((f) => ({
        id: text(f.Id) ?? undefined,
        amount: num(f.Amount),
        closeDate: text(f.CloseDate),
        isClosed: bool(f.IsClosed),
        isWon: bool(f.IsWon),
        probability: num(f.Probability),
        type: text(f.Type),
        recurringAmount: num(f.RecurringAmount__c),
    }));
    const whitespaceCells: WhitespaceCellInput[] = byAccount('WhitespaceCell__c', 'Account__c').map(
        (f) => ({
            id: text(f.Id) ?? undefined,
            businessUnit: text(f.BusinessUnit__c),
            productFamily: text(f.ProductFamily__c),
            status: text(f.Status__c),
            estimatedValue: num(f.EstimatedValue__c),
            probability: num(f.Probability__c),
            captured: bool(f.Captured__c),
            capturedValue: num(f.CapturedValue__c),
            opportunityId: text(f.Opportunity__c),
        }),
    );
    const p = planRecord?.fields;
    const plan: PlanInput | null = p
        ? {
              businessPriorities: text(p.BusinessPriorities__c),
              financialContext: text(p.FinancialContext__c),
              revenueTarget: num(p.RevenueTarget__c),
              expansionTarget: num(p.ExpansionTarget__c),
              competitiveLandscape: text(p.CompetitiveLandscape__c),
              keyAccountManagerId: text(p.KeyAccountManager__c),
              executiveSponsorId: text(p.ExecutiveSponsor__c),
              technicalLeadId: text(p.TechnicalLead__c),
              customerSuccessManagerId: text(p.CustomerSuccessManager__c),
              lastReviewedDate: text(p.LastReviewedDate__c),
              buyingGroupSize: num(p.BuyingGroupSize__c),
          }
        : null;
    const objectives: PlanObjectiveInput[] = byPlan('AccountObjective__c').map((f) => ({
        metric: text(f.Metric__c),
        targetValue: num(f.TargetValue__c),
    }));
    const actions: PlanActionInput[] = byPlan('AccountAction__c').map((f) => ({
        ownerId: text(f.Owner__c),
        dueDate: text(f.DueDate__c),
        status: text(f.Status__c),
    }));
    const risks: PlanRiskInput[] = byPlan('AccountRisk__c').map((f) => ({
        mitigationOwnerId: text(f.MitigationOwner__c),
    }));
    const signals: SignalInput[] = byAccount('HealthSignal__c', 'Account__c').map((f) => ({
        type: text(f.Type__c),
        status: text(f.Status__c),
        scoreImpact: num(f.ScoreImpact__c),
        source: text(f.Source__c),
    }));
    return {
        now: asOf,
        account: {
            ...facts,
            id: accountId,
            name: text(account?.fields.Name) ?? facts.name,
            ownerId: text(account?.fields.OwnerId) ?? facts.ownerId ?? null,
            tier: text(account?.fields.KeyAccountTier__c) ?? facts.tier ?? null,
            segment: text(account?.fields.KeyAccountSegment__c) ?? facts.segment ?? null,
            renewalDate: nextRenewalDate(opportunityRecords) ?? facts.renewalDate ?? null,
            previousHealthScore: num(p?.HealthScore__c) ?? facts.previousHealthScore ?? null,
        },
        stakeholders,
        activities,
        opportunities,
        whitespaceCells,
        plan,
        objectives,
        actions,
        risks,
        signals,
    };
}

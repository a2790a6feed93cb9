// The sample portfolio (scripts/data/sampleDataset.ts) as an ordered list of load steps, in the
// order the records depend on each other: accounts → contacts → products and the price book →
// opportunities and line items → activities → Keystone records. Pure: no org, no clock.
//
// Every row carries a Keystone External Id (ExternalId__c) made from the portfolio's seed and the
// sample's own id, so a second run finds what the first one loaded. References to other rows
// are `{ ref: <external id> }`, resolved by the loader once the row they point to exists; values
// only the org knows (the running user, the standard price book, stage names) are placeholders
// too. Field names are unqualified; the loader adds the namespace of an installed package.
//
// The sample generator leaves a few values blank that the org's validation rules require (an
// action's owner or due date, a risk's mitigation owner, an objective's due date, a
// competitor's name). The plan fills them, and fills them the same way every time:
// owners → the user running the seed, due dates → the plan's period end, competitor → a name.
// System signals (Single Threaded, Plan Stale …) are not loaded: the recompute raises them
// itself from the loaded data, which is the point of seeding with the triggers on.
import type { SampleAccount, SamplePortfolio } from '../data/sampleDataset.ts';

export const EXTERNAL_ID_FIELD = 'ExternalId__c';
export const SEED_PREFIX = 'KS';

/** The Id of the row of an earlier step whose external id is `ref`. */
export interface RowRef {
    ref: string;
}
/** A sample user; the loader maps every sample user to a real one (by default the runner). */
export interface UserRef {
    user: string;
}
/** The user running the seed, where the org requires an owner the sample left blank. */
export interface RunningUserRef {
    runningUser: true;
}
/** The org's stage for an opportunity in this state (OpportunityStage decides the names). */
export interface StageRef {
    stage: { isClosed: boolean; isWon: boolean; probability: number | null };
}
/** The org's standard price book. */
export interface PricebookRef {
    standardPricebook: true;
}
/** The standard price book entry of the product row `product`. */
export interface PricebookEntryRef {
    pricebookEntryOf: string;
}

export type Placeholder =
    RowRef | UserRef | RunningUserRef | StageRef | PricebookRef | PricebookEntryRef;
export type FieldValue = string | number | boolean | null | Placeholder;

export interface SeedRow {
    /** Unique within the portfolio; the row's ExternalId__c (or its match key). */
    externalId: string;
    /** What a person reads in a message: "Olivia Smith at Northwind Holdings". */
    label: string;
    fields: Record<string, FieldValue>;
}

export interface SeedStep {
    name: string;
    sobject: string;
    /**
     * create: insert the rows whose external id is not in the org yet; existing ones are left
     * as they are (an admin may have edited them).
     * link: set self-references (reports-to lines) once every row of the object exists; only
     * rows whose value differs are updated.
     * pricebook: entries of the standard price book, matched on (price book, product).
     */
    kind: 'create' | 'link' | 'pricebook';
    rows: SeedRow[];
}

/** `KS-<seed>-<kind>-` : every external id of one kind of row starts with this. */
export function externalIdPrefix(seed: number, kind: string): string {
    return `${SEED_PREFIX}-${seed}-${kind}-`;
}

const DEFAULT_COMPETITOR = 'Incumbent competitor';

function ref(externalId: string): RowRef {
    return { ref: externalId };
}

function user(sampleUserId: string | null | undefined): UserRef | null {
    return sampleUserId ? { user: sampleUserId } : null;
}

export const RUNNING_USER: RunningUserRef = { runningUser: true };

/** The seed's ids for one portfolio: one function per kind of row. */
export class SeedIds {
    constructor(readonly seed: number) {}
    private id(kind: string, local: string): string {
        return `${externalIdPrefix(this.seed, kind)}${local}`;
    }
    account = (sampleId: string): string => this.id('acc', sampleId);
    contact = (sampleId: string): string => this.id('con', sampleId);
    product = (sampleId: string): string => this.id('prd', sampleId);
    pricebookEntry = (sampleId: string): string => this.id('pbe', sampleId);
    opportunity = (sampleId: string): string => this.id('opp', sampleId);
    lineItem = (opportunityId: string, index: number): string =>
        this.id('oli', `${opportunityId}-${index}`);
    task = (accountId: string, index: number): string => this.id('tsk', `${accountId}-${index}`);
    event = (accountId: string, index: number): string => this.id('evt', `${accountId}-${index}`);
    plan = (accountId: string): string => this.id('pln', accountId);
    stakeholder = (sampleId: string): string => this.id('stk', sampleId);
    cell = (sampleId: string): string => this.id('cel', sampleId);
    objective = (accountId: string, index: number): string =>
        this.id('obj', `${accountId}-${index}`);
    action = (accountId: string, index: number): string => this.id('act', `${accountId}-${index}`);
    risk = (accountId: string, index: number): string => this.id('rsk', `${accountId}-${index}`);
    signal = (accountId: string, index: number): string => this.id('sig', `${accountId}-${index}`);
}

/** Signals an integration raises; the others are the recompute's to raise. */
export const INTEGRATION_SIGNAL_TYPES = new Set(['Usage Drop', 'Support Escalation']);

export function seedPlan(portfolio: SamplePortfolio): SeedStep[] {
    const ids = new SeedIds(portfolio.seed);
    const accounts = portfolio.accounts;
    const each = (build: (account: SampleAccount) => SeedRow[]): SeedRow[] =>
        accounts.flatMap(build);

    const accountRows = each((account) => [
        {
            externalId: ids.account(account.id),
            label: account.name,
            fields: {
                Name: account.name,
                Industry: account.industry,
                BillingCountry: account.billingCountry,
                Website: account.website,
                OwnerId: user(account.ownerId),
                StrategicValue__c: account.scoring.account.strategicValue ?? null,
                KeyAccountTier__c: account.scoring.account.tier ?? null,
                IsKeyAccount__c: Boolean(account.scoring.account.tier),
            },
        },
    ]);

    const contactRows = each((account) =>
        account.contacts.map((contact) => ({
            externalId: ids.contact(contact.id),
            label: `${contact.firstName} ${contact.lastName} at ${account.name}`,
            fields: {
                AccountId: ref(ids.account(account.id)),
                FirstName: contact.firstName,
                LastName: contact.lastName,
                Title: contact.title,
                Email: contact.email,
                Department: contact.function,
                LeftCompany__c: contact.leftCompany,
            },
        })),
    );
    const contactLines = each((account) =>
        account.contacts
            .filter((contact) => contact.reportsToId)
            .map((contact) => ({
                externalId: ids.contact(contact.id),
                label: `${contact.firstName} ${contact.lastName} at ${account.name}`,
                fields: { ReportsToId: ref(ids.contact(contact.reportsToId ?? '')) },
            })),
    );

    const productRows = portfolio.products.map((product) => ({
        externalId: ids.product(product.id),
        label: product.name,
        fields: {
            Name: product.name,
            Family: product.family,
            ProductCode: product.code,
            IsActive: true,
        },
    }));
    const pricebookRows = portfolio.products.map((product) => ({
        externalId: ids.pricebookEntry(product.id),
        label: `${product.name} in the standard price book`,
        fields: {
            Pricebook2Id: { standardPricebook: true } as PricebookRef,
            Product2Id: ref(ids.product(product.id)),
            UnitPrice: product.listPrice,
            IsActive: true,
        },
    }));

    const opportunityRows = each((account) =>
        (account.scoring.opportunities ?? []).map((opportunity, index) => {
            const detail = account.opportunityDetails[index];
            const sampleId = opportunity.id ?? detail?.id ?? `${account.id}-${index}`;
            return {
                externalId: ids.opportunity(sampleId),
                label: detail?.name ?? `${account.name} opportunity ${index + 1}`,
                fields: {
                    Name: detail?.name ?? `${account.name} opportunity ${index + 1}`,
                    AccountId: ref(ids.account(account.id)),
                    OwnerId: user(account.ownerId),
                    CloseDate: opportunity.closeDate ?? null,
                    Amount: opportunity.amount ?? null,
                    Type: detail?.type ?? null,
                    StageName: {
                        stage: {
                            isClosed: opportunity.isClosed === true,
                            isWon: opportunity.isWon === true,
                            probability: opportunity.probability ?? null,
                        },
                    } as StageRef,
                    Pricebook2Id: { standardPricebook: true } as PricebookRef,
                },
            };
        }),
    );
    const lineItemRows = each((account) =>
        account.opportunityDetails.flatMap((detail) =>
            detail.lineItems.map((item, index) => ({
                externalId: ids.lineItem(detail.id, index),
                label: `${detail.name}, line ${index + 1}`,
                fields: {
                    OpportunityId: ref(ids.opportunity(detail.id)),
                    PricebookEntryId: {
                        pricebookEntryOf: ids.product(item.productId),
                    } as PricebookEntryRef,
                    Quantity: item.quantity,
                    UnitPrice: item.unitPrice,
                },
            })),
        ),
    );

    const activityRows = (kind: 'Task' | 'Event'): SeedRow[] =>
        each((account) =>
            (account.scoring.activities ?? []).flatMap((activity, index) => {
                if ((activity.kind === 'Event' ? 'Event' : 'Task') !== kind) return [];
                const detail = account.activityDetails[index];
                const date = activity.activityDate ?? portfolio.now;
                const common = {
                    Subject: detail?.subject ?? kind,
                    WhoId: activity.contactId ? ref(ids.contact(activity.contactId)) : null,
                    WhatId: ref(ids.account(account.id)),
                    OwnerId: user(detail?.ownerId ?? account.ownerId),
                };
                const fields: Record<string, FieldValue> =
                    kind === 'Task'
                        ? { ...common, ActivityDate: date, Status: 'Completed' }
                        : {
                              ...common,
                              StartDateTime: `${date}T10:00:00.000Z`,
                              EndDateTime: `${date}T11:00:00.000Z`,
                          };
                return [
                    {
                        externalId:
                            kind === 'Task'
                                ? ids.task(account.id, index)
                                : ids.event(account.id, index),
                        label: `${detail?.subject ?? kind} with ${account.name} on ${date}`,
                        fields,
                    },
                ];
            }),
        );

    const planRows = each((account) => {
        const plan = account.scoring.plan;
        if (!plan || !account.planPeriod) return [];
        return [
            {
                externalId: ids.plan(account.id),
                label: `the plan of ${account.name}`,
                fields: {
                    Name: `${account.name} account plan`,
                    Account__c: ref(ids.account(account.id)),
                    Status__c: 'Active',
                    PeriodStart__c: account.planPeriod.start,
                    PeriodEnd__c: account.planPeriod.end,
                    BusinessPriorities__c: plan.businessPriorities ?? null,
                    FinancialContext__c: plan.financialContext ?? null,
                    RevenueTarget__c: plan.revenueTarget ?? null,
                    ExpansionTarget__c: plan.expansionTarget ?? null,
                    CompetitiveLandscape__c: plan.competitiveLandscape ?? null,
                    KeyAccountManager__c: user(plan.keyAccountManagerId) ?? RUNNING_USER,
                    ExecutiveSponsor__c: user(plan.executiveSponsorId),
                    TechnicalLead__c: user(plan.technicalLeadId),
                    CustomerSuccessManager__c: user(plan.customerSuccessManagerId),
                    LastReviewedDate__c: plan.lastReviewedDate ?? null,
                },
            },
        ];
    });
    const planOf = (account: SampleAccount): RowRef | null =>
        account.scoring.plan && account.planPeriod ? ref(ids.plan(account.id)) : null;

    const stakeholderRows = each((account) =>
        (account.scoring.stakeholders ?? []).map((stakeholder, index) => {
            const sampleId = stakeholder.id ?? `${account.id}-${index}`;
            return {
                externalId: ids.stakeholder(sampleId),
                label: `${stakeholder.name ?? 'a stakeholder'} at ${account.name}`,
                fields: {
                    Name: stakeholder.name ?? `Stakeholder ${index + 1}`,
                    Account__c: ref(ids.account(account.id)),
                    AccountPlan__c: planOf(account),
                    Contact__c: stakeholder.contactId
                        ? ref(ids.contact(stakeholder.contactId))
                        : null,
                    BuyingRole__c: stakeholder.buyingRole ?? null,
                    Sentiment__c: stakeholder.sentiment ?? null,
                    RelationshipStrength__c: stakeholder.relationshipStrength ?? null,
                    Function__c: stakeholder.function ?? null,
                    Level__c: stakeholder.level ?? null,
                    InternalOwner__c: user(stakeholder.internalOwnerId),
                    LeftCompany__c: stakeholder.leftCompany === true,
                    RelevantToBuyingGroup__c: stakeholder.relevantToBuyingGroup !== false,
                },
            };
        }),
    );
    // Stakeholder__c.ReportsTo__c: the stakeholder of the contact's manager, when mapped.
    const stakeholderLines = each((account) => {
        const stakeholderOfContact = new Map<string, string>();
        for (const stakeholder of account.scoring.stakeholders ?? []) {
            if (stakeholder.contactId && stakeholder.id) {
                stakeholderOfContact.set(stakeholder.contactId, stakeholder.id);
            }
        }
        const managerOf = new Map(account.contacts.map((c) => [c.id, c.reportsToId]));
        return (account.scoring.stakeholders ?? []).flatMap((stakeholder) => {
            const managerContact = stakeholder.contactId
                ? managerOf.get(stakeholder.contactId)
                : null;
            const managerStakeholder = managerContact
                ? stakeholderOfContact.get(managerContact)
                : undefined;
            if (!stakeholder.id || !managerStakeholder) return [];
            return [
                {
                    externalId: ids.stakeholder(stakeholder.id),
                    label: `${stakeholder.name ?? 'a stakeholder'} at ${account.name}`,
                    fields: { ReportsTo__c: ref(ids.stakeholder(managerStakeholder)) },
                },
            ];
        });
    });

    const cellRows = each((account) =>
        (account.scoring.whitespaceCells ?? []).map((cell, index) => {
            const sampleId = cell.id ?? `${account.id}-${index}`;
            const productSampleId = account.whitespaceProductIds[index];
            return {
                externalId: ids.cell(sampleId),
                label: `${cell.businessUnit ?? 'a business unit'} × ${cell.productFamily ?? 'a product'} at ${account.name}`,
                fields: {
                    Account__c: ref(ids.account(account.id)),
                    AccountPlan__c: planOf(account),
                    BusinessUnit__c: cell.businessUnit ?? null,
                    Product__c: productSampleId ? ref(ids.product(productSampleId)) : null,
                    Status__c: cell.status ?? null,
                    EstimatedValue__c: cell.estimatedValue ?? null,
                    Probability__c: cell.probability ?? null,
                    Opportunity__c: cell.opportunityId
                        ? ref(ids.opportunity(cell.opportunityId))
                        : null,
                    Competitor__c: cell.status === 'Competitor' ? DEFAULT_COMPETITOR : null,
                },
            };
        }),
    );

    const planChildRows = (kind: 'objective' | 'action' | 'risk'): SeedRow[] =>
        each((account) => {
            const plan = planOf(account);
            const periodEnd = account.planPeriod?.end ?? null;
            if (!plan) return [];
            if (kind === 'objective') {
                return (account.scoring.objectives ?? []).map((objective, index) => {
                    const detail = account.planDetails.objectives[index];
                    return {
                        externalId: ids.objective(account.id, index),
                        label: `objective "${objective.metric ?? index + 1}" of ${account.name}`,
                        fields: {
                            Name: detail?.name ?? objective.metric ?? `Objective ${index + 1}`,
                            AccountPlan__c: plan,
                            Description__c: detail?.description ?? null,
                            Metric__c: objective.metric ?? null,
                            TargetValue__c: objective.targetValue ?? null,
                            CurrentValue__c: detail?.currentValue ?? null,
                            DueDate__c: detail?.dueDate ?? periodEnd,
                            Status__c: detail?.status ?? null,
                        },
                    };
                });
            }
            if (kind === 'action') {
                return (account.scoring.actions ?? []).map((action, index) => {
                    const detail = account.planDetails.actions[index];
                    const objectiveIndex = detail?.objectiveIndex;
                    return {
                        externalId: ids.action(account.id, index),
                        label: `action ${index + 1} of ${account.name}`,
                        fields: {
                            Name: detail?.subject ?? `${account.name}: action ${index + 1}`,
                            AccountPlan__c: plan,
                            Description__c: detail?.description ?? null,
                            Owner__c: user(action.ownerId) ?? RUNNING_USER,
                            DueDate__c: action.dueDate ?? periodEnd,
                            Status__c: action.status ?? null,
                            Objective__c:
                                objectiveIndex === null || objectiveIndex === undefined
                                    ? null
                                    : ref(ids.objective(account.id, objectiveIndex)),
                        },
                    };
                });
            }
            return (account.scoring.risks ?? []).map((risk, index) => {
                const detail = account.planDetails.risks[index];
                return {
                    externalId: ids.risk(account.id, index),
                    label: `risk ${index + 1} of ${account.name}`,
                    fields: {
                        Name: detail?.name ?? `${account.name}: risk ${index + 1}`,
                        AccountPlan__c: plan,
                        Description__c: detail?.description ?? null,
                        Likelihood__c: detail?.likelihood ?? null,
                        Impact__c: detail?.impact ?? null,
                        Mitigation__c: detail?.mitigation ?? null,
                        MitigationOwner__c: user(risk.mitigationOwnerId) ?? RUNNING_USER,
                        MitigationDueDate__c: detail?.mitigationDueDate ?? null,
                        Status__c: detail?.status ?? null,
                    },
                };
            });
        });

    const signalRows = each((account) =>
        (account.scoring.signals ?? []).flatMap((signal, index) => {
            if (!signal.type || !INTEGRATION_SIGNAL_TYPES.has(signal.type)) return [];
            return [
                {
                    externalId: ids.signal(account.id, index),
                    label: `"${signal.type}" signal of ${account.name}`,
                    fields: {
                        Account__c: ref(ids.account(account.id)),
                        AccountPlan__c: planOf(account),
                        Type__c: signal.type,
                        Status__c: signal.status ?? 'Open',
                        Source__c: 'Integration',
                        Severity__c: 'Medium',
                        Details__c: 'Loaded by the Keystone sample seed.',
                    },
                },
            ];
        }),
    );

    return [
        { name: 'Accounts', sobject: 'Account', kind: 'create', rows: accountRows },
        { name: 'Contacts', sobject: 'Contact', kind: 'create', rows: contactRows },
        { name: 'Contact reporting lines', sobject: 'Contact', kind: 'link', rows: contactLines },
        { name: 'Products', sobject: 'Product2', kind: 'create', rows: productRows },
        {
            name: 'Price book entries',
            sobject: 'PricebookEntry',
            kind: 'pricebook',
            rows: pricebookRows,
        },
        { name: 'Opportunities', sobject: 'Opportunity', kind: 'create', rows: opportunityRows },
        {
            name: 'Opportunity products',
            sobject: 'OpportunityLineItem',
            kind: 'create',
            rows: lineItemRows,
        },
        { name: 'Tasks', sobject: 'Task', kind: 'create', rows: activityRows('Task') },
        { name: 'Events', sobject: 'Event', kind: 'create', rows: activityRows('Event') },
        { name: 'Key account plans', sobject: 'AccountPlan__c', kind: 'create', rows: planRows },
        { name: 'Stakeholders', sobject: 'Stakeholder__c', kind: 'create', rows: stakeholderRows },
        {
            name: 'Stakeholder reporting lines',
            sobject: 'Stakeholder__c',
            kind: 'link',
            rows: stakeholderLines,
        },
        { name: 'Whitespace cells', sobject: 'WhitespaceCell__c', kind: 'create', rows: cellRows },
        {
            name: 'Plan objectives',
            sobject: 'AccountObjective__c',
            kind: 'create',
            rows: planChildRows('objective'),
        },
        {
            name: 'Plan actions',
            sobject: 'AccountAction__c',
            kind: 'create',
            rows: planChildRows('action'),
        },
        {
            name: 'Plan risks',
            sobject: 'AccountRisk__c',
            kind: 'create',
            rows: planChildRows('risk'),
        },
        {
            name: 'Integration signals',
            sobject: 'HealthSignal__c',
            kind: 'create',
            rows: signalRows,
        },
    ];
}

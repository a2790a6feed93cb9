// Plain-data shapes the engine reads and returns. Inputs mirror the records the org holds
// (Stakeholder__c, Task/Event, Opportunity, WhitespaceCell__c, AccountPlan__c and its
// children, HealthSignal__c) with camelCase keys; dates are 'YYYY-MM-DD' strings.

/** 'YYYY-MM-DD'. */
export type IsoDate = string;

// ---------------------------------------------------------------- inputs

export interface StakeholderInput {
    id?: string;
    contactId?: string | null;
    name?: string | null;
    buyingRole?: string | null;
    sentiment?: string | null;
    relationshipStrength?: string | null;
    /** The customer's business function (Finance, IT, Operations, ...). */
    function?: string | null;
    level?: string | null;
    /** The person on our side who owns this relationship (a User id). */
    internalOwnerId?: string | null;
    /** The person has left the customer. */
    leftCompany?: boolean | null;
    /** Matters for buying decisions; only relevant people count for coverage depth. Null = true. */
    relevantToBuyingGroup?: boolean | null;
    /** Last engagement stored on the record (kept up to date from activities by the org). */
    lastEngagedDate?: IsoDate | null;
}

export interface ActivityInput {
    /** The Contact the Task or Event was with (WhoId). */
    contactId?: string | null;
    activityDate?: IsoDate | null;
    kind?: 'Task' | 'Event' | null;
}

export interface OpportunityInput {
    id?: string;
    amount?: number | null;
    closeDate?: IsoDate | null;
    isClosed?: boolean | null;
    isWon?: boolean | null;
    /** 0..100. */
    probability?: number | null;
    /** Opportunity.Type: with recordType, decides how the deal counts for revenue retention. */
    type?: string | null;
    /** The record type's API name (RecordType.DeveloperName). */
    recordType?: string | null;
    /** Opportunity.RecurringAmount__c: the annual recurring part; retention uses it when set. */
    recurringAmount?: number | null;
}

export interface WhitespaceCellInput {
    id?: string;
    /** Row: business unit, division or geography. */
    businessUnit?: string | null;
    /** Column: product family. */
    productFamily?: string | null;
    status?: string | null;
    estimatedValue?: number | null;
    /** 0..100. */
    probability?: number | null;
    /** The cell was whitespace and was won (as opposed to revenue we already had). */
    captured?: boolean | null;
    /** What the capture was worth; the estimate when blank. */
    capturedValue?: number | null;
    /** The Opportunity worked from this cell; its live state overrides the cell's status. */
    opportunityId?: string | null;
}

export interface PlanInput {
    businessPriorities?: string | null;
    financialContext?: string | null;
    revenueTarget?: number | null;
    expansionTarget?: number | null;
    competitiveLandscape?: string | null;
    /** Our side's account team (User ids). */
    keyAccountManagerId?: string | null;
    executiveSponsorId?: string | null;
    technicalLeadId?: string | null;
    customerSuccessManagerId?: string | null;
    lastReviewedDate?: IsoDate | null;
    /** AccountPlan__c.BuyingGroupSize__c: the people expected in the buying group; blank = default. */
    buyingGroupSize?: number | null;
}

export interface PlanObjectiveInput {
    /** The metric that says the objective is met ("NPS", "BUs live"). */
    metric?: string | null;
    targetValue?: number | null;
}

export interface PlanActionInput {
    ownerId?: string | null;
    dueDate?: IsoDate | null;
    status?: string | null;
}

export interface PlanRiskInput {
    mitigationOwnerId?: string | null;
}

export interface SignalInput {
    type?: string | null;
    /** Open | Acknowledged | Resolved; anything but Resolved is open. Blank = Open. */
    status?: string | null;
    /** Points this open signal takes off, as a negative number (-100..0); blank = the type's default. */
    scoreImpact?: number | null;
    /** System | Integration | Manual; blank = System. Only system signals resolve themselves. */
    source?: string | null;
}

// ---------------------------------------------------------------- explanations

/** One line of "why is this 54?": what was measured, how it scored, what it contributed. */
export interface ScorePart {
    key: string;
    label: string;
    /** What was measured, in its own unit (money, %, days, a status). */
    rawValue: number | string | null;
    /** 0..100 after normalisation. */
    normalised: number;
    weight: number;
    /** normalised × weight / total weight, 2 decimals. */
    points: number;
    explanation: string;
}

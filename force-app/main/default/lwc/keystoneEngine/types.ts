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
  relationshipOwnerId?: string | null;
  /** The person has left the customer. */
  hasLeft?: boolean | null;
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
}

export interface WhitespaceCellInput {
  id?: string;
  /** Business unit, division or geography. */
  rowKey?: string | null;
  /** Product or product family. */
  columnKey?: string | null;
  status?: string | null;
  estimatedValue?: number | null;
  /** 0..100. */
  probability?: number | null;
  /** The cell was whitespace and was won (as opposed to revenue we already had). */
  captured?: boolean | null;
  /** The Opportunity worked from this cell; its live state overrides the cell's status. */
  opportunityId?: string | null;
}

export interface PlanInput {
  businessPriorities?: string | null;
  financialContext?: string | null;
  revenueTarget?: number | null;
  expansionTarget?: number | null;
  competitiveLandscape?: string | null;
  accountLeadId?: string | null;
  executiveSponsorId?: string | null;
  technicalLeadId?: string | null;
  customerSuccessLeadId?: string | null;
  lastReviewedOn?: IsoDate | null;
}

export interface PlanObjectiveInput {
  /** The measure that says the objective is met ("NPS ≥ 40", "3 new BUs"). */
  measure?: string | null;
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
  status?: string | null;
  /** Health points this signal takes off the signals part, 0..100. */
  impact?: number | null;
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

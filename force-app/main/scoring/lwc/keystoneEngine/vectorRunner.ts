// The TypeScript twin of ScoringVectorRunner.cls: takes one case of the shared vectors file
// (KeystoneScoringVectors.json), converts its untyped input into engine inputs, runs the
// calculator named by `kind`, and returns plain outputs to compare with `expected`.
// Every input key is read by name here (and by name in the Apex runner) so the static check
// in __tests__ can prove both sides read every field the vectors define.
import { checkCapacity, scoreSelection } from './selection';
import { calculateCoverage } from './coverage';
import { mergeConfig } from './config';
import { addDays, addMonths, daysBetween, formatDate, parseDate } from './dates';
import { KeystoneScoringError } from './errors';
import { calculateHealth, normaliseHealthFactors } from './health';
import type { PlanFreshnessStatus } from './health';
import { assessPlan } from './plan';
import { summariseRevenue } from './revenue';
import { calculateRetention, retentionSumsFromOpportunities } from './retention';
import type { RetentionSum } from './retention';
import { ratioHalfUp, roundHalfUp } from './rounding';
import { detectSignals, openSignalImpacts, openSignalTypes } from './signals';
import type {
    ActivityInput,
    OpportunityInput,
    PlanActionInput,
    PlanInput,
    PlanObjectiveInput,
    PlanRiskInput,
    SignalInput,
    StakeholderInput,
    WhitespaceCellInput,
} from './types';
import { totalWhitespace } from './whitespace';
import { scoreAccount } from './account';
import type { AccountFacts } from './account';

export interface VectorCase {
    name: string;
    kind: string;
    note?: string;
    input: Record<string, unknown>;
    expected?: Record<string, unknown>;
    expectedError?: string;
}

type Raw = Record<string, unknown>;

function record(value: unknown, path: string): Raw {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
        throw new KeystoneScoringError(path, 'must be an object');
    }
    return value as Raw;
}

function list(value: unknown, path: string): Raw[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new KeystoneScoringError(path, 'must be a list');
    return value.map((item, index) => record(item, `${path}[${index}]`));
}

function text(value: unknown): string | null {
    return typeof value === 'string' ? value : null;
}

function flag(value: unknown): boolean | null {
    return typeof value === 'boolean' ? value : null;
}

function toStakeholder(raw: Raw): StakeholderInput {
    return {
        id: text(raw['id']) ?? undefined,
        contactId: text(raw['contactId']),
        name: text(raw['name']),
        buyingRole: raw['buyingRole'] as string | null,
        sentiment: raw['sentiment'] as string | null,
        relationshipStrength: raw['relationshipStrength'] as string | null,
        function: text(raw['function']),
        level: text(raw['level']),
        internalOwnerId: text(raw['internalOwnerId']),
        leftCompany: flag(raw['leftCompany']),
        relevantToBuyingGroup: flag(raw['relevantToBuyingGroup']),
        lastEngagedDate: raw['lastEngagedDate'] as string | null,
    };
}

function toActivity(raw: Raw): ActivityInput {
    return {
        contactId: text(raw['contactId']),
        activityDate: raw['activityDate'] as string | null,
        kind: raw['kind'] === 'Event' ? 'Event' : 'Task',
    };
}

function toOpportunity(raw: Raw): OpportunityInput {
    return {
        id: text(raw['id']) ?? undefined,
        amount: raw['amount'] as number | null,
        closeDate: raw['closeDate'] as string | null,
        isClosed: flag(raw['isClosed']),
        isWon: flag(raw['isWon']),
        probability: raw['probability'] as number | null,
        type: text(raw['type']),
        recordType: text(raw['recordType']),
        recurringAmount: raw['recurringAmount'] as number | null,
    };
}

function toRetentionSum(raw: Raw): RetentionSum {
    return {
        opportunityType: text(raw['opportunityType']),
        recordType: text(raw['recordType']),
        period: text(raw['period']),
        isWon: flag(raw['isWon']),
        amount: raw['amount'] as number | null,
        count: raw['count'] as number | null,
    };
}

function toCell(raw: Raw): WhitespaceCellInput {
    return {
        id: text(raw['id']) ?? undefined,
        businessUnit: text(raw['businessUnit']),
        productFamily: text(raw['productFamily']),
        status: raw['status'] as string | null,
        estimatedValue: raw['estimatedValue'] as number | null,
        probability: raw['probability'] as number | null,
        captured: flag(raw['captured']),
        capturedValue: raw['capturedValue'] as number | null,
        opportunityId: text(raw['opportunityId']),
    };
}

function toPlan(value: unknown): PlanInput | null {
    if (value === undefined || value === null) return null;
    const raw = record(value, 'plan');
    return {
        businessPriorities: text(raw['businessPriorities']),
        financialContext: text(raw['financialContext']),
        revenueTarget: raw['revenueTarget'] as number | null,
        expansionTarget: raw['expansionTarget'] as number | null,
        competitiveLandscape: text(raw['competitiveLandscape']),
        keyAccountManagerId: text(raw['keyAccountManagerId']),
        executiveSponsorId: text(raw['executiveSponsorId']),
        technicalLeadId: text(raw['technicalLeadId']),
        customerSuccessManagerId: text(raw['customerSuccessManagerId']),
        lastReviewedDate: raw['lastReviewedDate'] as string | null,
        buyingGroupSize: raw['buyingGroupSize'] as number | null,
    };
}

function toObjective(raw: Raw): PlanObjectiveInput {
    return { metric: text(raw['metric']), targetValue: raw['targetValue'] as number | null };
}

function toAction(raw: Raw): PlanActionInput {
    return {
        ownerId: text(raw['ownerId']),
        dueDate: raw['dueDate'] as string | null,
        status: text(raw['status']),
    };
}

function toRisk(raw: Raw): PlanRiskInput {
    return { mitigationOwnerId: text(raw['mitigationOwnerId']) };
}

function toSignal(raw: Raw): SignalInput {
    return {
        type: text(raw['type']),
        status: text(raw['status']),
        scoreImpact: raw['scoreImpact'] as number | null,
        source: text(raw['source']),
    };
}

function toAccount(value: unknown): AccountFacts {
    const raw = record(value, 'account');
    return {
        id: text(raw['id']) ?? undefined,
        name: text(raw['name']) ?? undefined,
        ownerId: text(raw['ownerId']),
        tier: raw['tier'] as string | null,
        segment: raw['segment'] as string | null,
        strategicValue: raw['strategicValue'] as number | null,
        renewalDate: raw['renewalDate'] as string | null,
        previousHealthScore: raw['previousHealthScore'] as number | null,
    };
}

/** Plain copy: drops undefined, keeps null, so results compare like JSON. */
function plain<T>(value: T): unknown {
    return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Runs one vector case; throws KeystoneScoringError for input the engine rejects. */
export function runVectorCase(vectorCase: VectorCase): Record<string, unknown> {
    const input = record(vectorCase.input, 'input');
    const config = mergeConfig(input['config']);
    const nowOf = (): ReturnType<typeof parseDate> => parseDate(input['now'], 'now');
    switch (vectorCase.kind) {
        case 'selection': {
            const values = record(input['values'], 'values');
            return plain(scoreSelection(values, config.selection)) as Raw;
        }
        case 'capacity': {
            const accounts = list(input['accounts'], 'accounts').map((raw) => ({
                ownerId: text(raw['ownerId']),
                tier: raw['tier'] as string | null,
            }));
            return plain(checkCapacity(accounts, config.capacity)) as Raw;
        }
        case 'coverage': {
            const stakeholders = list(input['stakeholders'], 'stakeholders').map(toStakeholder);
            const activities = list(input['activities'], 'activities').map(toActivity);
            const buyingGroup = {
                expectedSize: input['expectedBuyingGroupSize'] ?? null,
                tier: input['tier'] ?? null,
                segment: input['segment'] ?? null,
            };
            return plain(
                calculateCoverage(stakeholders, activities, nowOf(), config.coverage, buyingGroup),
            ) as Raw;
        }
        case 'revenue': {
            const opportunities = list(input['opportunities'], 'opportunities').map(toOpportunity);
            return plain(summariseRevenue(opportunities, nowOf())) as Raw;
        }
        case 'retention': {
            // Either aggregate rows (the shape SUM ... GROUP BY returns) or single opportunities.
            const sums =
                input['opportunities'] === undefined
                    ? list(input['sums'], 'sums').map(toRetentionSum)
                    : retentionSumsFromOpportunities(
                          list(input['opportunities'], 'opportunities').map(toOpportunity),
                          nowOf(),
                      );
            return plain(calculateRetention(sums, config.retention)) as Raw;
        }
        case 'health': {
            const { factors, clamped } = normaliseHealthFactors(
                record(input['factors'], 'factors'),
            );
            return plain(
                calculateHealth(factors, config.health, config.coverage, config.retention, clamped),
            ) as Raw;
        }
        case 'plan': {
            const assessment = assessPlan(
                toPlan(input['plan']),
                {
                    objectives: list(input['objectives'], 'objectives').map(toObjective),
                    actions: list(input['actions'], 'actions').map(toAction),
                    risks: list(input['risks'], 'risks').map(toRisk),
                },
                input['tier'] ?? null,
                nowOf(),
                config.plan,
            );
            return plain(assessment) as Raw;
        }
        case 'whitespace': {
            const cells = list(input['cells'], 'cells').map(toCell);
            const opportunities = list(input['opportunities'], 'opportunities').map(toOpportunity);
            return plain(totalWhitespace(cells, opportunities)) as Raw;
        }
        case 'signalImpacts': {
            // What each open signal type costs health: own impact, type impact, worst of a type.
            const signals = list(input['signals'], 'signals').map(toSignal);
            return {
                impacts: openSignalImpacts(signals, config.signals),
                openTypes: openSignalTypes(signals),
            };
        }
        case 'signals': {
            const facts = record(input['facts'], 'facts');
            const detection = detectSignals(
                {
                    championLeft: facts['championLeft'] === true,
                    championCold: facts['championCold'] === true,
                    sponsorLeft: facts['sponsorLeft'] === true,
                    sponsorLapsed: facts['sponsorLapsed'] === true,
                    singleThreaded: facts['singleThreaded'] === true,
                    planFreshness: (text(facts['planFreshness']) ??
                        'No plan') as PlanFreshnessStatus,
                    revenueChangePercent: (facts['revenueChangePercent'] as number | null) ?? null,
                    healthScore: (facts['healthScore'] as number | null) ?? 0,
                    renewalDate: (facts['renewalDate'] as string | null) ?? null,
                },
                list(input['signals'], 'signals').map(toSignal),
                nowOf(),
                config.signals,
                config.health,
            );
            return plain(detection) as Raw;
        }
        case 'account': {
            const result = scoreAccount(
                {
                    now: input['now'] as string,
                    account: toAccount(input['account']),
                    stakeholders: list(input['stakeholders'], 'stakeholders').map(toStakeholder),
                    activities: list(input['activities'], 'activities').map(toActivity),
                    opportunities: list(input['opportunities'], 'opportunities').map(toOpportunity),
                    whitespaceCells: list(input['cells'], 'cells').map(toCell),
                    plan: toPlan(input['plan']),
                    objectives: list(input['objectives'], 'objectives').map(toObjective),
                    actions: list(input['actions'], 'actions').map(toAction),
                    risks: list(input['risks'], 'risks').map(toRisk),
                    signals: list(input['signals'], 'signals').map(toSignal),
                },
                config,
            );
            return plain(result) as Raw;
        }
        case 'config': {
            // The configuration after the case's overrides: the defaults when there are none.
            return plain(config) as Raw;
        }
        case 'dates': {
            const from = parseDate(input['from'], 'from');
            const to = parseDate(input['to'], 'to');
            const months = (input['months'] as number | undefined) ?? 0;
            const days = (input['days'] as number | undefined) ?? 0;
            return {
                daysBetween: daysBetween(from, to),
                addMonths: formatDate(addMonths(from, months)),
                addDays: formatDate(addDays(from, days)),
            };
        }
        case 'rounding': {
            const value = input['value'] as number;
            const scale = input['scale'] as number;
            const divisor = (input['divisor'] as number | undefined) ?? 1;
            return {
                rounded: roundHalfUp(value, scale),
                quotient: ratioHalfUp([value], [divisor], scale),
            };
        }
        default:
            throw new KeystoneScoringError('kind', `unknown case kind '${vectorCase.kind}'`);
    }
}

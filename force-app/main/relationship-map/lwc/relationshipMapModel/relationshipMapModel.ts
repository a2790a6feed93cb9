// The relationship map's data, and the words it uses about a person, shared by its parts: the
// container (c/relationshipMap), the map canvas, the person card, the people table and the edit
// form. The payload is RelationshipMapController.cls's; the engine inputs are what the scoring
// engine reads. Pure functions, no DOM.
import type { ActivityInput, BuyingGroupInput, StakeholderInput } from 'c/keystoneEngine';
import type { CoverageConfig } from 'c/keystoneEngine';
import { daysBetween, parseDate } from 'c/keystoneEngine';

export interface Option {
    label: string;
    value: string;
    detail?: string | null;
}

/** RelationshipMapController.StakeholderView */
export interface StakeholderView {
    id: string;
    name: string;
    contactId?: string | null;
    contactName?: string | null;
    title?: string | null;
    buyingRole?: string | null;
    sentiment?: string | null;
    influence?: string | null;
    relationshipStrength?: string | null;
    decisionAuthority?: string | null;
    businessFunction?: string | null;
    level?: string | null;
    internalOwnerId?: string | null;
    internalOwnerName?: string | null;
    reportsToId?: string | null;
    influencesId?: string | null;
    leftCompany?: boolean | null;
    relevantToBuyingGroup?: boolean | null;
    lastEngagedDate?: string | null;
    engagementCount90Days?: number | null;
    notes?: string | null;
}

/** RelationshipMapController.PlanCoverage: figures stored at the last recompute. */
export interface PlanCoverage {
    id: string;
    name?: string | null;
    coverageDepth?: number | null;
    /** The plan's expected buying-group size; null = the default for its tier and segment. */
    buyingGroupSize?: number | null;
    /** Seats the last recompute counted, and those without an engaged person. */
    buyingGroupSeats?: number | null;
    emptySeats?: number | null;
    tier?: string | null;
    segment?: string | null;
    lastRecomputedAt?: string | null;
}

/** What sizes the account's buying group: the active plan's figure, tier and segment. */
export function buyingGroupOf(plan: PlanCoverage | null | undefined): BuyingGroupInput {
    if (!plan) return {};
    return {
        expectedSize: plan.buyingGroupSize ?? null,
        tier: plan.tier ?? null,
        segment: plan.segment ?? null,
    };
}

/** RelationshipMapController.RelationshipMap */
export interface RelationshipMapData {
    accountId: string;
    today: string;
    stakeholders: StakeholderView[];
    truncated?: boolean;
    plan?: PlanCoverage | null;
    settings: CoverageConfig;
    contactOptions: Option[];
    ownerOptions: Option[];
    picklists: Record<string, Option[]>;
    canCreate?: boolean;
    canEdit?: boolean;
    canDelete?: boolean;
    canCreateContact?: boolean;
}

export function toStakeholderInput(person: StakeholderView): StakeholderInput {
    return {
        id: person.id,
        contactId: person.contactId ?? null,
        name: person.name,
        buyingRole: person.buyingRole ?? null,
        sentiment: person.sentiment ?? null,
        relationshipStrength: person.relationshipStrength ?? null,
        function: person.businessFunction ?? null,
        level: person.level ?? null,
        internalOwnerId: person.internalOwnerId ?? null,
        leftCompany: person.leftCompany === true,
        relevantToBuyingGroup: person.relevantToBuyingGroup !== false,
        lastEngagedDate: person.lastEngagedDate ?? null,
    };
}

/**
 * The engine counts engagement from dated activities per Contact. The org keeps each
 * stakeholder's last Task or Event date on the record, and only the latest date per contact
 * matters to coverage, so one activity per engaged contact is an exact input.
 */
export function toActivityInputs(people: StakeholderView[]): ActivityInput[] {
    const activities: ActivityInput[] = [];
    for (const person of people) {
        if (person.contactId && person.lastEngagedDate) {
            activities.push({ contactId: person.contactId, activityDate: person.lastEngagedDate });
        }
    }
    return activities;
}

/** Whole days from the person's last Task or Event to today; null when none is logged. */
export function daysSinceEngagement(person: StakeholderView, today: string): number | null {
    if (!person.lastEngagedDate || !today) return null;
    return daysBetween(
        parseDate(person.lastEngagedDate, 'lastEngagedDate'),
        parseDate(today, 'today'),
    );
}

/** Still at the customer, but no Task or Event inside the engagement window. */
export function isCold(person: StakeholderView, today: string, windowDays: number): boolean {
    if (person.leftCompany === true) return false;
    const days = daysSinceEngagement(person, today);
    return days === null || days > windowDays;
}

export function lastContactText(person: StakeholderView, today: string): string {
    const days = daysSinceEngagement(person, today);
    if (days === null) return 'no contact logged';
    if (days <= 0) return 'last contact today';
    if (days === 1) return 'last contact yesterday';
    return `last contact ${days} days ago`;
}

export type PersonStatus = 'Left the company' | 'Cold' | 'Engaged';

export function statusOf(person: StakeholderView, today: string, windowDays: number): PersonStatus {
    if (person.leftCompany === true) return 'Left the company';
    return isCold(person, today, windowDays) ? 'Cold' : 'Engaged';
}

/** Relationship strength in a word or two ("Strong", "No relationship"). */
export function strengthText(person: StakeholderView): string {
    const strength = person.relationshipStrength;
    if (!strength) return 'Strength not set';
    return strength === 'None' ? 'No relationship' : strength;
}

export function ownerText(person: StakeholderView): string {
    return person.internalOwnerName ? `Owner: ${person.internalOwnerName}` : 'No owner on our side';
}

const KNOWN_SENTIMENTS = ['Advocate', 'Supporter', 'Neutral', 'Skeptic', 'Detractor'];

/** Sentiment as the card and legend show it; blank reads as Unknown, as the engine counts it. */
export function sentimentOf(person: StakeholderView): string {
    return person.sentiment && KNOWN_SENTIMENTS.includes(person.sentiment)
        ? person.sentiment
        : 'Unknown';
}

/** A CSS class per sentiment; each component that colours by sentiment says it in words too. */
export function sentimentClass(sentiment: string | null | undefined): string {
    return sentiment && KNOWN_SENTIMENTS.includes(sentiment)
        ? `sentiment-${sentiment.toLowerCase()}`
        : 'sentiment-unknown';
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface SummaryContext {
    today: string;
    windowDays: number;
    managerName?: string;
    influencesName?: string;
    /** People who report to this person directly. */
    reportCount?: number;
    /** People below this person that the map is not showing (their branch is collapsed). */
    hiddenCount?: number;
}

/** Everything the card shows, as one sentence list: the person's accessible name on the map. */
export function personSummary(person: StakeholderView, context: SummaryContext): string {
    const left = person.leftCompany === true;
    const cold = isCold(person, context.today, context.windowDays);
    const reports = context.reportCount ?? 0;
    const hidden = context.hiddenCount ?? 0;
    return [
        `${person.name}${person.title ? `, ${person.title}` : ''}`,
        person.buyingRole ?? 'No buying role',
        `Sentiment ${sentimentOf(person)}`,
        person.relationshipStrength && person.relationshipStrength !== 'None'
            ? `${person.relationshipStrength} relationship`
            : strengthText(person),
        capitalise(lastContactText(person, context.today)),
        person.internalOwnerName
            ? `Relationship owner ${person.internalOwnerName}`
            : 'No relationship owner on our side',
        context.managerName ? `Reports to ${context.managerName}` : '',
        context.influencesName ? `Influences ${context.influencesName}` : '',
        left ? 'Has left the company' : '',
        cold ? `Cold: no engagement in ${context.windowDays} days` : '',
        reports > 0
            ? `${reports} direct ${reports === 1 ? 'report' : 'reports'}${hidden > 0 ? `, ${hidden} ${hidden === 1 ? 'person' : 'people'} below not shown` : ''}`
            : '',
    ]
        .filter((part) => part)
        .join('. ');
}

/** Stakeholder ids below this one in the reporting lines (never valid managers for it). */
export function descendantsOf(id: string, people: StakeholderView[]): Set<string> {
    const reports = new Map<string, string[]>();
    for (const person of people) {
        if (person.reportsToId) {
            const list = reports.get(person.reportsToId) ?? [];
            list.push(person.id);
            reports.set(person.reportsToId, list);
        }
    }
    const result = new Set<string>();
    const queue = [...(reports.get(id) ?? [])];
    while (queue.length > 0) {
        const next = queue.shift() as string;
        if (next === id || result.has(next)) continue;
        result.add(next);
        queue.push(...(reports.get(next) ?? []));
    }
    return result;
}

/** "1 person" / "3 people". */
export function peopleCount(count: number): string {
    return `${count} ${count === 1 ? 'person' : 'people'}`;
}

// The relationship map's data: the controller's payload (RelationshipMapController.cls DTOs),
// and the plain inputs the scoring engine reads. Pure functions, no DOM.
import type { ActivityInput, CoverageConfig, StakeholderInput } from 'c/keystoneEngine';
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
    lastRecomputedAt?: string | null;
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

/** Still at the customer, but no Task or Event inside the engagement window. */
export function isCold(person: StakeholderView, today: string, windowDays: number): boolean {
    if (person.leftCompany === true) return false;
    if (!person.lastEngagedDate) return true;
    const days = daysBetween(
        parseDate(person.lastEngagedDate, 'lastEngagedDate'),
        parseDate(today, 'today'),
    );
    return days > windowDays;
}

const ROLE_ABBREVIATIONS: Record<string, string> = {
    'Economic Buyer': 'EB',
    'Executive Sponsor': 'ES',
    Champion: 'CH',
    'Technical Evaluator': 'TE',
    Coach: 'CO',
    'User/Admin': 'UA',
    Procurement: 'PR',
    Blocker: 'BL',
};

export function roleAbbreviation(role: string | null | undefined): string {
    if (!role) return '';
    return ROLE_ABBREVIATIONS[role] ?? role.slice(0, 2).toUpperCase();
}

export function initials(name: string | null | undefined): string {
    if (!name) return '';
    return name
        .split(/\s+/)
        .filter((part) => part.length > 0)
        .map((part) => part[0]?.toUpperCase() ?? '')
        .slice(0, 2)
        .join('');
}

/** Circle radius by influence: the more influence, the bigger the person. */
export function radiusFor(influence: string | null | undefined): number {
    if (influence === 'High') return 26;
    if (influence === 'Medium') return 21;
    return 16;
}

/** A CSS class per sentiment; colours live in relationshipMap.css with a legend beside them. */
export function sentimentClass(sentiment: string | null | undefined): string {
    const known = ['Advocate', 'Supporter', 'Neutral', 'Skeptic', 'Detractor'];
    return sentiment && known.includes(sentiment)
        ? `sentiment-${sentiment.toLowerCase()}`
        : 'sentiment-unknown';
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

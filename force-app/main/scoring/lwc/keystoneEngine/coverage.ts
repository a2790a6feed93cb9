// Coverage: how well we are connected into the account. Recomputed from the relationship map
// (stakeholders) and the dated Tasks and Events with those people.
import type { CoverageConfig } from './config';
import {
    BUYING_ROLES,
    MAX_BUYING_GROUP_SIZE,
    RELATIONSHIP_STRENGTHS,
    SEGMENTS,
    SENTIMENTS,
    TIERS,
} from './config';
import type { CalendarDate } from './dates';
import { daysBetween, formatDate, isIsoDate, parseDate, parseOptionalDateAt } from './dates';
import { KeystoneScoringError } from './errors';
import { clamp, ratioHalfUp, roundHalfUp } from './rounding';
import type { ActivityInput, IsoDate, StakeholderInput } from './types';
import {
    configNumber,
    optionalNumber,
    optionalPicklist,
    optionalPicklistAt,
    optionalText,
} from './validation';

export type CoverageStatus = 'No stakeholders' | 'Below target' | 'On target' | 'Above target';
export type SponsorStatus = 'No sponsor' | 'Never engaged' | 'Engaged' | 'Lapsed';
export type BuyingGroupSizeSource = 'Plan' | 'Tier and segment' | 'Tier' | 'Segment' | 'Default';

/** What decides the expected buying-group size of one account. */
export interface BuyingGroupInput {
    /** AccountPlan__c.BuyingGroupSize__c; blank = the default for the tier and segment. */
    expectedSize?: unknown;
    tier?: unknown;
    segment?: unknown;
}

export interface CoverageResult {
    /** Stakeholders still at the customer (people who left stay on the map, uncounted). */
    activeCount: number;
    /** Active stakeholders relevant to the buying group. */
    relevantCount: number;
    /** Relevant stakeholders engaged inside the engagement window: the numerator. */
    engagedRelevantCount: number;
    leftCount: number;
    /** The expected buying-group size used (the plan's, or the default), after clamping. */
    expectedBuyingGroupSize: number;
    buyingGroupSizeSource: BuyingGroupSizeSource;
    /** The plan's size was outside 1..100 or not whole and was clamped. */
    buyingGroupSizeClamped: boolean;
    /** The denominator: the larger of the relevant people mapped and the expected size. */
    buyingGroupSize: number;
    /** Seats of the buying group without an engaged person: the work list. */
    emptySeats: number;
    /** Of those, seats with nobody mapped yet: people still to find. */
    unmappedSeats: number;
    /** Of those, relevant people mapped but not engaged in the window: people to re-engage. */
    unengagedRelevantCount: number;
    /** engagedRelevant / buyingGroupSize, %, 1 decimal. */
    coverageDepthPercent: number;
    coverageStatus: CoverageStatus;
    filledBuyingRoles: string[];
    missingBuyingRoles: string[];
    buyingRoleCoveragePercent: number;
    /** Active stakeholders engaged inside the engagement window (relevant or not). */
    multithreadingDepth: number;
    /** Zero or one active relationship. */
    singleThreaded: boolean;
    /** Functions with at least one Strong relationship, in order of first appearance. */
    strongFunctions: string[];
    functionBreadth: number;
    meetsFunctionBreadth: boolean;
    /** Functions we know people in, but with no Strong relationship. */
    functionsWithoutStrong: string[];
    sponsorStatus: SponsorStatus;
    lastSponsorEngagementDate: IsoDate | null;
    daysSinceSponsorEngagement: number | null;
    /** Sponsor mapped but not engaged within the lapse window (or never). */
    sponsorLapsed: boolean;
    /** Active stakeholders with a named relationship owner on our side. */
    ownedCount: number;
    /** owned / active, %, 1 decimal. */
    companyOwnedPercent: number;
    distinctOwnerCount: number;
    multipleOwners: boolean;
    activeChampionCount: number;
    /** A champion left and no active champion remains. */
    championLeft: boolean;
    /** Active champions exist, but none is engaged inside the engagement window. */
    championCold: boolean;
    /** An executive sponsor left and no active sponsor remains. */
    sponsorLeft: boolean;
    /** Active stakeholders per sentiment (blank counts as Unknown), in picklist order. */
    sentimentCounts: Record<string, number>;
    /** Activities not counted: no contact, no date, or dated after "now". */
    ignoredActivityCount: number;
}

export function validateCoverageConfig(config: CoverageConfig): void {
    configNumber(config.engagementWindowDays, 1, 'config.coverage.engagementWindowDays');
    configNumber(config.sponsorLapseDays, 1, 'config.coverage.sponsorLapseDays');
    configNumber(config.functionBreadthTarget, 1, 'config.coverage.functionBreadthTarget');
    configNumber(config.targetMinPercent, 0, 'config.coverage.targetMinPercent');
    configNumber(config.targetMaxPercent, 0, 'config.coverage.targetMaxPercent');
    if (config.targetMinPercent > config.targetMaxPercent || config.targetMaxPercent > 100) {
        throw new KeystoneScoringError(
            'config.coverage.targetMinPercent',
            'the target band must satisfy 0 <= targetMinPercent <= targetMaxPercent <= 100',
        );
    }
    config.requiredBuyingRoles.forEach((role, index) => {
        optionalPicklist(role, BUYING_ROLES, `config.coverage.requiredBuyingRoles[${index}]`);
    });
    validateSeats(config.defaultBuyingGroupSize, 'config.coverage.defaultBuyingGroupSize');
    const seen: string[] = [];
    config.buyingGroupSizes.forEach((rule, index) => {
        const path = `config.coverage.buyingGroupSizes[${index}]`;
        const tier = optionalPicklist(rule.tier, TIERS, `${path}.tier`);
        const segment = optionalPicklist(rule.segment, SEGMENTS, `${path}.segment`);
        validateSeats(rule.seats, `${path}.seats`);
        const key = `${tier ?? '*'}|${segment ?? '*'}`;
        if (seen.includes(key)) {
            throw new KeystoneScoringError(path, 'a second rule for the same tier and segment');
        }
        seen.push(key);
    });
}

function validateSeats(seats: unknown, fieldPath: string): void {
    if (
        typeof seats !== 'number' ||
        !Number.isInteger(seats) ||
        seats < 1 ||
        seats > MAX_BUYING_GROUP_SIZE
    ) {
        throw new KeystoneScoringError(
            fieldPath,
            `must be a whole number from 1 to ${MAX_BUYING_GROUP_SIZE}`,
        );
    }
}

/**
 * The expected buying-group size: the plan's own figure when set (clamped to 1..100 and
 * rounded to a whole seat), else the most specific rule for the account's tier and segment
 * (both, then tier, then segment), else the default.
 */
export function resolveBuyingGroupSize(
    input: BuyingGroupInput,
    config: CoverageConfig,
): { size: number; source: BuyingGroupSizeSource; clamped: boolean } {
    const given = optionalNumber(input.expectedSize, 'plan.buyingGroupSize');
    if (given !== null) {
        const size = clamp(roundHalfUp(given, 0), 1, MAX_BUYING_GROUP_SIZE);
        return { size, source: 'Plan', clamped: size !== given };
    }
    const tier = optionalPicklist(input.tier, TIERS, 'tier');
    const segment = optionalPicklist(input.segment, SEGMENTS, 'segment');
    let best: { size: number; source: BuyingGroupSizeSource; rank: number } = {
        size: config.defaultBuyingGroupSize,
        source: 'Default',
        rank: 0,
    };
    for (const rule of config.buyingGroupSizes) {
        const tierMatches = rule.tier !== null && rule.tier === tier;
        const segmentMatches = rule.segment !== null && rule.segment === segment;
        let rank = 0;
        let source: BuyingGroupSizeSource = 'Default';
        if (tierMatches && segmentMatches) {
            rank = 3;
            source = 'Tier and segment';
        } else if (tierMatches && rule.segment === null) {
            rank = 2;
            source = 'Tier';
        } else if (segmentMatches && rule.tier === null) {
            rank = 1;
            source = 'Segment';
        }
        if (rank > best.rank) best = { size: rule.seats, source, rank };
    }
    return { size: best.size, source: best.source, clamped: false };
}

/**
 * The latest activity date per contact. Activities without a contact or a date, or dated
 * after "now" (planned, not yet held), are ignored; a malformed date is rejected.
 *
 * This loop runs for every activity (200 per account in the benchmark), so it compares the
 * 'YYYY-MM-DD' texts directly (their order is the calendar order) and parses only the latest
 * date per contact; every text is still checked to be a real date.
 */
export function latestActivityByContact(
    activities: ActivityInput[],
    now: CalendarDate,
): { latest: Map<string, CalendarDate>; ignored: number } {
    const nowText = formatDate(now);
    const latestText = new Map<string, string>();
    let ignored = 0;
    for (let index = 0; index < activities.length; index++) {
        const activity = activities[index] as ActivityInput;
        const text = activity.activityDate;
        if (text === null || text === undefined) {
            ignored += 1;
            continue;
        }
        if (typeof text !== 'string' || !isIsoDate(text)) {
            parseDate(text, `activities[${index}].activityDate`); // throws the field error
        }
        const contactId = optionalText(activity.contactId);
        if (contactId === null || text > nowText) {
            ignored += 1;
            continue;
        }
        const known = latestText.get(contactId);
        if (known === undefined || text > known) latestText.set(contactId, text);
    }
    const latest = new Map<string, CalendarDate>();
    for (const [contactId, text] of latestText) {
        latest.set(contactId, parseDate(text, 'activities.activityDate'));
    }
    return { latest, ignored };
}

function percentOf(part: number, whole: number): number {
    return whole === 0 ? 0 : ratioHalfUp([part, 100], [whole], 1);
}

function pushOnce(list: string[], value: string): void {
    if (!list.includes(value)) list.push(value);
}

/** The later of two optional dates. */
function later(a: CalendarDate | null, b: CalendarDate | null): CalendarDate | null {
    if (a === null) return b;
    if (b === null) return a;
    return daysBetween(a, b) > 0 ? b : a;
}

export function calculateCoverage(
    stakeholders: StakeholderInput[],
    activities: ActivityInput[],
    now: CalendarDate,
    config: CoverageConfig,
    buyingGroup: BuyingGroupInput = {},
): CoverageResult {
    validateCoverageConfig(config);
    const expected = resolveBuyingGroupSize(buyingGroup, config);
    const { latest, ignored } = latestActivityByContact(activities, now);

    let activeCount = 0;
    let relevantCount = 0;
    let engagedRelevantCount = 0;
    let engagedCount = 0;
    let leftCount = 0;
    let ownedCount = 0;
    let activeChampionCount = 0;
    let engagedChampionCount = 0;
    let leftChampionCount = 0;
    let activeSponsorCount = 0;
    let leftSponsorCount = 0;
    let lastSponsorEngagement: CalendarDate | null = null;
    const heldRoles: string[] = [];
    const strongFunctions: string[] = [];
    const knownFunctions: string[] = [];
    const owners: string[] = [];
    const sentimentCounts: Record<string, number> = {};
    for (const sentiment of SENTIMENTS) sentimentCounts[sentiment] = 0;

    for (let index = 0; index < stakeholders.length; index++) {
        const stakeholder = stakeholders[index] as StakeholderInput;
        const list = 'stakeholders';
        const role = optionalPicklistAt(
            stakeholder.buyingRole,
            BUYING_ROLES,
            list,
            index,
            'buyingRole',
        );
        const sentiment =
            optionalPicklistAt(stakeholder.sentiment, SENTIMENTS, list, index, 'sentiment') ??
            'Unknown';
        const strength = optionalPicklistAt(
            stakeholder.relationshipStrength,
            RELATIONSHIP_STRENGTHS,
            list,
            index,
            'relationshipStrength',
        );
        const storedEngagement = parseOptionalDateAt(
            stakeholder.lastEngagedDate,
            list,
            index,
            'lastEngagedDate',
        );
        if (stakeholder.leftCompany === true) {
            leftCount += 1;
            if (role === 'Champion') leftChampionCount += 1;
            if (role === 'Executive Sponsor') leftSponsorCount += 1;
            continue;
        }
        activeCount += 1;
        sentimentCounts[sentiment] = (sentimentCounts[sentiment] ?? 0) + 1;

        // Last engagement: the later of the stored date and the activities; future dates ignored.
        const contactId = optionalText(stakeholder.contactId);
        const fromActivities = contactId === null ? null : (latest.get(contactId) ?? null);
        const stored =
            storedEngagement !== null && daysBetween(now, storedEngagement) <= 0
                ? storedEngagement
                : null;
        const lastEngagement = later(stored, fromActivities);
        const engaged =
            lastEngagement !== null &&
            daysBetween(lastEngagement, now) <= config.engagementWindowDays;
        if (engaged) engagedCount += 1;
        if (stakeholder.relevantToBuyingGroup !== false) {
            relevantCount += 1;
            if (engaged) engagedRelevantCount += 1;
        }

        if (role !== null) pushOnce(heldRoles, role);
        if (role === 'Champion') {
            activeChampionCount += 1;
            if (engaged) engagedChampionCount += 1;
        }
        if (role === 'Executive Sponsor') {
            activeSponsorCount += 1;
            lastSponsorEngagement = later(lastSponsorEngagement, lastEngagement);
        }

        const businessFunction = optionalText(stakeholder.function);
        if (businessFunction !== null) {
            pushOnce(knownFunctions, businessFunction);
            if (strength === 'Strong') pushOnce(strongFunctions, businessFunction);
        }

        const ownerId = optionalText(stakeholder.internalOwnerId);
        if (ownerId !== null) {
            ownedCount += 1;
            pushOnce(owners, ownerId);
        }
    }

    // One contact out of an expected ten is 10 %, however few people we happened to map.
    const buyingGroupSize = Math.max(relevantCount, expected.size);
    const coverageDepthPercent = percentOf(engagedRelevantCount, buyingGroupSize);
    let coverageStatus: CoverageStatus;
    if (relevantCount === 0) coverageStatus = 'No stakeholders';
    else if (coverageDepthPercent < config.targetMinPercent) coverageStatus = 'Below target';
    else if (coverageDepthPercent <= config.targetMaxPercent) coverageStatus = 'On target';
    else coverageStatus = 'Above target';

    const filledBuyingRoles = config.requiredBuyingRoles.filter((role) => heldRoles.includes(role));
    const missingBuyingRoles = config.requiredBuyingRoles.filter(
        (role) => !heldRoles.includes(role),
    );
    const buyingRoleCoveragePercent =
        config.requiredBuyingRoles.length === 0
            ? 100
            : percentOf(filledBuyingRoles.length, config.requiredBuyingRoles.length);

    let sponsorStatus: SponsorStatus;
    let daysSinceSponsorEngagement: number | null = null;
    const sponsorDate = lastSponsorEngagement as CalendarDate | null;
    if (activeSponsorCount === 0) {
        sponsorStatus = 'No sponsor';
    } else if (sponsorDate === null) {
        sponsorStatus = 'Never engaged';
    } else {
        daysSinceSponsorEngagement = daysBetween(sponsorDate, now);
        sponsorStatus =
            daysSinceSponsorEngagement <= config.sponsorLapseDays ? 'Engaged' : 'Lapsed';
    }

    return {
        activeCount,
        relevantCount,
        engagedRelevantCount,
        leftCount,
        expectedBuyingGroupSize: expected.size,
        buyingGroupSizeSource: expected.source,
        buyingGroupSizeClamped: expected.clamped,
        buyingGroupSize,
        emptySeats: buyingGroupSize - engagedRelevantCount,
        unmappedSeats: buyingGroupSize - relevantCount,
        unengagedRelevantCount: relevantCount - engagedRelevantCount,
        coverageDepthPercent,
        coverageStatus,
        filledBuyingRoles,
        missingBuyingRoles,
        buyingRoleCoveragePercent,
        multithreadingDepth: engagedCount,
        singleThreaded: engagedCount <= 1,
        strongFunctions,
        functionBreadth: strongFunctions.length,
        meetsFunctionBreadth: strongFunctions.length >= config.functionBreadthTarget,
        functionsWithoutStrong: knownFunctions.filter((name) => !strongFunctions.includes(name)),
        sponsorStatus,
        lastSponsorEngagementDate: sponsorDate === null ? null : formatDate(sponsorDate),
        daysSinceSponsorEngagement,
        sponsorLapsed: sponsorStatus === 'Lapsed' || sponsorStatus === 'Never engaged',
        ownedCount,
        companyOwnedPercent: percentOf(ownedCount, activeCount),
        distinctOwnerCount: owners.length,
        multipleOwners: owners.length > 1,
        activeChampionCount,
        championLeft: leftChampionCount > 0 && activeChampionCount === 0,
        championCold: activeChampionCount > 0 && engagedChampionCount === 0,
        sponsorLeft: leftSponsorCount > 0 && activeSponsorCount === 0,
        sentimentCounts,
        ignoredActivityCount: ignored,
    };
}

/**
 * Function breadth in words, for any count against any target ("4 functions have a strong
 * relationship (target 3, met): Finance, IT, ..." rather than "4 of 3").
 */
export function describeFunctionBreadth(
    coverage: Pick<CoverageResult, 'strongFunctions' | 'functionBreadth'>,
    target: number,
): string {
    const count = coverage.functionBreadth;
    const functions = count === 1 ? 'function has' : 'functions have';
    const verdict = count >= target ? 'met' : `${target - count} short`;
    const list = count === 0 ? '' : `: ${coverage.strongFunctions.join(', ')}`;
    return `${count} ${functions} a strong relationship (target ${target}, ${verdict})${list}`;
}

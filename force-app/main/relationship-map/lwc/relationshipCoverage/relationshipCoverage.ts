// The coverage summary of the relationship map: what the scoring engine's coverage result says,
// in words a sales leader reads at a glance (engaged people against the seats of the buying
// group and the target band, where the buying-group size comes from, buying roles, functions
// with a strong relationship, the executive sponsor, who owns the relationships) with the
// warnings that matter and the work list: the empty seats (people still to find or to
// re-engage) and the empty buying-role seats as buttons that start filling them.
// It shows what the engine returns and computes nothing itself. Light DOM: it is on the map's
// first render, where a shadow root is a cost and there is nothing private to hide.
import { LightningElement, api } from 'lwc';
import { MAX_BUYING_GROUP_SIZE, describeFunctionBreadth } from 'c/keystoneEngine';
import type { BuyingGroupInput, CoverageConfig, CoverageResult } from 'c/keystoneEngine';
import { peopleCount } from 'c/relationshipMapModel';

function plural(count: number, one: string, many: string): string {
    return `${count} ${count === 1 ? one : many}`;
}

function listOf(items: string[]): string {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export default class RelationshipCoverage extends LightningElement {
    static override renderMode = 'light' as const;

    /** The engine's coverage of the people on the map (undefined while it cannot be computed). */
    @api coverage?: CoverageResult;
    @api settings?: CoverageConfig;
    /** What the engine sized the buying group from: the plan's figure, tier and segment. */
    @api buyingGroup?: BuyingGroupInput;
    /** Coverage depth % the plan stored at its last recompute, or null. */
    @api storedCoverage?: number | null;
    /** The user may add stakeholders: the empty seats are buttons. */
    @api canAdd = false;
    /** Why coverage could not be computed, if it could not. */
    @api errorText = '';

    get hasCoverage(): boolean {
        return Boolean(this.coverage && this.settings);
    }

    private get windowDays(): number {
        return this.settings?.engagementWindowDays ?? 90;
    }

    private get targetBand(): string {
        return `${this.settings?.targetMinPercent ?? 0}–${this.settings?.targetMaxPercent ?? 0}%`;
    }

    get depthText(): string {
        const coverage = this.coverage;
        if (!coverage) return '';
        if (coverage.relevantCount === 0) {
            return 'Nobody relevant to the buying group is on the map yet';
        }
        return `${coverage.coverageDepthPercent}%: ${coverage.engagedRelevantCount} engaged of ${plural(coverage.buyingGroupSize, 'seat', 'seats')} in the buying group, in the last ${this.windowDays} days`;
    }

    /** How many seats the buying group has, and why that many. */
    get buyingGroupText(): string {
        const coverage = this.coverage;
        if (!coverage) return '';
        const seats = plural(coverage.buyingGroupSize, 'seat', 'seats');
        const expected = coverage.expectedBuyingGroupSize;
        if (coverage.relevantCount > expected) {
            return `${seats}: more relevant people are mapped than the ${expected} expected (${this.sizeSourceText})`;
        }
        return `${seats}: ${this.sizeSourceText}`;
    }

    private get sizeSourceText(): string {
        const tier = typeof this.buyingGroup?.tier === 'string' ? this.buyingGroup.tier : '';
        const segment =
            typeof this.buyingGroup?.segment === 'string' ? this.buyingGroup.segment : '';
        switch (this.coverage?.buyingGroupSizeSource) {
            case 'Plan':
                return 'the size set on the account plan';
            case 'Tier and segment':
                return `your admin's default for ${tier} accounts in the ${segment} segment`;
            case 'Tier':
                return `your admin's default for ${tier} accounts`;
            case 'Segment':
                return `your admin's default for accounts in the ${segment} segment`;
            default:
                return "your admin's default for every account; set the expected size on the account plan";
        }
    }

    /** The plan's figure was outside 1–100 or not whole: say what was used instead. */
    get clampedText(): string {
        const coverage = this.coverage;
        if (!coverage?.buyingGroupSizeClamped) return '';
        const given = this.buyingGroup?.expectedSize;
        const asked = typeof given === 'number' ? `expects ${given} people` : 'sets a size';
        return `The account plan ${asked}, but a buying group is a whole number of people from 1 to ${MAX_BUYING_GROUP_SIZE}: ${plural(coverage.expectedBuyingGroupSize, 'seat is', 'seats are')} counted. Correct the size on the plan.`;
    }

    /** The work list: seats without an engaged person, split into people to find and to re-engage. */
    get emptySeatsText(): string {
        const coverage = this.coverage;
        if (!coverage) return '';
        if (coverage.emptySeats === 0) return 'None: every seat has someone engaged.';
        const parts: string[] = [];
        if (coverage.unmappedSeats > 0) {
            parts.push(
                `${plural(coverage.unmappedSeats, 'person', 'people')} still to find and add to the map`,
            );
        }
        if (coverage.unengagedRelevantCount > 0) {
            parts.push(
                `${plural(coverage.unengagedRelevantCount, 'person', 'people')} on the map to re-engage (no conversation in the last ${this.windowDays} days)`,
            );
        }
        return `${coverage.emptySeats} of ${coverage.buyingGroupSize}: ${parts.join('; ')}`;
    }

    get depthStatusText(): string {
        switch (this.coverage?.coverageStatus) {
            case 'Below target':
                return `Below the ${this.targetBand} target`;
            case 'On target':
                return `Within the ${this.targetBand} target`;
            case 'Above target':
                return `Above the ${this.targetBand} target`;
            default:
                return '';
        }
    }

    get depthStatusClass(): string {
        const status = this.coverage?.coverageStatus;
        const tone =
            status === 'Below target'
                ? 'slds-theme_warning'
                : status === 'On target' || status === 'Above target'
                  ? 'slds-theme_success'
                  : '';
        return `slds-badge slds-m-left_x-small ${tone}`.trim();
    }

    get rolesText(): string {
        const coverage = this.coverage;
        if (!coverage) return '';
        const required = coverage.filledBuyingRoles.length + coverage.missingBuyingRoles.length;
        if (required === 0) return 'Your admin has set no buying roles to fill.';
        return `${coverage.filledBuyingRoles.length} of ${plural(required, 'key buying role', 'key buying roles')} filled`;
    }

    get functionsText(): string {
        const coverage = this.coverage;
        if (!coverage) return '';
        return describeFunctionBreadth(coverage, this.settings?.functionBreadthTarget ?? 0);
    }

    get weakFunctionsText(): string {
        const missing = this.coverage?.functionsWithoutStrong ?? [];
        return missing.length > 0 ? `No strong relationship yet in ${listOf(missing)}.` : '';
    }

    get sponsorText(): string {
        const coverage = this.coverage;
        if (!coverage) return '';
        const days = coverage.daysSinceSponsorEngagement;
        const last = days === null ? '' : days <= 0 ? 'today' : plural(days, 'day ago', 'days ago');
        switch (coverage.sponsorStatus) {
            case 'Engaged':
                return `Engaged: last conversation ${last}`;
            case 'Lapsed':
                return `Lapsed: last conversation ${last}, more than ${this.settings?.sponsorLapseDays ?? 180} days`;
            case 'Never engaged':
                return 'On the map, but no conversation logged yet';
            default:
                return 'No executive sponsor on the map';
        }
    }

    get ownershipText(): string {
        const coverage = this.coverage;
        if (!coverage) return '';
        if (coverage.ownedCount === 0) return 'Nobody on our side owns a relationship yet.';
        return `${coverage.companyOwnedPercent}% have a named owner on our side, spread over ${peopleCount(coverage.distinctOwnerCount)}`;
    }

    get singleThreadWarning(): string {
        const coverage = this.coverage;
        if (!coverage || coverage.relevantCount === 0 || !coverage.singleThreaded) return '';
        return coverage.multithreadingDepth === 0
            ? `Single-threaded: nobody engaged in the last ${this.windowDays} days.`
            : `Single-threaded: only one person engaged in the last ${this.windowDays} days.`;
    }

    get oneOwnerWarning(): string {
        const coverage = this.coverage;
        if (!coverage || coverage.ownedCount < 2 || coverage.multipleOwners) return '';
        return 'Every relationship is owned by the same person on our side.';
    }

    get leftText(): string {
        const left = this.coverage?.leftCount ?? 0;
        if (left === 0) return '';
        return left === 1
            ? 'One person on the map has left the company.'
            : `${left} people on the map have left the company.`;
    }

    get storedText(): string {
        const stored = this.storedCoverage;
        if (stored === null || stored === undefined) return '';
        return `Coverage depth saved on the plan at its last recompute: ${stored}%.`;
    }

    get emptySeats(): { role: string; label: string }[] {
        return (this.coverage?.missingBuyingRoles ?? []).map((role) => ({
            role,
            // No article: "an Economic Buyer" or "a User/Admin" depends on the sound, and admins
            // can add their own roles.
            label: `Add ${role}`,
        }));
    }

    get hasEmptySeats(): boolean {
        return this.emptySeats.length > 0;
    }

    get cannotAdd(): boolean {
        return !this.canAdd;
    }

    handleAddSeat(event: Event): void {
        const role = (event.currentTarget as HTMLElement).dataset.role ?? '';
        this.dispatchEvent(new CustomEvent('addseat', { detail: { role } }));
    }
}

// config.ts (and ScoringConfig.cls) must hold the same defaults as the Custom Metadata records
// the package ships; otherwise the org and the browser would score differently on day one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defaultConfig } from '../keystoneEngine';

/** The package's feature folders (force-app/main/<feature>); each may ship Custom Metadata records. */
const FEATURES_DIR = join(__dirname, '..', '..', '..', '..');

function recordFiles(): string[] {
    return readdirSync(FEATURES_DIR).flatMap((feature) => {
        const dir = join(FEATURES_DIR, feature, 'customMetadata');
        return existsSync(dir) ? readdirSync(dir).map((file) => join(dir, file)) : [];
    });
}

/** Field values of one Custom Metadata record, as strings ('' for nil). */
function recordValues(file: string): Record<string, string> {
    const xml = readFileSync(file, 'utf8');
    const values: Record<string, string> = {};
    const pattern = /<field>([^<]+)<\/field>\s*<value[^>]*?(?:\/>|>([^<]*)<\/value>)/g;
    for (const match of xml.matchAll(pattern)) {
        values[match[1] ?? ''] = match[2] ?? '';
    }
    return values;
}

function records(type: string): Record<string, string>[] {
    return recordFiles()
        .filter((file) => basename(file).startsWith(`${type}.`))
        .map(recordValues);
}

const config = defaultConfig();

describe('defaults match the shipped Custom Metadata', () => {
    it('selection criteria', () => {
        const shipped = records('SelectionCriterion')
            .filter((record) => record.Active__c === 'true')
            .sort((a, b) => Number(a.SortOrder__c) - Number(b.SortOrder__c))
            .map((record) => [Number(record.Weight__c), Number(record.FullScoreAt__c)]);
        expect(config.selection.criteria.map((c) => [c.weight, c.fullScoreAt])).toEqual(shipped);
    });

    it('tiers, review cadence and capacity', () => {
        const tiers = Object.fromEntries(
            records('TierPolicy').map((record) => [record.Tier__c, record]),
        );
        expect(Number(tiers['Tier 1']?.MinimumScore__c)).toBe(config.selection.tier1Min);
        expect(Number(tiers['Tier 2']?.MinimumScore__c)).toBe(config.selection.tier2Min);
        expect(Number(tiers['Tier 3']?.MinimumScore__c)).toBe(config.selection.tier3Min);
        for (const tier of ['Tier 1', 'Tier 2', 'Tier 3']) {
            expect(Number(tiers[tier]?.ReviewCadenceDays__c)).toBe(
                config.plan.cadenceDaysByTier[tier],
            );
        }
        expect(Number(tiers['Tier 1']?.MinAccountsPerManager__c)).toBe(
            config.capacity.tier1MinPerManager,
        );
        expect(Number(tiers['Tier 1']?.MaxAccountsPerManager__c)).toBe(
            config.capacity.tier1MaxPerManager,
        );
    });

    it('health weights and bands', () => {
        const keyByRecord: Record<string, keyof typeof config.health.weights> = {
            Coverage: 'coverage',
            Executive: 'executive',
            RevenueRetention: 'revenueRetention',
            Pipeline: 'pipeline',
            Whitespace: 'whitespace',
            PlanFreshness: 'planFreshness',
            Signals: 'signals',
        };
        for (const file of recordFiles().filter((path) =>
            basename(path).startsWith('HealthComponent.'),
        )) {
            const name = basename(file).split('.')[1] ?? '';
            const key = keyByRecord[name];
            expect({ name, known: key !== undefined }).toEqual({ name, known: true });
            if (key) expect(Number(recordValues(file).Weight__c)).toBe(config.health.weights[key]);
        }
        const bands = Object.fromEntries(
            records('HealthBand').map((record) => [record.Band__c, Number(record.MinimumScore__c)]),
        );
        expect(bands.Healthy).toBe(config.health.healthyMin);
        expect(bands.Watch).toBe(config.health.watchMin);
    });

    it('settings, required buying roles and signal impacts', () => {
        const [setting] = records('KeystoneSetting');
        expect(Number(setting?.EngagementWindowDays__c)).toBe(config.coverage.engagementWindowDays);
        expect(Number(setting?.SponsorLapseDays__c)).toBe(config.coverage.sponsorLapseDays);
        expect(Number(setting?.CoverageTargetMin__c)).toBe(config.coverage.targetMinPercent);
        expect(Number(setting?.CoverageTargetMax__c)).toBe(config.coverage.targetMaxPercent);
        expect(Number(setting?.StrongFunctionsTarget__c)).toBe(
            config.coverage.functionBreadthTarget,
        );
        expect(Number(setting?.RenewalWindowDays__c)).toBe(config.signals.renewalWindowDays);
        expect(Number(setting?.RevenueDeclinePercent__c)).toBe(
            config.signals.revenueDeclinePercent,
        );
        expect(Number(setting?.TrendThresholdPoints__c)).toBe(config.health.trendThreshold);
        expect(Number(setting?.SegmentRevenueSplit__c)).toBe(config.selection.segmentRevenueMin);
        expect(Number(setting?.SegmentPotentialSplit__c)).toBe(
            config.selection.segmentPotentialMin,
        );
        expect(Number(setting?.DefaultBuyingGroupSize__c)).toBe(
            config.coverage.defaultBuyingGroupSize,
        );
        expect(Number(setting?.RetentionMinimumBase__c)).toBe(config.retention.minimumBase);
        expect(Number(setting?.NrrLeakingBelow__c)).toBe(config.retention.leakingBelowPercent);
        expect(Number(setting?.NrrHealthyAbove__c)).toBe(config.retention.healthyAbovePercent);
        expect(Number(setting?.NrrBestInClassFrom__c)).toBe(
            config.retention.bestInClassFromPercent,
        );
        const required = records('CoverageRole')
            .filter((record) => record.CountsForCoverage__c === 'true')
            .map((record) => record.BuyingRole__c);
        expect([...config.coverage.requiredBuyingRoles].sort()).toEqual([...required].sort());
        for (const rule of records('PlayRule')) {
            expect([rule.SignalType__c, Number(rule.ScoreImpact__c)]).toEqual([
                rule.SignalType__c,
                config.signals.scoreImpacts[rule.SignalType__c ?? ''],
            ]);
        }
    });

    it('revenue retention mappings and buying-group sizes', () => {
        const shipped = recordFiles()
            .filter((file) => basename(file).startsWith('RetentionMapping.'))
            .sort()
            .map(recordValues)
            .filter((record) => record.Active__c === 'true')
            .map((record) => [record.MatchOn__c, record.Value__c, record.Category__c]);
        const defaults = config.retention.mappings.map((m) => [m.matchOn, m.value, m.category]);
        expect([...defaults].sort()).toEqual([...shipped].sort());
        const sizes = records('BuyingGroupSize').map((record) => ({
            tier: record.Tier__c || null,
            segment: record.Segment__c || null,
            seats: Number(record.Seats__c),
        }));
        expect(config.coverage.buyingGroupSizes).toEqual(sizes);
    });
});

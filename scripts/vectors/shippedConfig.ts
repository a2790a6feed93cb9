// The scoring configuration the package ships, read from its Custom Metadata records the way
// ScoringConfigSelector.cls reads them in an org (each record over the defaults), in the shape
// of the engine's config.ts. configAgreement.test.ts holds it against the Apex defaults
// (ScoringConfig.cls, through the interpreter) and the TypeScript defaults, value by value.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

type Values = Record<string, string>;

interface ShippedRecord {
    developerName: string;
    label: string;
    values: Values;
}

function recordsOf(packageDir: string, type: string): ShippedRecord[] {
    const files: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) walk(path);
            else if (
                basename(dir) === 'customMetadata' &&
                entry.name.startsWith(`${type}.`) &&
                entry.name.endsWith('.md-meta.xml')
            ) {
                files.push(path);
            }
        }
    };
    if (existsSync(packageDir)) walk(packageDir);
    return files.sort().map((file) => {
        const xml = readFileSync(file, 'utf8');
        const values: Values = {};
        const pattern = /<field>([^<]+)<\/field>\s*<value[^>]*?(?:\/>|>([^<]*)<\/value>)/g;
        for (const match of xml.matchAll(pattern)) values[match[1] ?? ''] = match[2] ?? '';
        return {
            developerName: basename(file).split('.')[1] ?? '',
            label: /<label>([^<]*)<\/label>/.exec(xml)?.[1] ?? '',
            values,
        };
    });
}

const number = (text: string | undefined): number | null =>
    text === undefined || text === '' ? null : Number(text);

/** The defaults with every shipped record applied, as the selector applies them. */
export function shippedConfig(
    packageDir: string,
    defaults: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
    const config = JSON.parse(JSON.stringify(defaults)) as Record<string, Record<string, unknown>>;
    const set = (section: string, key: string, value: number | null): void => {
        if (value !== null) (config[section] as Record<string, unknown>)[key] = value;
    };

    const criteria = recordsOf(packageDir, 'SelectionCriterion')
        .filter((record) => record.values.Active__c === 'true')
        .sort(
            (a, b) =>
                (number(a.values.SortOrder__c) ?? 0) - (number(b.values.SortOrder__c) ?? 0) ||
                a.developerName.localeCompare(b.developerName),
        )
        .map((record) => ({
            key: record.developerName.charAt(0).toLowerCase() + record.developerName.slice(1),
            label: record.label,
            weight: number(record.values.Weight__c),
            fullScoreAt: number(record.values.FullScoreAt__c),
        }));
    if (criteria.length > 0) (config.selection as Record<string, unknown>).criteria = criteria;

    const [setting] = recordsOf(packageDir, 'KeystoneSetting').filter(
        (record) => record.developerName === 'Default',
    );
    const v = setting?.values ?? {};
    set('coverage', 'engagementWindowDays', number(v.EngagementWindowDays__c));
    set('coverage', 'sponsorLapseDays', number(v.SponsorLapseDays__c));
    set('coverage', 'targetMinPercent', number(v.CoverageTargetMin__c));
    set('coverage', 'targetMaxPercent', number(v.CoverageTargetMax__c));
    set('coverage', 'functionBreadthTarget', number(v.StrongFunctionsTarget__c));
    set('coverage', 'defaultBuyingGroupSize', number(v.DefaultBuyingGroupSize__c));
    set('health', 'trendThreshold', number(v.TrendThresholdPoints__c));
    set('signals', 'renewalWindowDays', number(v.RenewalWindowDays__c));
    set('signals', 'revenueDeclinePercent', number(v.RevenueDeclinePercent__c));
    set('selection', 'segmentRevenueMin', number(v.SegmentRevenueSplit__c));
    set('selection', 'segmentPotentialMin', number(v.SegmentPotentialSplit__c));
    set('retention', 'minimumBase', number(v.RetentionMinimumBase__c));
    set('retention', 'leakingBelowPercent', number(v.NrrLeakingBelow__c));
    set('retention', 'healthyAbovePercent', number(v.NrrHealthyAbove__c));
    set('retention', 'bestInClassFromPercent', number(v.NrrBestInClassFrom__c));

    const roles = recordsOf(packageDir, 'CoverageRole');
    if (roles.length > 0) {
        const counted = roles
            .filter((record) => record.values.CountsForCoverage__c === 'true')
            .map((record) => record.values.BuyingRole__c);
        // The selector keeps the picklist's order, so every page lists seats the same way.
        const all = [
            'Economic Buyer',
            'Executive Sponsor',
            'Champion',
            'Technical Evaluator',
            'Coach',
            'User/Admin',
            'Procurement',
            'Blocker',
        ];
        (config.coverage as Record<string, unknown>).requiredBuyingRoles = all.filter((role) =>
            counted.includes(role),
        );
    }

    const weights = config.health?.weights as Record<string, number>;
    for (const record of recordsOf(packageDir, 'HealthComponent')) {
        const key = record.developerName.charAt(0).toLowerCase() + record.developerName.slice(1);
        const weight = number(record.values.Weight__c);
        if (key in weights && weight !== null) {
            weights[key] = record.values.Active__c === 'true' ? weight : 0;
        }
    }
    for (const record of recordsOf(packageDir, 'HealthBand')) {
        const minimum = number(record.values.MinimumScore__c);
        if (record.values.Band__c === 'Healthy') set('health', 'healthyMin', minimum);
        if (record.values.Band__c === 'Watch') set('health', 'watchMin', minimum);
    }
    const cadence = config.plan?.cadenceDaysByTier as Record<string, number>;
    for (const record of recordsOf(packageDir, 'TierPolicy')) {
        const tier = record.values.Tier__c ?? '';
        const days = number(record.values.ReviewCadenceDays__c);
        if (tier && days !== null) cadence[tier] = days;
        const minimum = number(record.values.MinimumScore__c);
        if (tier === 'Tier 1') set('selection', 'tier1Min', minimum);
        if (tier === 'Tier 2') set('selection', 'tier2Min', minimum);
        if (tier === 'Tier 3') set('selection', 'tier3Min', minimum);
        if (tier === 'Tier 1') {
            set('capacity', 'tier1MinPerManager', number(record.values.MinAccountsPerManager__c));
            set('capacity', 'tier1MaxPerManager', number(record.values.MaxAccountsPerManager__c));
        }
    }
    const impacts = config.signals?.scoreImpacts as Record<string, number>;
    for (const record of recordsOf(packageDir, 'PlayRule')) {
        const impact = number(record.values.ScoreImpact__c);
        if (record.values.SignalType__c && impact !== null) {
            impacts[record.values.SignalType__c] = impact;
        }
    }
    (config.coverage as Record<string, unknown>).buyingGroupSizes = recordsOf(
        packageDir,
        'BuyingGroupSize',
    ).map((record) => ({
        tier: record.values.Tier__c || null,
        segment: record.values.Segment__c || null,
        seats: number(record.values.Seats__c),
    }));
    const mappings = recordsOf(packageDir, 'RetentionMapping');
    if (mappings.length > 0) {
        (config.retention as Record<string, unknown>).mappings = mappings
            .filter((record) => record.values.Active__c === 'true')
            .map((record) => ({
                matchOn: record.values.MatchOn__c,
                value: record.values.Value__c,
                category: record.values.Category__c,
            }));
    }
    return config;
}

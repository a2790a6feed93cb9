import {
    checkCapacity,
    defaultConfig,
    KeystoneScoringError,
    scoreSelection,
} from '../keystoneEngine';

const config = defaultConfig();

describe('scoreSelection', () => {
    it('explains the score part by part', () => {
        const result = scoreSelection(
            { revenue: 900000, whitespace: 800000, strategic: 80, relationship: 70 },
            config.selection,
        );
        expect(result.score).toBe(83);
        expect(result.tier).toBe('Tier 1');
        expect(result.segment).toBe('Invest');
        expect(result.parts.map((part) => [part.key, part.label, part.points])).toEqual([
            ['revenue', 'Current Revenue', 36],
            ['whitespace', 'Whitespace Potential', 24],
            ['strategic', 'Strategic Value', 12],
            ['relationship', 'Relationship Health', 10.5],
        ]);
        for (const part of result.parts) expect(part.explanation.length).toBeGreaterThan(0);
    });

    it('places the four segments', () => {
        const segmentOf = (revenue: number, whitespace: number): string =>
            scoreSelection({ revenue, whitespace }, config.selection).segment;
        expect(segmentOf(800000, 800000)).toBe('Invest');
        expect(segmentOf(800000, 100000)).toBe('Protect');
        expect(segmentOf(100000, 800000)).toBe('Develop');
        expect(segmentOf(100000, 100000)).toBe('Maintain');
    });

    it('clamps negative values and caps values above full marks', () => {
        const result = scoreSelection({ revenue: -10, strategic: 500 }, config.selection);
        expect(result.clampedCriteria).toEqual(['revenue']);
        expect(result.parts[2]?.normalised).toBe(100);
    });

    it('rejects a value that is not a number', () => {
        expect(() => scoreSelection({ revenue: 'many' }, config.selection)).toThrow(
            KeystoneScoringError,
        );
    });

    it('rejects a scorecard with more than six criteria', () => {
        const criteria = Array.from({ length: 7 }, (_, index) => ({
            key: index === 0 ? 'revenue' : index === 1 ? 'whitespace' : `c${index}`,
            label: `C${index}`,
            weight: 10,
            fullScoreAt: 100,
        }));
        expect(() => scoreSelection({}, { ...config.selection, criteria })).toThrow(
            'config.selection.criteria: between 4 and 6 criteria are required (got 7)',
        );
    });
});

describe('checkCapacity', () => {
    it('warns when a manager owns more Tier 1 accounts than the policy allows, or fewer', () => {
        const accounts = [
            ...Array.from({ length: 11 }, () => ({ ownerId: 'kam-1', tier: 'Tier 1' })),
            { ownerId: 'kam-2', tier: 'Tier 1' },
        ];
        const result = checkCapacity(accounts, config.capacity);
        expect(result.managers.map((row) => [row.managerId, row.status])).toEqual([
            ['kam-1', 'Over capacity'],
            ['kam-2', 'Under minimum'],
        ]);
        expect(result.warnings).toEqual([
            'kam-1 owns 11 Tier 1 accounts; policy allows 10.',
            'kam-2 owns 1 Tier 1 accounts; policy asks for at least 3.',
        ]);
    });

    it('counts an owner id typed with spaces around it as the same manager', () => {
        // TypeScript only: in Apex the owner is an Id, which cannot carry spaces.
        const result = checkCapacity(
            [
                { ownerId: 'kam-1', tier: 'Tier 1' },
                { ownerId: ' kam-1 ', tier: 'Tier 1' },
            ],
            config.capacity,
        );
        expect(result.managers.map((row) => [row.managerId, row.tier1Count])).toEqual([
            ['kam-1', 2],
        ]);
    });

    it('rejects a policy whose minimum is above its maximum', () => {
        expect(() => checkCapacity([], { tier1MinPerManager: 5, tier1MaxPerManager: 4 })).toThrow(
            'config.capacity.tier1MinPerManager: must not be greater than tier1MaxPerManager',
        );
    });
});

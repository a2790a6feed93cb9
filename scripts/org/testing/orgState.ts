// What a fresh Developer Edition scratch org holds before Keystone's seed, for the fake org:
// its admin user, the default opportunity stages (OpportunityStage, with their default
// probabilities) and the standard price book, as the Object Reference documents them for a new org.
import { FakeOrg } from './fakeOrg.ts';

export const RUNNING_USER_ID = '005000000000001AAA';
/** The scratch org's admin, as recorded in fixtures/cli/org-display.json. */
export const RUNNING_USERNAME = 'test-abc123@example.com';

export const DEFAULT_STAGES: [string, number, boolean, boolean][] = [
    ['Prospecting', 10, false, false],
    ['Qualification', 10, false, false],
    ['Needs Analysis', 20, false, false],
    ['Value Proposition', 50, false, false],
    ['Id. Decision Makers', 60, false, false],
    ['Perception Analysis', 70, false, false],
    ['Proposal/Price Quote', 75, false, false],
    ['Negotiation/Review', 90, false, false],
    ['Closed Won', 100, true, true],
    ['Closed Lost', 0, true, false],
];

/** A fake org with Keystone deployed (optionally under a namespace) and a new org's defaults. */
export function freshOrg(namespace = '', pageSize?: number): FakeOrg {
    const org = FakeOrg.forProject(namespace, pageSize);
    DEFAULT_STAGES.forEach(([name, probability, isClosed, isWon], index) =>
        org.insert('OpportunityStage', {
            ApiName: name,
            MasterLabel: name,
            IsActive: true,
            IsClosed: isClosed,
            IsWon: isWon,
            DefaultProbability: probability,
            SortOrder: index + 1,
        }),
    );
    org.insert('User', { Id: RUNNING_USER_ID, Username: RUNNING_USERNAME, IsActive: true });
    org.insert('Pricebook2', { Name: 'Standard Price Book', IsActive: true, IsStandard: true });
    return org;
}

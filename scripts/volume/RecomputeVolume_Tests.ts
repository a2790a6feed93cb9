// The data RecomputeVolume_Tests expects the org to hold, as a full-copy sandbox of a large
// customer holds it: loaded with the local org's bulk loader before the class runs, outside any
// transaction (no triggers, no limits), so each test method measures only its own transaction.
// The Keystone records carry the keys the before-save step would have stamped.
//
// - "Volume Enterprise": a Tier 1 key account with 10,000 contacts (300 of them stakeholders),
//   60,000 activities (40,000 completed tasks, 20,000 events, over the last year, most with
//   stakeholders) and 3,000 opportunities (open, won and lost over 30 months);
// - "Volume Key 000" … "Volume Key 199": key accounts of a usual size, each with 3 stakeholders,
//   13 further contacts, 13 whitespace cells, 15 opportunities (13 open) and 10 recent tasks:
//   the records the per-path measurements change 1, 200 and 2,600 at a time;
// - "Volume Concentrated": one key account with 2,600 open opportunities;
// - "Volume Legacy": a key account whose data Keystone's calculators would reject — a
//   stakeholder whose buying role is a value since removed from the picklist, a cell whose
//   product has no family, a credit (negative amount) won last month.
import type { BulkLoader } from '@keystone/local-org';

const DAY_MS = 86400000;
export const KEY_ACCOUNTS = 200;
export const PER_KEY_ACCOUNT = 13;

/** A deterministic sequence in [0, 1) (the same data every run). */
function sequence(seed: number): () => number {
    let state = seed;
    return () => {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        return state / 4294967296;
    };
}

function isoDay(now: Date, offsetDays: number): string {
    return new Date(now.getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

function isoTime(now: Date, offsetDays: number, hour: number): string {
    const day = isoDay(now, offsetDays);
    return `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
}

const ROLES = ['Champion', 'Executive Sponsor', 'Economic Buyer', 'Technical Evaluator', 'Coach'];
const FUNCTIONS = ['Finance', 'IT', 'Operations', 'Sales', 'Executive'];

function plan(loader: BulkLoader, accountId: string, name: string): Record<string, unknown> {
    const today = isoDay(loader.now, 0);
    return {
        Name: `${name} Key Account Plan`,
        Account__c: accountId,
        Status__c: 'Active',
        ActivePlanKey__c: accountId,
        PeriodStart__c: today,
        PeriodEnd__c: isoDay(loader.now, 364),
        KeyAccountManager__c: loader.adminUserId,
        BusinessPriorities__c: 'Grow recurring revenue in the region.',
        RevenueTarget__c: 1000000,
        ExpansionTarget__c: 250000,
        LastReviewedDate__c: isoDay(loader.now, -10),
    };
}

function stakeholder(
    loader: BulkLoader,
    accountId: string,
    contactId: string,
    index: number,
    role: string | null,
): Record<string, unknown> {
    return {
        Name: `Stakeholder ${index}`,
        Account__c: accountId,
        Contact__c: contactId,
        BuyingRole__c: role,
        Influence__c: 'Medium',
        Sentiment__c: 'Neutral',
        RelationshipStrength__c: index % 3 === 0 ? 'Strong' : 'Moderate',
        Function__c: FUNCTIONS[index % FUNCTIONS.length],
        Level__c: 'Director',
        InternalOwner__c: loader.adminUserId,
        RelevantToBuyingGroup__c: true,
        StakeholderKey__c: `${accountId}:${contactId}`,
    };
}

function contacts(loader: BulkLoader, accountId: string, prefix: string, count: number): string[] {
    return loader.loadRecords(
        'Contact',
        Array.from({ length: count }, (_v, i) => ({
            FirstName: 'Volume',
            LastName: `${prefix} ${i}`,
            AccountId: accountId,
        })),
    );
}

function seedEnterprise(loader: BulkLoader, productIds: string[]): void {
    const random = sequence(16);
    const [accountId] = loader.loadRecords('Account', [
        { Name: 'Volume Enterprise', KeyAccountTier__c: 'Tier 1', StrategicValue__c: 80 },
    ]) as [string];
    loader.loadRecords('AccountPlan__c', [plan(loader, accountId, 'Volume Enterprise')]);
    const contactIds = contacts(loader, accountId, 'Enterprise', 10000);
    const stakeholderContacts = contactIds.slice(0, 300);
    loader.loadRecords(
        'Stakeholder__c',
        stakeholderContacts.map((contactId, i) =>
            stakeholder(loader, accountId, contactId, i, i < ROLES.length ? ROLES[i]! : 'Coach'),
        ),
    );
    loader.loadRecords(
        'WhitespaceCell__c',
        Array.from({ length: 30 }, (_v, i) => {
            const businessUnit = `Region ${i % 6}`;
            const productId = productIds[i % productIds.length]!;
            return {
                Account__c: accountId,
                BusinessUnit__c: businessUnit,
                Product__c: productId,
                Status__c: 'Whitespace',
                EstimatedValue__c: 50000,
                Probability__c: 30,
                CellKey__c: `${accountId}:${businessUnit.toLowerCase()}:${productId}`,
            };
        }),
    );
    // 40,000 completed tasks over the last year, three in four with a stakeholder.
    loader.loadRecords(
        'Task',
        Array.from({ length: 40000 }, (_v, i) => {
            const daysAgo = Math.floor(random() * 365);
            const who =
                i % 4 === 3
                    ? contactIds[300 + Math.floor(random() * 9700)]!
                    : stakeholderContacts[Math.floor(random() * 300)]!;
            return {
                Subject: `Call ${i}`,
                WhoId: who,
                Status: 'Completed',
                ActivityDate: isoDay(loader.now, -daysAgo - 2),
                CompletedDateTime: isoTime(loader.now, -daysAgo, 9 + (i % 8)),
            };
        }),
    );
    // 20,000 events over the last year and the next month, three in five with a stakeholder.
    loader.loadRecords(
        'Event',
        Array.from({ length: 20000 }, (_v, i) => {
            const daysAgo = Math.floor(random() * 395) - 30;
            const who =
                i % 5 >= 3
                    ? contactIds[300 + Math.floor(random() * 9700)]!
                    : stakeholderContacts[Math.floor(random() * 300)]!;
            return {
                Subject: `Meeting ${i}`,
                WhoId: who,
                StartDateTime: isoTime(loader.now, -daysAgo, 8 + (i % 9)),
                DurationInMinutes: 30,
            };
        }),
    );
    // 3,000 opportunities: 1,000 open, 1,500 won and 400 lost in the last 24 months, 100 older.
    loader.loadRecords(
        'Opportunity',
        Array.from({ length: 3000 }, (_v, i) => {
            const kind = i < 1000 ? 'open' : i < 2500 ? 'won' : i < 2900 ? 'lost' : 'old';
            const closeOffset =
                kind === 'open'
                    ? 1 + (i % 365)
                    : kind === 'old'
                      ? -760 - (i % 100)
                      : -1 - Math.floor(random() * 720);
            return {
                Name: `Enterprise deal ${i}`,
                AccountId: accountId,
                StageName:
                    kind === 'open'
                        ? 'Prospecting'
                        : kind === 'lost'
                          ? 'Closed Lost'
                          : 'Closed Won',
                CloseDate: isoDay(loader.now, closeOffset),
                Amount: 1000 + (i % 50) * 100,
                Type: i % 10 === 0 ? 'Renewal' : 'New Customer',
            };
        }),
    );
}

function seedKeyAccounts(loader: BulkLoader, productIds: string[]): void {
    const names = Array.from(
        { length: KEY_ACCOUNTS },
        (_v, i) => `Volume Key ${String(i).padStart(3, '0')}`,
    );
    const accountIds = loader.loadRecords(
        'Account',
        names.map((Name) => ({ Name, KeyAccountTier__c: 'Tier 2', StrategicValue__c: 50 })),
    );
    loader.loadRecords(
        'AccountPlan__c',
        accountIds.map((accountId, i) => plan(loader, accountId, names[i]!)),
    );
    const stakeholders: Record<string, unknown>[] = [];
    const cells: Record<string, unknown>[] = [];
    const opportunities: Record<string, unknown>[] = [];
    const tasks: Record<string, unknown>[] = [];
    accountIds.forEach((accountId, a) => {
        const people = contacts(loader, accountId, `Key ${a} person`, 3 + PER_KEY_ACCOUNT);
        people.slice(0, 3).forEach((contactId, i) => {
            stakeholders.push(stakeholder(loader, accountId, contactId, i, ROLES[i]!));
            for (let t = 0; t < 3 + (i === 0 ? 1 : 0); t++)
                tasks.push({
                    Subject: `Key call ${a}-${i}-${t}`,
                    WhoId: contactId,
                    Status: 'Completed',
                    CompletedDateTime: isoTime(loader.now, -(5 + t * 20 + i), 10),
                });
        });
        for (let c = 0; c < PER_KEY_ACCOUNT; c++) {
            const businessUnit = `Unit ${c}`;
            const productId = productIds[c % productIds.length]!;
            cells.push({
                Account__c: accountId,
                BusinessUnit__c: businessUnit,
                Product__c: productId,
                Status__c: 'Whitespace',
                EstimatedValue__c: 20000,
                Probability__c: 25,
                CellKey__c: `${accountId}:${businessUnit.toLowerCase()}:${productId}`,
            });
        }
        for (let o = 0; o < PER_KEY_ACCOUNT + 2; o++) {
            const open = o < PER_KEY_ACCOUNT;
            opportunities.push({
                Name: `Key deal ${a}-${o}`,
                AccountId: accountId,
                StageName: open ? 'Prospecting' : 'Closed Won',
                CloseDate: isoDay(loader.now, open ? 30 + o : -40 - o * 90),
                Amount: 10000 + o * 500,
                Type: o === 0 ? 'Renewal' : 'Existing Customer - Upgrade',
            });
        }
    });
    loader.loadRecords('Stakeholder__c', stakeholders);
    loader.loadRecords('WhitespaceCell__c', cells);
    loader.loadRecords('Opportunity', opportunities);
    loader.loadRecords('Task', tasks);
}

function seedConcentrated(loader: BulkLoader): void {
    const [accountId] = loader.loadRecords('Account', [
        { Name: 'Volume Concentrated', KeyAccountTier__c: 'Tier 1' },
    ]) as [string];
    loader.loadRecords('AccountPlan__c', [plan(loader, accountId, 'Volume Concentrated')]);
    const people = contacts(loader, accountId, 'Concentrated person', 3);
    loader.loadRecords(
        'Stakeholder__c',
        people.map((contactId, i) => stakeholder(loader, accountId, contactId, i, ROLES[i]!)),
    );
    loader.loadRecords(
        'Opportunity',
        Array.from({ length: 2600 }, (_v, i) => ({
            Name: `Concentrated deal ${i}`,
            AccountId: accountId,
            StageName: 'Prospecting',
            CloseDate: isoDay(loader.now, 10 + (i % 300)),
            Amount: 1000,
        })),
    );
}

function seedLegacy(loader: BulkLoader, productIds: string[]): void {
    const [accountId] = loader.loadRecords('Account', [
        { Name: 'Volume Legacy', KeyAccountTier__c: 'Tier 2' },
    ]) as [string];
    loader.loadRecords('AccountPlan__c', [plan(loader, accountId, 'Volume Legacy')]);
    const people = contacts(loader, accountId, 'Legacy person', 2);
    loader.loadRecords('Stakeholder__c', [
        stakeholder(loader, accountId, people[0]!, 0, 'Champion'),
        // A value removed from the picklist since: the record keeps it.
        stakeholder(loader, accountId, people[1]!, 1, 'Influencer'),
    ]);
    const [familyless] = loader.loadRecords('Product2', [
        { Name: 'Volume product without family', IsActive: true },
    ]) as [string];
    loader.loadRecords('WhitespaceCell__c', [
        {
            Account__c: accountId,
            BusinessUnit__c: 'EMEA',
            Product__c: productIds[0],
            Status__c: 'Whitespace',
            EstimatedValue__c: 40000,
            Probability__c: 50,
            CellKey__c: `${accountId}:emea:${productIds[0]}`,
        },
        {
            Account__c: accountId,
            BusinessUnit__c: 'APAC',
            Product__c: familyless,
            Status__c: 'Whitespace',
            EstimatedValue__c: 10000,
            Probability__c: 50,
            CellKey__c: `${accountId}:apac:${familyless}`,
        },
    ]);
    loader.loadRecords('Opportunity', [
        {
            Name: 'Legacy open deal',
            AccountId: accountId,
            StageName: 'Prospecting',
            CloseDate: isoDay(loader.now, 20),
            Amount: 1000,
        },
        {
            Name: 'Legacy won deal',
            AccountId: accountId,
            StageName: 'Closed Won',
            CloseDate: isoDay(loader.now, -60),
            Amount: 5000,
        },
        {
            Name: 'Legacy credit note',
            AccountId: accountId,
            StageName: 'Closed Won',
            CloseDate: isoDay(loader.now, -30),
            Amount: -500,
        },
    ]);
}

export function seed(loader: BulkLoader): void {
    const productIds = loader.loadRecords(
        'Product2',
        ['Analytics', 'Platform', 'Services', 'Security'].map((name) => ({
            Name: `Volume ${name}`,
            Family: 'Software',
            IsActive: true,
        })),
    );
    seedEnterprise(loader, productIds);
    seedKeyAccounts(loader, productIds);
    seedConcentrated(loader);
    seedLegacy(loader, productIds);
}

// Seeded, deterministic sample portfolios in the scoring engine's input shape: accounts with
// business units, contacts with reports-to lines, stakeholders, two years of activities,
// opportunities with products, whitespace cells, plans with objectives/actions/risks, and
// health signals. The single source of sample data for the local preview, the org seeding
// script and the benchmark. Pure: no Node APIs, no clock (pass `now`), no Math.random.
//
// Every account is generated from (seed, account index) alone, so `generateAccount(options, i)`
// gives the same account whether the whole portfolio is built at once or streamed one by one.
import type {
    AccountScoringInput,
    ActivityInput,
    OpportunityInput,
    PlanActionInput,
    PlanInput,
    PlanObjectiveInput,
    PlanRiskInput,
    SignalInput,
    StakeholderInput,
    WhitespaceCellInput,
} from '../../force-app/main/scoring/lwc/keystoneEngine/keystoneEngine';

// ---------------------------------------------------------------- options and shapes

export interface SampleOptions {
    seed?: number;
    accounts?: number;
    stakeholdersPerAccount?: number;
    activitiesPerAccount?: number;
    /** Key account managers sharing the portfolio. */
    managers?: number;
    /** "Today" for the data: activities reach back two years from here. */
    now?: string;
    /**
     * When set, the portfolio gets one more account with this many stakeholders (and five
     * activities per stakeholder): the large relationship map the preview shows beside the
     * ordinary accounts.
     */
    largeAccountStakeholders?: number;
}

export interface SampleUser {
    id: string;
    name: string;
    title: string;
    role: 'Key Account Manager' | 'Solutions Engineer' | 'Customer Success Manager' | 'Executive';
}

export interface SampleProduct {
    id: string;
    name: string;
    family: string;
    code: string;
    listPrice: number;
}

export interface SampleContact {
    id: string;
    firstName: string;
    lastName: string;
    title: string;
    email: string;
    function: string;
    level: string;
    /** Contact.ReportsToId: the reports-to line seeds the relationship map. */
    reportsToId: string | null;
    leftCompany: boolean;
}

export interface SampleOpportunityDetail {
    id: string;
    name: string;
    stageName: string;
    type: 'New Business' | 'Expansion' | 'Renewal';
    businessUnit: string;
    lineItems: { productId: string; quantity: number; unitPrice: number }[];
}

export interface SampleActivityDetail {
    subject: string;
    ownerId: string;
}

export interface SampleObjectiveDetail {
    name: string;
    description: string;
    currentValue: number;
    dueDate: string;
    status: 'Not Started' | 'On Track' | 'At Risk' | 'Achieved' | 'Missed';
}

export interface SampleActionDetail {
    /** AccountAction__c.Name: the action's subject. */
    subject: string;
    description: string;
    /** Set when the action is Completed (never after "now"). */
    completedDate: string | null;
    /** The plan objective it serves (AccountAction__c.Objective__c), by index; null for none. */
    objectiveIndex: number | null;
}

export interface SampleRiskDetail {
    name: string;
    description: string;
    likelihood: 'High' | 'Medium' | 'Low';
    impact: 'High' | 'Medium' | 'Low';
    mitigation: string;
    mitigationDueDate: string | null;
    /** Closed when nobody owns the mitigation (an open risk must have an owner). */
    status: 'Open' | 'Mitigating' | 'Closed';
}

export interface SamplePlanDetails {
    objectives: SampleObjectiveDetail[];
    actions: SampleActionDetail[];
    risks: SampleRiskDetail[];
}

export interface SampleAccount {
    id: string;
    name: string;
    industry: string;
    billingCountry: string;
    website: string;
    ownerId: string;
    businessUnits: string[];
    contacts: SampleContact[];
    /** Extra Opportunity fields, parallel to scoring.opportunities. */
    opportunityDetails: SampleOpportunityDetail[];
    /** Subject and owner of each activity, parallel to scoring.activities. */
    activityDetails: SampleActivityDetail[];
    /**
     * WhitespaceCell__c.Product__c of each cell, parallel to scoring.whitespaceCells: the
     * grid's columns are products (one product per family on an account).
     */
    whitespaceProductIds: string[];
    /** AccountPlan__c.PeriodStart__c/PeriodEnd__c of the active plan (null without a plan). */
    planPeriod: { start: string; end: string } | null;
    /** What a plan's objectives, actions and risks say, parallel to scoring.objectives/actions/risks. */
    planDetails: SamplePlanDetails;
    /** Exactly what the engine's scoreAccount() reads. */
    scoring: AccountScoringInput;
}

export interface SamplePortfolio {
    seed: number;
    now: string;
    users: SampleUser[];
    products: SampleProduct[];
    accounts: SampleAccount[];
}

const DEFAULTS = {
    seed: 20261126,
    accounts: 30,
    stakeholdersPerAccount: 12,
    activitiesPerAccount: 60,
    managers: 6,
    now: '2026-11-26',
};

// ---------------------------------------------------------------- randomness

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; same seed, same sequence. */
export function mulberry32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

// ------------------------------------------------------------------ recurring history

/** Seeds the recurring-history draws apart from the account's main stream. */
const HISTORY_STREAM = 0x5eed5;

/**
 * Gives the account the recurring history a real key account has, so net revenue retention
 * reads where real programmes sit (about 85–135 %). This year's won deals are what the account
 * renewed and what it expanded by: picked as Renewal or Expansion so that expansion is 10–40 %
 * of the base; the base (what it bought 12 to 24 months ago) is seeded to match, and the
 * renewals lost this year make 0–12 % churn. This year's revenue is left exactly as drawn, so
 * selection scores, segments and tiers do not move, and last year's is within a third of it.
 * Without this, random types left a base of a deal or two and percentages no sales leader would
 * believe (15–514 %). The org computes the figures (RetentionCalculator); this only decides
 * what history to seed. Its own random stream, so every other record is unchanged.
 */
function addRecurringHistory(input: {
    random: Random;
    accountName: string;
    products: SampleProduct[];
    businessUnits: string[];
    nowDays: number;
    idBase: number;
    opportunities: OpportunityInput[];
    opportunityDetails: SampleOpportunityDetail[];
}): void {
    const { random, nowDays, opportunities, opportunityDetails } = input;
    const ageOf = (deal: OpportunityInput): number =>
        deal.closeDate ? nowDays - dateToDays(deal.closeDate) : Number.POSITIVE_INFINITY;
    const setType = (k: number, type: SampleOpportunityDetail['type']): void => {
        (opportunities[k] as OpportunityInput).type = type;
        (opportunityDetails[k] as SampleOpportunityDetail).type = type;
    };
    const thisYearWon: number[] = [];
    let revenue = 0;
    let boughtBefore = 0;
    let lostRenewals = 0;
    opportunities.forEach((deal, k) => {
        if (!deal.isClosed) return;
        const age = ageOf(deal);
        const amount = deal.amount ?? 0;
        if (age <= 365 && deal.isWon) {
            thisYearWon.push(k);
            revenue += amount;
        }
        if (age > 365 && age <= 730 && deal.isWon) boughtBefore += amount;
        if (age <= 365 && !deal.isWon && opportunityDetails[k]?.type === 'Renewal') {
            lostRenewals += amount;
        }
    });
    const expansionShare = 0.1 + random.float() * 0.3;
    const churnShare = random.float() * 0.12;
    // This year's revenue = the base renewed (less churn) + the expansion.
    const base = revenue > 0 ? revenue / (1 - churnShare + expansionShare) : 0;
    let expansion = 0;
    for (const k of [...thisYearWon].sort(
        (a, b) => (opportunities[a]?.amount ?? 0) - (opportunities[b]?.amount ?? 0),
    )) {
        const amount = opportunities[k]?.amount ?? 0;
        const expands = expansion + amount <= base * expansionShare * 1.2;
        if (expands) expansion += amount;
        setType(k, expands ? 'Expansion' : 'Renewal');
    }
    // Lost renewals beyond the churn share were other lost deals, not lost recurring revenue.
    opportunities.forEach((deal, k) => {
        if (deal.isClosed && !deal.isWon && ageOf(deal) <= 365) {
            if (lostRenewals > base * 0.15 && opportunityDetails[k]?.type === 'Renewal') {
                lostRenewals -= deal.amount ?? 0;
                setType(k, 'New Business');
            }
        }
    });

    const thousands = (value: number): number => Math.round(value / 1000) * 1000;
    let serial = 50;
    const add = (amount: number, closeDaysAgo: number, won: boolean, label: string): void => {
        const product = random.pick(input.products);
        const id = fakeId('006', input.idBase + serial++);
        opportunities.push({
            id,
            amount,
            closeDate: daysToDate(nowDays - closeDaysAgo),
            isClosed: true,
            isWon: won,
            probability: won ? 100 : 0,
            type: 'Renewal',
        });
        opportunityDetails.push({
            id,
            name: `${input.accountName} - ${product.name} ${label}`,
            stageName: won ? 'Closed Won' : 'Closed Lost',
            type: 'Renewal',
            businessUnit: random.pick(input.businessUnits),
            lineItems: [{ productId: product.id, quantity: 1, unitPrice: amount }],
        });
    };
    const missing = thousands(base - boughtBefore);
    if (missing >= 1000) add(missing, random.int(400, 700), true, 'subscription');
    // What was bought before and not renewed this year was lost: an account whose revenue fell
    // away shows it as churn rather than as a base that quietly held.
    const fullBase = Math.max(base, boughtBefore);
    const churned = Math.max(fullBase * churnShare, fullBase - (revenue - expansion));
    const lost = thousands(churned - lostRenewals);
    if (lost >= 1000) add(lost, random.int(30, 330), false, 'renewal (not renewed)');
}

class Random {
    private readonly next: () => number;

    constructor(seed: number) {
        this.next = mulberry32(seed);
    }

    float(): number {
        return this.next();
    }

    /** Integer in [min, max]. */
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    pick<T>(items: readonly T[]): T {
        const item = items[Math.floor(this.next() * items.length)];
        if (item === undefined) throw new Error('pick from an empty list');
        return item;
    }

    /** Picks by weight: [[value, weight], ...]. */
    weighted<T>(choices: readonly (readonly [T, number])[]): T {
        const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
        let roll = this.next() * total;
        for (const [value, weight] of choices) {
            roll -= weight;
            if (roll < 0) return value;
        }
        const last = choices[choices.length - 1];
        if (!last) throw new Error('weighted pick from an empty list');
        return last[0];
    }

    /** Fisher-Yates on a copy (Array.sort with a random comparator differs between engines). */
    shuffle<T>(items: readonly T[]): T[] {
        const copy = [...items];
        for (let i = copy.length - 1; i > 0; i--) {
            const j = Math.floor(this.next() * (i + 1));
            const swap = copy[i] as T;
            copy[i] = copy[j] as T;
            copy[j] = swap;
        }
        return copy;
    }

    /** Round money to whole thousands, log-uniform between min and max. */
    money(min: number, max: number): number {
        const value = Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
        return Math.round(value / 1000) * 1000;
    }
}

/** A per-account seed: mixes the portfolio seed with the account index. */
function accountSeed(seed: number, index: number): number {
    let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------- ids and dates

/** An 18-character Salesforce-style id: prefix + lowercase base-36 number + checksum 'AAA'
 * (the checksum of a 15-character id without capital letters is always AAA). */
function fakeId(prefix: string, counter: number): string {
    return `${prefix}${counter.toString(36).padStart(12, '0')}AAA`;
}

const DAY_MS = 86400000;

function dateToDays(iso: string): number {
    const [year = 1970, month = 1, day = 1] = iso.split('-').map(Number);
    return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

// Formatting dates is the slowest part of generation; a portfolio reuses a few hundred days.
const formattedDays = new Map<number, string>();

function daysToDate(days: number): string {
    let text = formattedDays.get(days);
    if (text === undefined) {
        text = new Date(days * DAY_MS).toISOString().slice(0, 10);
        formattedDays.set(days, text);
    }
    return text;
}

// ---------------------------------------------------------------- vocabulary

const COMPANY_STEMS = [
    'Northwind',
    'Contoso',
    'Fabrikam',
    'Globex',
    'Initech',
    'Umbrella',
    'Stark',
    'Wayne',
    'Acme',
    'Tyrell',
    'Cyberdyne',
    'Soylent',
    'Hooli',
    'Vandelay',
    'Wonka',
    'Oscorp',
    'Aperture',
    'Gringotts',
    'Massive Dynamic',
    'Blue Sun',
    'Nakatomi',
    'Monarch',
    'Pied Piper',
    'Dunder',
    'Sterling',
    'Prestige',
    'Vehement',
    'Benthic',
    'Helios',
    'Orion',
    'Meridian',
    'Atlas',
    'Boreal',
    'Cobalt',
    'Granite',
];
const COMPANY_SUFFIXES = [
    'Industries',
    'Holdings',
    'Group',
    'Systems',
    'Logistics',
    'Health',
    'Energy',
    'Financial',
    'Retail',
    'Manufacturing',
];
const INDUSTRIES = [
    'Manufacturing',
    'Financial Services',
    'Healthcare',
    'Retail',
    'Energy',
    'Transportation',
    'Telecommunications',
    'Public Sector',
    'Technology',
    'Consumer Goods',
];
const COUNTRIES = [
    'United States',
    'United Kingdom',
    'Germany',
    'France',
    'Netherlands',
    'Japan',
    'Australia',
    'Canada',
    'Singapore',
    'Brazil',
];
const BUSINESS_UNITS = [
    'North America',
    'EMEA',
    'APAC',
    'LATAM',
    'Corporate Finance',
    'Retail Division',
    'Manufacturing Division',
    'Digital',
    'Shared Services',
    'Research & Development',
    'Supply Chain',
    'Wholesale',
];
const PRODUCT_CATALOG: { family: string; products: [string, number][] }[] = [
    {
        family: 'Cloud Platform',
        products: [
            ['Cloud Platform Enterprise', 180000],
            ['Cloud Platform Standard', 60000],
            ['Edge Runtime', 40000],
        ],
    },
    {
        family: 'Data & Analytics',
        products: [
            ['Analytics Suite', 120000],
            ['Data Lakehouse', 150000],
            ['Embedded Dashboards', 30000],
        ],
    },
    {
        family: 'Security',
        products: [
            ['Identity Cloud', 70000],
            ['Threat Detection', 90000],
        ],
    },
    {
        family: 'Integration',
        products: [
            ['Integration Hub', 80000],
            ['API Gateway', 45000],
        ],
    },
    {
        family: 'AI',
        products: [
            ['AI Assistants', 110000],
            ['Forecasting Models', 65000],
        ],
    },
    {
        family: 'Services',
        products: [
            ['Premier Success', 50000],
            ['Implementation Services', 75000],
        ],
    },
];
const FIRST_NAMES = [
    'Olivia',
    'Liam',
    'Emma',
    'Noah',
    'Ava',
    'Elijah',
    'Sofia',
    'Mateo',
    'Mia',
    'Lucas',
    'Amara',
    'Hiroshi',
    'Priya',
    'Kwame',
    'Ingrid',
    'Diego',
    'Fatima',
    'Chen',
    'Aisha',
    'Tomasz',
    'Leila',
    'Oskar',
    'Nadia',
    'Rafael',
    'Yuki',
    'Santiago',
    'Chloe',
    'Arjun',
    'Zanele',
    'Henrik',
    'Isabel',
    'Malik',
    'Greta',
    'Ravi',
    'Elena',
    'Samuel',
];
const LAST_NAMES = [
    'Smith',
    'Johnson',
    'Garcia',
    'Müller',
    'Nakamura',
    'Okafor',
    'Patel',
    'Rossi',
    'Dubois',
    'Kowalski',
    'Silva',
    'Andersen',
    'Haddad',
    'Kim',
    'Nguyen',
    'Fischer',
    'Moreau',
    'Larsen',
    'Mensah',
    'Costa',
    'Ivanova',
    'Tanaka',
    'Brown',
    'Wilson',
    'Martin',
    'Lopez',
    'Schmidt',
    'Jensen',
    'Ahmed',
    'Singh',
    'Walker',
    'Novak',
];
/** Stakeholder__c.Function__c values, with how often each shows up in a buying group. */
const FUNCTIONS: [string, number][] = [
    ['Executive', 2],
    ['Finance', 3],
    ['IT', 6],
    ['Operations', 4],
    ['Sales', 2],
    ['Marketing', 2],
    ['Procurement', 2],
    ['Legal', 1],
    ['Human Resources', 1],
    ['Customer Service', 2],
    ['Engineering', 3],
    ['Other', 1],
];
const LEVELS = ['C-Level', 'VP', 'Director', 'Manager', 'Individual Contributor'] as const;
const C_LEVEL_TITLES: Record<string, string> = {
    Executive: 'Chief Executive Officer',
    Finance: 'Chief Financial Officer',
    IT: 'Chief Information Officer',
    Operations: 'Chief Operating Officer',
    Sales: 'Chief Revenue Officer',
    Marketing: 'Chief Marketing Officer',
    Procurement: 'Chief Procurement Officer',
    Legal: 'General Counsel',
    'Human Resources': 'Chief People Officer',
    'Customer Service': 'Chief Customer Officer',
    Engineering: 'Chief Technology Officer',
    Other: 'Chief of Staff',
};
const ACTIVITY_SUBJECTS = [
    'Quarterly business review',
    'Roadmap briefing',
    'Renewal planning call',
    'Executive dinner',
    'Architecture workshop',
    'Support escalation follow-up',
    'Pricing discussion',
    'Success plan check-in',
    'Demo of new release',
    'Email: proposal sent',
    'Procurement questions',
    'Security questionnaire review',
    'Onsite visit',
    'Intro call',
];
const OBJECTIVE_METRICS: [string, number][] = [
    ['Net revenue retention %', 115],
    ['Business units live', 4],
    ['NPS', 45],
    ['Adoption: weekly active users', 5000],
    ['Executive reviews held', 4],
];

/** What an objective on each metric is called and says, and where its metric usually stands. */
const OBJECTIVE_TEXT: Record<string, { name: string; description: string; low: number }> = {
    'Net revenue retention %': {
        name: 'Grow revenue from the installed base',
        description:
            'Expand seats and modules in the business units already live, so renewals grow instead of flattening.',
        low: 92,
    },
    'Business units live': {
        name: 'Roll the platform out to more business units',
        description:
            'Each business unit that goes live adds users and a second sponsor; {unit} is next.',
        low: 1,
    },
    NPS: {
        name: 'Make the customer a public reference',
        description:
            'Lift satisfaction among daily users so the customer speaks for us at the user conference.',
        low: 12,
    },
    'Adoption: weekly active users': {
        name: 'Drive weekly adoption',
        description:
            'Enablement and in-product guides for {unit}; usage is what protects the renewal.',
        low: 1500,
    },
    'Executive reviews held': {
        name: 'Run a quarterly executive review',
        description:
            'Meet the economic buyer every quarter to agree outcomes and review value delivered.',
        low: 0,
    },
};

/**
 * Action subjects, what they ask of the owner ({unit}: a business unit of the account) and the
 * objective metrics they serve, first fit first.
 */
const ACTION_TEXT: [string, string, string[]][] = [
    [
        'Book the executive business review',
        "Agree the date with the executive sponsor; bring the value report and next year's roadmap.",
        ['Executive reviews held', 'Net revenue retention %'],
    ],
    [
        'Map the procurement steps for the renewal',
        'Find out who signs, the approval thresholds and how long legal review takes.',
        ['Net revenue retention %'],
    ],
    [
        'Run an architecture workshop with {unit}',
        'Walk their architects through the integration pattern and agree a pilot scope.',
        ['Business units live'],
    ],
    [
        'Introduce our CTO to their CIO',
        'A peer conversation on the platform roadmap; our CTO hosts, the account lead prepares the brief.',
        ['Executive reviews held'],
    ],
    [
        'Send the expansion proposal to {unit}',
        'Pricing for the additional seats and modules discussed at the last review.',
        ['Net revenue retention %', 'Business units live'],
    ],
    [
        'Close out the open support escalation',
        'Confirm the fix with the customer and write up what we changed so it does not recur.',
        ['NPS'],
    ],
    [
        'Build the business case with Finance',
        'Quantify the savings in {unit} with their controller, in their numbers.',
        ['Business units live', 'Net revenue retention %'],
    ],
    [
        'Find a second champion in IT',
        'The relationship hangs on one person; meet the directors who report to the CIO.',
        [],
    ],
    [
        'Hold an adoption clinic for {unit}',
        'Two sessions for new users and a health check of their dashboards with customer success.',
        ['Adoption: weekly active users', 'NPS'],
    ],
    [
        'Confirm the renewal timeline',
        'Check the notice period and budget cycle so the renewal does not land in a freeze.',
        ['Net revenue retention %'],
    ],
];

/** Risk titles, what could happen, and the mitigation. */
const RISK_TEXT: [string, string, string][] = [
    [
        'Incumbent competitor discounting to displace us',
        'The incumbent offers a free year in {unit} to win the consolidation.',
        'Show the full migration cost and run a proof of value with {unit} before the decision.',
    ],
    [
        'Budget freeze after the reorganisation',
        'New leadership has paused all spend above approval limits until the next quarter.',
        'Split the expansion into phases under the approval limit; tie phase one to savings already shown.',
    ],
    [
        'Our champion may leave',
        'Our champion is rumoured to be moving on, and nobody else in IT is a strong relationship.',
        'Build a second champion among the directors in IT; introduce them to our technical lead.',
    ],
    [
        'Renewal lands in the budget freeze',
        "The renewal date falls in the customer's year-end freeze, when nothing new gets signed.",
        'Agree the renewal a quarter early, with price protection for signing before the freeze.',
    ],
    [
        'Falling adoption in {unit}',
        'Weekly active users in {unit} fell by a fifth last quarter.',
        'Customer success runs enablement sessions and reviews usage with the business owner monthly.',
    ],
    [
        'Security review delays the rollout',
        'Their security team has not approved the data-residency terms for the next region.',
        'Our security lead answers the questionnaire with their CISO office in one working session.',
    ],
];

// ---------------------------------------------------------------- users and products

export function generateUsers(managers: number): SampleUser[] {
    const users: SampleUser[] = [];
    const random = new Random(4242);
    const fullName = (): string => `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    for (let i = 0; i < managers; i++) {
        users.push({
            id: fakeId('005', 1 + i),
            name: fullName(),
            title: 'Key Account Manager',
            role: 'Key Account Manager',
        });
    }
    const support: [SampleUser['role'], string][] = [
        ['Solutions Engineer', 'Principal Solutions Engineer'],
        ['Solutions Engineer', 'Solutions Engineer'],
        ['Customer Success Manager', 'Customer Success Manager'],
        ['Customer Success Manager', 'Senior Customer Success Manager'],
        ['Executive', 'VP Strategic Accounts'],
        ['Executive', 'Chief Revenue Officer'],
    ];
    support.forEach(([role, title], index) => {
        users.push({ id: fakeId('005', 1000 + index), name: fullName(), title, role });
    });
    return users;
}

export function generateProducts(): SampleProduct[] {
    const products: SampleProduct[] = [];
    let counter = 1;
    for (const { family, products: items } of PRODUCT_CATALOG) {
        for (const [name, listPrice] of items) {
            products.push({
                id: fakeId('01t', counter),
                name,
                family,
                code: `KS-${String(counter).padStart(3, '0')}`,
                listPrice,
            });
            counter += 1;
        }
    }
    return products;
}

// ---------------------------------------------------------------- one account

interface Team {
    manager: SampleUser;
    engineer: SampleUser;
    success: SampleUser;
    executive: SampleUser;
}

function teamFor(random: Random, users: SampleUser[], managerIndex: number): Team {
    const byRole = (role: SampleUser['role']): SampleUser[] =>
        users.filter((user) => user.role === role);
    const managers = byRole('Key Account Manager');
    const manager = managers[managerIndex % managers.length];
    if (!manager) throw new Error('no key account managers');
    return {
        manager,
        engineer: random.pick(byRole('Solutions Engineer')),
        success: random.pick(byRole('Customer Success Manager')),
        executive: random.pick(byRole('Executive')),
    };
}

function titleFor(businessFunction: string, level: string): string {
    switch (level) {
        case 'C-Level':
            return C_LEVEL_TITLES[businessFunction] ?? 'Chief of Staff';
        case 'VP':
            return `VP ${businessFunction}`;
        case 'Director':
            return `Director of ${businessFunction}`;
        case 'Manager':
            return `${businessFunction} Manager`;
        default:
            return `${businessFunction} Specialist`;
    }
}

function buyingRoleFor(
    random: Random,
    businessFunction: string,
    level: string,
    index: number,
): string | null {
    if (index === 0) return 'Executive Sponsor';
    if (level === 'C-Level' && businessFunction === 'Finance') return 'Economic Buyer';
    if (businessFunction === 'Procurement') return random.chance(0.7) ? 'Procurement' : null;
    if (
        (businessFunction === 'IT' || businessFunction === 'Engineering') &&
        (level === 'Director' || level === 'VP')
    ) {
        return random.weighted([
            ['Champion', 4],
            ['Technical Evaluator', 4],
            ['Blocker', 1],
        ] as const);
    }
    if (level === 'Individual Contributor' || level === 'Manager') {
        return random.weighted([
            ['User/Admin', 5],
            ['Technical Evaluator', 1],
            ['Coach', 1],
            [null, 3],
        ] as const);
    }
    return random.weighted([
        ['Coach', 2],
        ['Champion', 1],
        ['Economic Buyer', 1],
        [null, 4],
    ] as const);
}

/** One account, from (options.seed, index) alone. */
export function generateAccount(
    options: SampleOptions,
    index: number,
    users?: SampleUser[],
    products?: SampleProduct[],
): SampleAccount {
    const settings = { ...DEFAULTS, ...options };
    const allUsers = users ?? generateUsers(settings.managers);
    const catalog = products ?? generateProducts();
    const random = new Random(accountSeed(settings.seed, index));
    const nowDays = dateToDays(settings.now);
    const idBase = (index + 1) * 100000;
    const team = teamFor(random, allUsers, index % settings.managers);
    const teamUsers = [team.manager, team.engineer, team.success, team.executive];

    const name = `${COMPANY_STEMS[index % COMPANY_STEMS.length]} ${random.pick(COMPANY_SUFFIXES)}${index >= COMPANY_STEMS.length ? ` ${Math.floor(index / COMPANY_STEMS.length) + 1}` : ''}`;
    const accountId = fakeId('001', index + 1);
    const businessUnits = random.shuffle(BUSINESS_UNITS).slice(0, random.int(2, 5));
    const families = PRODUCT_CATALOG.map((entry) => entry.family).slice(0, random.int(4, 6));
    // How healthy this account "really" is drives many choices below, so portfolios show a spread.
    const vitality = random.float();

    // Contacts: a hierarchy (CEO first, then C-level, VPs, directors, managers, ICs).
    const contactCount = Math.max(1, Math.round(settings.stakeholdersPerAccount * 1.2));
    const contacts: SampleContact[] = [];
    for (let k = 0; k < contactCount; k++) {
        const businessFunction = k === 0 ? 'Executive' : random.weighted(FUNCTIONS);
        const level =
            k === 0
                ? 'C-Level'
                : random.weighted([
                      ['C-Level', 1],
                      ['VP', 2],
                      ['Director', 3],
                      ['Manager', 3],
                      ['Individual Contributor', 3],
                  ] as const);
        const levelRank = LEVELS.indexOf(level as (typeof LEVELS)[number]);
        const managersAbove = contacts.filter(
            (contact) => LEVELS.indexOf(contact.level as (typeof LEVELS)[number]) < levelRank,
        );
        const sameFunction = managersAbove.filter(
            (contact) => contact.function === businessFunction,
        );
        const oneLevelUp = managersAbove.filter(
            (contact) => LEVELS.indexOf(contact.level as (typeof LEVELS)[number]) === levelRank - 1,
        );
        // The C-suite reports to the chief executive; everyone else to the latest manager above
        // them in their function, else to the latest person one level up, else to the top.
        const boss =
            level === 'C-Level'
                ? contacts[0]
                : sameFunction.length > 0
                  ? sameFunction[sameFunction.length - 1]
                  : oneLevelUp.length > 0
                    ? oneLevelUp[oneLevelUp.length - 1]
                    : managersAbove[0];
        const firstName = random.pick(FIRST_NAMES);
        const lastName = random.pick(LAST_NAMES);
        contacts.push({
            id: fakeId('003', idBase + k),
            firstName,
            lastName,
            title: titleFor(businessFunction, level),
            email: `${firstName}.${lastName}@${name.split(' ')[0]?.toLowerCase() ?? 'example'}.example.com`.toLowerCase(),
            function: businessFunction,
            level,
            reportsToId: k === 0 || !boss ? null : boss.id,
            leftCompany: k > 0 && random.chance(0.04),
        });
    }

    // Stakeholders: the mapped part of the contacts.
    const stakeholders: StakeholderInput[] = contacts
        .slice(0, settings.stakeholdersPerAccount)
        .map((contact, k) => {
            const role = buyingRoleFor(random, contact.function, contact.level, k);
            const positive = vitality * 0.6 + random.float() * 0.4;
            return {
                id: fakeId('a01', idBase + k),
                contactId: contact.id,
                name: `${contact.firstName} ${contact.lastName}`,
                buyingRole: role,
                sentiment:
                    role === 'Blocker'
                        ? random.pick(['Skeptic', 'Detractor'])
                        : positive > 0.75
                          ? 'Advocate'
                          : positive > 0.55
                            ? 'Supporter'
                            : positive > 0.35
                              ? 'Neutral'
                              : positive > 0.2
                                ? 'Skeptic'
                                : random.pick(['Detractor', 'Unknown']),
                relationshipStrength:
                    positive > 0.7
                        ? 'Strong'
                        : positive > 0.45
                          ? 'Moderate'
                          : positive > 0.25
                            ? 'Weak'
                            : 'None',
                function: contact.function,
                level: contact.level,
                internalOwnerId: random.chance(0.8)
                    ? random.weighted([
                          [team.manager.id, 5],
                          [team.engineer.id, 2],
                          [team.success.id, 2],
                          [team.executive.id, 1],
                      ] as const)
                    : null,
                leftCompany: contact.leftCompany,
                relevantToBuyingGroup: role !== null || random.chance(0.5),
                lastEngagedDate: null,
            };
        });

    // Activities over two years, concentrated on a few people and more frequent lately.
    const activities: ActivityInput[] = [];
    const activityDetails: SampleActivityDetail[] = [];
    const focus = stakeholders.slice(
        0,
        Math.max(1, Math.ceil(stakeholders.length * (0.2 + vitality * 0.5))),
    );
    for (let k = 0; k < settings.activitiesPerAccount; k++) {
        const person = random.chance(0.8)
            ? random.pick(focus)
            : random.pick(stakeholders.length > 0 ? stakeholders : focus);
        const daysAgo = Math.floor(Math.pow(random.float(), 1 + vitality) * 730);
        activities.push({
            contactId: person?.contactId ?? null,
            activityDate: daysToDate(nowDays - daysAgo),
            kind: random.chance(0.3) ? 'Event' : 'Task',
        });
        activityDetails.push({
            subject: random.pick(ACTIVITY_SUBJECTS),
            ownerId: random.pick(teamUsers).id,
        });
    }

    // Opportunities with products, across the business units.
    const opportunities: OpportunityInput[] = [];
    const opportunityDetails: SampleOpportunityDetail[] = [];
    const opportunityCount = random.int(5, 12);
    for (let k = 0; k < opportunityCount; k++) {
        const family = random.pick(families);
        const familyProducts = catalog.filter((product) => product.family === family);
        const product = random.pick(familyProducts);
        const quantity = random.int(1, 5);
        const amount =
            Math.round((product.listPrice * quantity * (0.7 + random.float() * 0.4)) / 1000) * 1000;
        const state = random.weighted([
            ['won', 4 + vitality * 4],
            ['lost', 2],
            ['open', 3],
        ] as const);
        const closeOffset = state === 'open' ? random.int(10, 270) : -random.int(0, 720);
        const stageName =
            state === 'won'
                ? 'Closed Won'
                : state === 'lost'
                  ? 'Closed Lost'
                  : random.pick(['Qualification', 'Discovery', 'Proposal', 'Negotiation']);
        const id = fakeId('006', idBase + k);
        opportunities.push({
            id,
            amount,
            closeDate: daysToDate(nowDays + closeOffset),
            isClosed: state !== 'open',
            isWon: state === 'won',
            probability:
                state === 'won'
                    ? 100
                    : state === 'lost'
                      ? 0
                      : ((
                            {
                                Qualification: 10,
                                Discovery: 25,
                                Proposal: 50,
                                Negotiation: 75,
                            } as Record<string, number>
                        )[stageName] ?? 20),
        });
        opportunityDetails.push({
            id,
            name: `${name} - ${product.name}`,
            stageName,
            type: random.weighted([
                ['New Business', 2],
                ['Expansion', 3],
                ['Renewal', 2],
            ] as const),
            businessUnit: random.pick(businessUnits),
            lineItems: [
                { productId: product.id, quantity, unitPrice: Math.round(amount / quantity) },
            ],
        });
        // The engine reads the type too: it decides how the deal counts for revenue retention.
        (opportunities[opportunities.length - 1] as OpportunityInput).type = (
            opportunityDetails[opportunityDetails.length - 1] as SampleOpportunityDetail
        ).type;
    }

    addRecurringHistory({
        random: new Random(accountSeed(settings.seed, index) ^ HISTORY_STREAM),
        accountName: name,
        products: catalog.filter((product) => families.includes(product.family)),
        businessUnits,
        nowDays,
        idBase,
        opportunities,
        opportunityDetails,
    });

    // Whitespace: business units × product families; some cells follow an opportunity.
    // Each family's column is one product of that family, picked from the account index
    // (no random draw, so the rest of the account is unchanged by it).
    const whitespaceCells: WhitespaceCellInput[] = [];
    const whitespaceProductIds: string[] = [];
    const columnProduct = (family: string): string => {
        const inFamily = catalog.filter((product) => product.family === family);
        return inFamily[index % Math.max(1, inFamily.length)]?.id ?? '';
    };
    let cellCounter = 0;
    for (const businessUnit of businessUnits) {
        for (const productFamily of families) {
            const linked = opportunityDetails.find(
                (detail, k) =>
                    detail.businessUnit === businessUnit &&
                    catalog.find((p) => p.id === detail.lineItems[0]?.productId)?.family ===
                        productFamily &&
                    opportunities[k]?.isClosed !== true,
            );
            const status = linked
                ? 'In Pipeline'
                : random.weighted([
                      ['Owned', 3 + vitality * 3],
                      ['Whitespace', 5],
                      ['Competitor', 1.5],
                      ['Not Applicable', 1],
                  ] as const);
            const estimatedValue = random.money(20000, 400000);
            whitespaceProductIds.push(columnProduct(productFamily));
            whitespaceCells.push({
                id: fakeId('a02', idBase + cellCounter++),
                businessUnit,
                productFamily,
                status,
                estimatedValue,
                probability:
                    status === 'Whitespace'
                        ? random.int(5, 40)
                        : status === 'Competitor'
                          ? random.int(5, 20)
                          : status === 'In Pipeline'
                            ? random.int(20, 70)
                            : null,
                captured: status === 'Owned' && random.chance(0.35),
                capturedValue: null,
                opportunityId: linked?.id ?? null,
            });
        }
    }

    // Plan (most key accounts have one), objectives, actions, risks.
    const hasPlan = random.chance(0.85);
    const fill = (probability: number): boolean =>
        random.chance(probability * (0.5 + vitality * 0.5));
    const plan: PlanInput | null = hasPlan
        ? {
              businessPriorities: fill(0.95)
                  ? `Consolidate platforms across ${businessUnits[0]}; cut cost to serve by 10%`
                  : null,
              financialContext: fill(0.8)
                  ? 'Fiscal year ends in March; capex approvals in Q3'
                  : null,
              revenueTarget: fill(0.85) ? random.money(500000, 5000000) : null,
              expansionTarget: fill(0.7) ? random.money(100000, 1500000) : null,
              competitiveLandscape: fill(0.6)
                  ? 'Incumbent competitor in data; price pressure in renewals'
                  : null,
              keyAccountManagerId: team.manager.id,
              executiveSponsorId: fill(0.8) ? team.executive.id : null,
              technicalLeadId: fill(0.75) ? team.engineer.id : null,
              customerSuccessManagerId: fill(0.75) ? team.success.id : null,
              lastReviewedDate: random.chance(0.92)
                  ? daysToDate(nowDays - Math.floor(Math.pow(random.float(), 1.5) * 400))
                  : null,
          }
        : null;
    // The plan's period: a year that started up to ~6 months before "now" (no random draw).
    const periodStartDays = nowDays - ((index * 37) % 180);
    const planPeriod = hasPlan
        ? { start: daysToDate(periodStartDays), end: daysToDate(periodStartDays + 364) }
        : null;
    const objectives: PlanObjectiveInput[] = hasPlan
        ? Array.from({ length: random.int(0, 3) }, () => {
              const [metric, target] = random.pick(OBJECTIVE_METRICS);
              return { metric, targetValue: target };
          })
        : [];
    // An action needs an owner and a due date in the org (validation rules): where no one else
    // was drawn, the account's manager owns it, due in a month.
    const actions: PlanActionInput[] = hasPlan
        ? Array.from({ length: random.int(0, 5) }, () => ({
              ownerId: random.chance(0.9) ? random.pick(teamUsers).id : team.manager.id,
              dueDate: daysToDate(
                  random.chance(0.85) ? nowDays + random.int(-30, 120) : nowDays + 30,
              ),
              status: random.pick(['Open', 'In Progress', 'Completed']),
          }))
        : [];
    const risks: PlanRiskInput[] = hasPlan
        ? Array.from({ length: random.int(0, 3) }, () => ({
              mitigationOwnerId: random.chance(0.8) ? random.pick(teamUsers).id : null,
          }))
        : [];

    // Health signals already on the account, system-raised and from integrations.
    const signals: SignalInput[] = Array.from({ length: random.int(0, 3) }, () => ({
        type: random.pick([
            'Single Threaded',
            'Plan Stale',
            'Sponsor Lapsed',
            'Usage Drop',
            'Support Escalation',
            'Champion Cold',
        ]),
        status: random.weighted([
            ['Open', 5],
            ['Acknowledged', 2],
            ['Resolved', 3],
        ] as const),
        scoreImpact: null,
    }));

    const tier =
        vitality > 0.7 ? 'Tier 1' : vitality > 0.4 ? 'Tier 2' : vitality > 0.2 ? 'Tier 3' : null;
    const planDetails = describePlan(
        new Random(accountSeed(settings.seed, index) ^ PLAN_TEXT_SEED),
        { objectives, actions, risks },
        businessUnits,
        nowDays,
        periodStartDays,
    );
    return {
        id: accountId,
        name,
        industry: random.pick(INDUSTRIES),
        billingCountry: random.pick(COUNTRIES),
        website: `https://www.${name.split(' ')[0]?.toLowerCase() ?? 'example'}.example.com`,
        ownerId: team.manager.id,
        businessUnits,
        contacts,
        opportunityDetails,
        activityDetails,
        whitespaceProductIds,
        planPeriod,
        planDetails,
        scoring: {
            now: settings.now,
            account: {
                id: accountId,
                name,
                ownerId: team.manager.id,
                tier,
                strategicValue: random.int(10, 100),
                renewalDate: daysToDate(nowDays + random.int(-20, 365)),
                previousHealthScore: random.chance(0.85) ? random.int(20, 95) : null,
            },
            stakeholders,
            activities,
            opportunities,
            whitespaceCells,
            plan,
            objectives,
            actions,
            risks,
            signals,
        },
    };
}

/** A second stream of draws per account for the plan's words, so the numbers above never move. */
const PLAN_TEXT_SEED = 0x5eed_7e47;

function fillUnit(text: string, unit: string): string {
    return text.replaceAll('{unit}', unit);
}

function roundMetric(metric: string, value: number): number {
    if (metric.startsWith('Adoption')) return Math.round(value / 10) * 10;
    if (metric.startsWith('Net revenue')) return Math.round(value * 10) / 10;
    return Math.round(value);
}

/**
 * What the plan's objectives, actions and risks say: names, descriptions, where each objective
 * stands against its target and time, mitigations. Status and dates follow the numbers drawn
 * for the engine (an action marked Completed gets its completion date, a risk nobody owns is
 * Closed) so the records pass the org's validation rules.
 */
function describePlan(
    random: Random,
    children: {
        objectives: PlanObjectiveInput[];
        actions: PlanActionInput[];
        risks: PlanRiskInput[];
    },
    businessUnits: string[],
    nowDays: number,
    periodStartDays: number,
): SamplePlanDetails {
    const periodEndDays = periodStartDays + 364;
    const elapsed = Math.min(1, Math.max(0, (nowDays - periodStartDays) / 364));
    const objectives = children.objectives.map((objective): SampleObjectiveDetail => {
        const metric = objective.metric ?? '';
        const target = objective.targetValue ?? 0;
        const text = OBJECTIVE_TEXT[metric] ?? { name: metric, description: '', low: 0 };
        const dueDays = random.chance(0.5) ? periodEndDays : periodStartDays + 182;
        const currentValue = roundMetric(
            metric,
            text.low + random.float() * (target * 1.05 - text.low),
        );
        const progress = target > text.low ? (currentValue - text.low) / (target - text.low) : 1;
        const status =
            currentValue >= target
                ? 'Achieved'
                : dueDays < nowDays
                  ? 'Missed'
                  : currentValue <= text.low
                    ? 'Not Started'
                    : progress + 0.15 >= elapsed
                      ? 'On Track'
                      : 'At Risk';
        return {
            name: text.name,
            description: fillUnit(text.description, random.pick(businessUnits)),
            currentValue,
            dueDate: daysToDate(dueDays),
            status,
        };
    });
    const actions = children.actions.map((action): SampleActionDetail => {
        const [subject, description, serves] = random.pick(ACTION_TEXT);
        const unit = random.pick(businessUnits);
        // The first objective of the plan whose metric this kind of action moves; no draw, so
        // the text drawn for every other record stays as it was.
        const objective = serves
            .map((metric) => children.objectives.findIndex((o) => o.metric === metric))
            .find((index) => index >= 0);
        const dueDays = action.dueDate ? dateToDays(action.dueDate) : nowDays;
        return {
            subject: fillUnit(subject, unit),
            description: fillUnit(description, unit),
            completedDate:
                action.status === 'Completed'
                    ? daysToDate(Math.min(nowDays, dueDays) - random.int(0, 10))
                    : null,
            objectiveIndex: objective ?? null,
        };
    });
    const risks = children.risks.map((risk): SampleRiskDetail => {
        const [name, description, mitigation] = random.pick(RISK_TEXT);
        const unit = random.pick(businessUnits);
        const level = (): 'High' | 'Medium' | 'Low' =>
            random.weighted([
                ['High', 1],
                ['Medium', 2],
                ['Low', 1],
            ] as const);
        const owned = Boolean(risk.mitigationOwnerId);
        const status = owned ? (random.chance(0.4) ? 'Mitigating' : 'Open') : 'Closed';
        return {
            name: fillUnit(name, unit),
            description: fillUnit(description, unit),
            likelihood: level(),
            impact: level(),
            mitigation: fillUnit(mitigation, unit),
            mitigationDueDate: owned ? daysToDate(nowDays + random.int(14, 90)) : null,
            status,
        };
    });
    return { objectives, actions, risks };
}

/** Accounts one at a time: for portfolios too large to hold in memory. */
export function* streamAccounts(options: SampleOptions = {}): Generator<SampleAccount> {
    const settings = { ...DEFAULTS, ...options };
    const users = generateUsers(settings.managers);
    const products = generateProducts();
    for (let index = 0; index < settings.accounts; index++) {
        yield generateAccount(settings, index, users, products);
    }
}

/**
 * A whole portfolio (default: 30 accounts, 12 stakeholders and 60 activities each, plus the large
 * account when largeAccountStakeholders is set).
 */
export function generatePortfolio(options: SampleOptions = {}): SamplePortfolio {
    const settings = { ...DEFAULTS, ...options };
    const users = generateUsers(settings.managers);
    const products = generateProducts();
    const accounts = [...streamAccounts(settings)];
    const large = settings.largeAccountStakeholders;
    if (large !== undefined && large > 0) {
        const options = {
            ...settings,
            stakeholdersPerAccount: large,
            activitiesPerAccount: large * 5,
        };
        accounts.push(generateAccount(options, settings.accounts, users, products));
    }
    return { seed: settings.seed, now: settings.now, users, products, accounts };
}

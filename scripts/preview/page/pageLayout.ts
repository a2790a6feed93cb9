// The Account record page the preview shows, as a list: one entry per component, in page order.
// Adding a component to the preview is one line here. Regions follow the Keystone Account
// flexipage (force-app/main/shared/flexipages/KeystoneAccountRecordPage.flexipage-meta.xml):
// `header` spans the page under the highlights, `main` holds the tabs, `sidebar` the right column.
import type { LightningElement } from 'lwc';
import AccountHealth from 'c/accountHealth';
import AccountPlanEditor from 'c/accountPlanEditor';
import KeyAccountBadge from 'c/keyAccountBadge';
import KeystonePortfolio from 'c/keystonePortfolio';
import RelationshipMap from 'c/relationshipMap';
import WhitespaceGrid from 'c/whitespaceGrid';

export type PageRegion = 'header' | 'main' | 'sidebar';

export interface PageComponent {
    /** The custom element name, as the platform would render it (c-<kebab-case bundle>). */
    tag: string;
    component: typeof LightningElement;
    region: PageRegion;
    /** The tab label, for components in the main region. */
    tab?: string;
}

export const PAGE_COMPONENTS: PageComponent[] = [
    { tag: 'c-key-account-badge', component: KeyAccountBadge, region: 'header' },
    {
        tag: 'c-relationship-map',
        component: RelationshipMap,
        region: 'main',
        tab: 'Relationship Map',
    },
    { tag: 'c-whitespace-grid', component: WhitespaceGrid, region: 'main', tab: 'Whitespace' },
    {
        tag: 'c-account-plan-editor',
        component: AccountPlanEditor,
        region: 'main',
        tab: 'Key Account Plan',
    },
    { tag: 'c-account-health', component: AccountHealth, region: 'sidebar' },
];

/** The leaders' app page (`/portfolio`, force-app/main/leaders/flexipages): one component. */
export const PORTFOLIO_PAGE_COMPONENT: Omit<PageComponent, 'region'> = {
    tag: 'c-keystone-portfolio',
    component: KeystonePortfolio,
};

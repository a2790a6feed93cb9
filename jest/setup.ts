// Runs after the sfdx-lwc-jest preset: adds the accessibility matcher every component test uses.
import { registerSa11yMatcher } from '@sa11y/jest';

registerSa11yMatcher();

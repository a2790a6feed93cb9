// Jest for the TypeScript LWC components (sfdx-lwc-jest preset).
// The preset's compiler and engine are peer dependencies; package.json pins them to the same
// LWC 9 as the preview, so tests compile and run with one LWC version. The engine is mapped to
// its CommonJS build because Jest does not load the ESM `lwc` entry point.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

export default {
    ...jestConfig,
    moduleFileExtensions: ['ts', 'js', 'html', 'json'],
    testMatch: ['**/lwc/**/__tests__/**/*.test.ts', '<rootDir>/jest/__tests__/*.test.ts'],
    modulePathIgnorePatterns: [
        '<rootDir>/.preview-build/',
        '<rootDir>/dist/',
        '<rootDir>/.stryker-tmp/',
    ],
    moduleNameMapper: {
        '^lwc$': '<rootDir>/node_modules/@lwc/engine-dom/dist/index.cjs',
        '^@lwc/engine-dom$': '<rootDir>/node_modules/@lwc/engine-dom/dist/index.cjs',
        '^@lwc/synthetic-shadow$': '<rootDir>/node_modules/@lwc/synthetic-shadow/dist/index.cjs',
        '^lightning/modal$': '<rootDir>/jest/stubs/lightningModal.ts',
        '^lightning/navigation$': '<rootDir>/jest/stubs/lightningNavigation.ts',
        '^test-utils$': '<rootDir>/jest/testUtils.ts',
    },
    setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv ?? []), '<rootDir>/jest/setup.ts'],
    testPathIgnorePatterns: [
        '<rootDir>/node_modules/',
        '<rootDir>/.preview-build/',
        '<rootDir>/.stryker-tmp/',
    ],
};

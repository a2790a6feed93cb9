// Jest for Stryker: only the scoring engine's own tests (and the shared vectors through it).
// CommonJS because Stryker's Jest runner require()s the config file.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file must require */
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

module.exports = {
    ...jestConfig,
    rootDir: root,
    moduleFileExtensions: ['ts', 'js', 'html', 'json'],
    testMatch: ['<rootDir>/force-app/main/scoring/lwc/keystoneEngine/__tests__/*.test.ts'],
    modulePathIgnorePatterns: ['<rootDir>/.preview-build/', '<rootDir>/dist/'],
    moduleNameMapper: {
        '^lwc$': '<rootDir>/node_modules/@lwc/engine-dom/dist/index.cjs',
        '^@lwc/engine-dom$': '<rootDir>/node_modules/@lwc/engine-dom/dist/index.cjs',
        '^@lwc/synthetic-shadow$': '<rootDir>/node_modules/@lwc/synthetic-shadow/dist/index.cjs',
    },
    testPathIgnorePatterns: [
        '<rootDir>/node_modules/',
        '<rootDir>/.preview-build/',
        '<rootDir>/.stryker-tmp/',
    ],
};

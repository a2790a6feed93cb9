// Lint for TypeScript components and tooling. LWC rules guard what the platform and
// security review care about (no innerHTML, no document queries, valid decorators).
import lwcPlugin from '@lwc/eslint-plugin-lwc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    {
        ignores: [
            'node_modules/**',
            'coverage/**',
            'artifacts/**',
            'dist/**',
            '.preview-build/**',
            '.stryker-tmp/**',
            'force-app/**/lwc/**/*.js',
            'force-app/**/staticresources/**',
            '**/fixtures/**',
        ],
    },
    ...tseslint.configs.recommended,
    {
        files: ['**/*.ts'],
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
            '@typescript-eslint/consistent-type-imports': 'error',
            'no-restricted-properties': [
                'error',
                { property: 'innerHTML', message: 'Never use innerHTML: render with templates.' },
                { property: 'outerHTML', message: 'Never use outerHTML: render with templates.' },
            ],
            eqeqeq: ['error', 'always'],
        },
    },
    {
        files: ['force-app/**/lwc/**/*.ts'],
        ignores: ['force-app/**/lwc/**/__tests__/**'],
        plugins: { '@lwc/lwc': lwcPlugin },
        languageOptions: { globals: globals.browser },
        rules: {
            '@lwc/lwc/no-inner-html': 'error',
            '@lwc/lwc/no-document-query': 'error',
            '@lwc/lwc/no-api-reassignments': 'error',
            '@lwc/lwc/no-leading-uppercase-api-name': 'error',
            '@lwc/lwc/no-deprecated': 'error',
            '@lwc/lwc/valid-api': 'error',
            '@lwc/lwc/valid-track': 'error',
            '@lwc/lwc/no-unknown-wire-adapters': 'off',
            '@lwc/lwc/no-attributes-during-construction': 'error',
            '@lwc/lwc/no-leaky-event-listeners': 'error',
            '@lwc/lwc/prefer-custom-event': 'error',
        },
    },
    {
        files: ['force-app/**/lwc/**/__tests__/**/*.ts', 'jest/**/*.ts'],
        languageOptions: { globals: { ...globals.jest, ...globals.browser } },
    },
    {
        files: ['scripts/**/*.ts', '*.js'],
        languageOptions: { globals: globals.node },
    },
);

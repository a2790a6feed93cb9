/**
 * Gate: namespace safety. Keystone ships as a managed package, so every custom object, field
 * and Custom Metadata type gets the package prefix (`kstn__Stakeholder__c`). Code that names
 * them as *text* is not rewritten by the platform and breaks, or can be shadowed, once
 * prefixed. This gate finds unqualified custom API names (`Stakeholder__c`, one `__` only) in:
 *
 *  - dynamic SOQL (Apex): a string that reads as SOQL (`SELECT … FROM`, or a fragment that
 *    starts with FROM/WHERE/ORDER BY …), or any string inside the arguments of
 *    `Database.query*`, `Database.countQuery*`, `Database.getQueryLocator*`, `Search.query`.
 *    Packaged dynamic SOQL resolves unqualified names to the package first, but since API 34 a
 *    subscriber field of the same name makes it fail with a duplicate-field error: build the
 *    text from Schema tokens (`String.valueOf(Schema.Stakeholder__c.BuyingRole__c)`) or use
 *    inline SOQL.
 *  - describe lookups (Apex): `Schema.getGlobalDescribe().get('X__c')`, `….getMap().get(…)`,
 *    a map variable holding either, `Schema.describeSObjects(…)`. Their keys always carry the
 *    namespace (getGlobalDescribe since API 28, describe field maps since API 34).
 *  - JSON keys: Apex map literals `{ 'X__c' => … }` and JSON text given to `JSON.deserialize*`,
 *    and keys (or `attributes.type`) of the package's `.json` files. Serialized SObjects carry
 *    prefixed keys, so an unqualified key never matches.
 *  - Custom Metadata names: Apex strings `Type.Record` / `Type__mdt.Record` naming one of the
 *    package's Custom Metadata types (deployed with Metadata.CustomMetadata, they need
 *    `ns__Type.ns__Record`), and text values of Custom Metadata records that name a custom
 *    API name (a field path stored as text is never prefixed).
 *  - LWC field references: in component TypeScript/JavaScript, string literals, property
 *    accesses and object keys (`row.BuyingRole__c`, `{ Status__c: … }`, `'Account__c'`), and
 *    any custom name in a template (`{row.Status__c}`, `field-name="Status__c"`). Import
 *    specifiers (`@salesforce/schema/…`) are how it is done right; the typed fallback
 *    `FIELD.fieldApiName ?? 'Status__c'` is allowed (at run time fieldApiName is set, prefixed).
 *
 * Not checked (documented in scripts/gates/README.md): `SObject.get/put('X__c')` in Apex (no
 * page says whether the package namespace is implied there: the namespaced Apex run fences it
 * where it runs), names in comments and in component tests (they never ship), the unpackaged test-org directory, and metadata XML that the platform namespaces
 * itself (layouts, permission sets, flexipages, js-meta.xml).
 *
 * CLI: npx tsx scripts/gates/namespaceSafety.ts [project root]
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    ApexErrorListener,
    ApexParserFactory,
    DotExpressionContext,
    DotMethodCallContext,
    FieldDeclarationContext,
    LiteralContext,
    LocalVariableDeclarationContext,
    MapCreatorRestPairContext,
    MethodCallContext,
    VariableDeclaratorContext,
} from '@apexdevtools/apex-parser';
import type { ApexParseTree, ApexParserRuleContext } from '@apexdevtools/apex-parser';
import ts from 'typescript';
import { LineIndex, formatProblem, sortProblems, walkFiles } from './metadataProblems.ts';
import type { Problem } from './metadataProblems.ts';

export type Category =
    | 'dynamic SOQL'
    | 'describe lookup'
    | 'JSON key'
    | 'Custom Metadata name'
    | 'LWC field reference';

export interface NamespaceProblem extends Problem {
    category: Category;
    name: string;
}

// ---------------------------------------------------------------------------------------------
// Names

const CUSTOM_NAME =
    /(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9_]*?)__(c|r|mdt|e|b|x|share|history)(?![A-Za-z0-9_])/gi;

/** Custom API names in `text` without a namespace prefix (exactly one `__`). */
export function unqualifiedCustomNames(text: string): string[] {
    const names: string[] = [];
    for (const match of text.matchAll(CUSTOM_NAME)) {
        const stem = match[1] ?? '';
        if (!stem.includes('__') && !stem.endsWith('_')) names.push(match[0]);
    }
    return names;
}

const FIXES: Record<Category, string> = {
    'dynamic SOQL':
        'a subscriber field of the same name breaks the query once packaged; use inline SOQL or build the text from Schema tokens',
    'describe lookup':
        'describe map keys carry the namespace; use the Schema token (Schema.X__c.SObjectType, Schema.X__c.Field__c)',
    'JSON key':
        'serialized SObjects carry prefixed keys; use a DTO with its own keys or the describe name of a Schema token',
    'Custom Metadata name':
        'qualify it with the namespace at run time, or use Type__mdt.getInstance/getAll and Schema tokens',
    'LWC field reference': 'import the field from @salesforce/schema and use fieldApiName',
};

// ---------------------------------------------------------------------------------------------
// Project files

interface SfdxProject {
    packageDirectories?: { path?: string; package?: string }[];
}

/**
 * The directories that ship: package directories with a `package` (an unpackaged directory,
 * such as the test-org shape, is never prefixed); all of them when none names a package.
 */
export function shippedDirs(root: string): string[] {
    const projectFile = join(root, 'sfdx-project.json');
    if (!existsSync(projectFile)) return [root];
    const project = JSON.parse(readFileSync(projectFile, 'utf8')) as SfdxProject;
    const dirs = project.packageDirectories ?? [];
    const packaged = dirs.filter((dir) => dir.package && dir.path);
    return (packaged.length > 0 ? packaged : dirs)
        .flatMap((dir) => (dir.path ? [join(root, dir.path)] : []))
        .filter((dir) => existsSync(dir));
}

function isTestPath(file: string): boolean {
    const parts = file.split(sep);
    return (
        parts.includes('__tests__') ||
        parts.includes('__mocks__') ||
        /\.(test|spec)\.[jt]s$/.test(file)
    );
}

/** Names of the package's Custom Metadata types, without `__mdt`, lower-cased. */
function customMetadataTypes(files: string[]): Set<string> {
    const types = new Set<string>();
    for (const file of files) {
        const match = /([A-Za-z][A-Za-z0-9_]*)__mdt\.object-meta\.xml$/.exec(basename(file));
        if (match?.[1]) types.add(match[1].toLowerCase());
    }
    return types;
}

// ---------------------------------------------------------------------------------------------
// Apex

type Node = ApexParseTree;

function isRule(node: Node): node is ApexParserRuleContext {
    return 'start' in node && 'children' in node;
}

function childrenOf(node: Node): Node[] {
    return isRule(node) ? (node.children ?? []) : [];
}

class QuietListener extends ApexErrorListener {
    apexSyntaxError(): void {
        // Syntax errors are the format and apex-types gates' business.
    }
}

const QUERY_METHODS = new Set([
    'query',
    'querywithbinds',
    'countquery',
    'countquerywithbinds',
    'getquerylocator',
    'getquerylocatorwithbinds',
    'getcursor',
    'getpaginationcursor',
]);
const JSON_METHODS = new Set([
    'deserialize',
    'deserializestrict',
    'deserializeuntyped',
    'createparser',
]);
const SOQL_TEXT =
    /\bSELECT\b[\s\S]*\bFROM\b|^\s*(FROM|WHERE|AND|OR|ORDER\s+BY|GROUP\s+BY|HAVING)\s/i;
const DESCRIBE_SOURCE = /getglobaldescribe\(\)|\.getmap\(\)/i;
const DESCRIBE_MAP_TYPE =
    /^map<string,(schema\.)?(sobjecttype|sobjectfield|fieldset|describesobjectresult|describefieldresult)>$/i;

/** A call around a literal: the method name and its receiver text (empty for `foo(…)`). */
interface Call {
    name: string;
    receiver: string;
}

/** Calls whose argument list holds the node, innermost first. */
function enclosingCalls(ancestors: Node[]): Call[] {
    const calls: Call[] = [];
    for (let index = ancestors.length - 1; index >= 0; index--) {
        const node = ancestors[index];
        if (node instanceof DotMethodCallContext) {
            const dot = ancestors[index - 1];
            const receiver = dot instanceof DotExpressionContext ? dot.expression().getText() : '';
            calls.push({ name: node.anyId().getText().toLowerCase(), receiver });
        } else if (node instanceof MethodCallContext && node.id()) {
            calls.push({ name: node.id().getText().toLowerCase(), receiver: '' });
        }
    }
    return calls;
}

/** The literal is the key (left side) of a map literal pair `'k' => v`. */
function isMapKey(ancestors: Node[], literal: Node): boolean {
    for (let index = ancestors.length - 1; index >= 0; index--) {
        const node = ancestors[index];
        if (node instanceof MapCreatorRestPairContext) {
            const key = node.expression(0);
            const onPath = ancestors[index + 1] ?? literal;
            return key === onPath;
        }
    }
    return false;
}

function stringValue(token: string): string {
    return token.length >= 2 ? token.slice(1, -1) : token;
}

export function checkApex(
    file: string,
    text: string,
    metadataTypes: Set<string>,
): NamespaceProblem[] {
    const { parser } = ApexParserFactory.createLexerAndParser(text, new QuietListener());
    const tree = file.endsWith('.trigger') ? parser.triggerUnit() : parser.compilationUnit();
    const problems: NamespaceProblem[] = [];

    // Map variables that hold describe results: Map<String, Schema.SObjectType> gd = ….
    const describeMaps = new Set<string>();
    const collect = (node: Node, ancestors: Node[]): void => {
        if (node instanceof VariableDeclaratorContext) {
            const initializer = node.expression()?.getText() ?? '';
            // variableDeclarator <- variableDeclarators <- local or field declaration
            const declaration = ancestors[ancestors.length - 2];
            const typeText =
                declaration instanceof LocalVariableDeclarationContext ||
                declaration instanceof FieldDeclarationContext
                    ? declaration.typeRef().getText()
                    : '';
            if (DESCRIBE_SOURCE.test(initializer) || DESCRIBE_MAP_TYPE.test(typeText)) {
                describeMaps.add(node.id().getText().toLowerCase());
            }
        }
        const path = [...ancestors, node];
        for (const child of childrenOf(node)) collect(child, path);
    };
    collect(tree, []);

    const report = (line: number, category: Category, name: string, detail: string): void => {
        problems.push({
            file,
            line,
            category,
            name,
            message: `[${category}] unqualified ${name} ${detail}: ${FIXES[category]}`,
        });
    };

    const visit = (node: Node, ancestors: Node[]): void => {
        if (node instanceof LiteralContext && node.StringLiteral()) {
            const token = node.StringLiteral();
            const value = stringValue(token.getText());
            const names = unqualifiedCustomNames(value);
            const line = token.symbol.line;
            const calls = enclosingCalls(ancestors);
            const innermost = calls[0];
            const soqlCall = calls.find(
                (call) =>
                    (QUERY_METHODS.has(call.name) &&
                        /^(system\.)?database$/i.test(call.receiver)) ||
                    (call.name === 'query' && /^(system\.)?search$/i.test(call.receiver)),
            );
            const cmdt = /^([A-Za-z][A-Za-z0-9_]*?)(__mdt)?\.([A-Za-z][A-Za-z0-9_]*)$/i.exec(value);
            if (cmdt?.[1] && !cmdt[1].includes('__') && metadataTypes.has(cmdt[1].toLowerCase())) {
                report(line, 'Custom Metadata name', value, 'names a Custom Metadata record');
            }
            for (const name of names) {
                if (soqlCall || SOQL_TEXT.test(value)) {
                    report(line, 'dynamic SOQL', name, 'in a query string');
                } else if (
                    innermost &&
                    (innermost.name === 'get' || innermost.name === 'containskey') &&
                    (DESCRIBE_SOURCE.test(innermost.receiver) ||
                        describeMaps.has(innermost.receiver.toLowerCase()))
                ) {
                    report(line, 'describe lookup', name, 'looked up in a describe map');
                } else if (
                    calls.some(
                        (call) =>
                            call.name === 'describesobjects' && /^(schema)?$/i.test(call.receiver),
                    )
                ) {
                    report(line, 'describe lookup', name, 'given to Schema.describeSObjects');
                } else if (isMapKey(ancestors, node)) {
                    report(line, 'JSON key', name, 'as a map key');
                } else if (
                    calls.some(
                        (call) =>
                            JSON_METHODS.has(call.name) && /^(system\.)?json$/i.test(call.receiver),
                    ) &&
                    value.includes(`"${name}"`)
                ) {
                    report(line, 'JSON key', name, 'in JSON text');
                }
            }
            return;
        }
        const path = [...ancestors, node];
        for (const child of childrenOf(node)) visit(child, path);
    };
    visit(tree, []);
    return problems;
}

// ---------------------------------------------------------------------------------------------
// LWC

/** `X.fieldApiName ?? '…'` / `X.objectApiName ?? '…'`: the typed fallback of a schema import. */
function isSchemaFallback(node: ts.Node): boolean {
    const parent = node.parent;
    return (
        parent !== undefined &&
        ts.isBinaryExpression(parent) &&
        parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken &&
        parent.right === node &&
        ts.isPropertyAccessExpression(parent.left) &&
        /^(fieldApiName|objectApiName)$/.test(parent.left.name.text)
    );
}

function isModuleSpecifier(node: ts.Node): boolean {
    const parent = node.parent;
    if (!parent) return false;
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) {
        return parent.moduleSpecifier === node;
    }
    if (ts.isExternalModuleReference(parent) || ts.isModuleDeclaration(parent)) return true;
    return (
        ts.isCallExpression(parent) &&
        parent.expression.kind === ts.SyntaxKind.ImportKeyword &&
        parent.arguments[0] === node
    );
}

export function checkLwcScript(file: string, text: string): NamespaceProblem[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ESNext, true);
    const problems: NamespaceProblem[] = [];
    const report = (node: ts.Node, name: string, what: string): void => {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        problems.push({
            file,
            line: line + 1,
            category: 'LWC field reference',
            name,
            message: `[LWC field reference] unqualified ${name} ${what}: ${FIXES['LWC field reference']}`,
        });
    };
    const visit = (node: ts.Node): void => {
        if (
            (ts.isStringLiteral(node) ||
                ts.isNoSubstitutionTemplateLiteral(node) ||
                ts.isTemplateHead(node) ||
                ts.isTemplateMiddle(node) ||
                ts.isTemplateTail(node)) &&
            !isModuleSpecifier(node) &&
            !isSchemaFallback(node)
        ) {
            for (const name of unqualifiedCustomNames(node.text)) report(node, name, 'in a string');
        } else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
            for (const name of unqualifiedCustomNames(node.text)) {
                report(node, name, 'as a property or name');
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return problems;
}

export function checkLwcTemplate(file: string, text: string): NamespaceProblem[] {
    // Comments are blanked (newlines kept) so line numbers stay true.
    const visible = text.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
    const lines = new LineIndex(visible);
    const problems: NamespaceProblem[] = [];
    for (const match of visible.matchAll(CUSTOM_NAME)) {
        const stem = match[1] ?? '';
        if (stem.includes('__') || stem.endsWith('_')) continue;
        problems.push({
            file,
            line: lines.lineOf(match.index ?? 0),
            category: 'LWC field reference',
            name: match[0],
            message: `[LWC field reference] unqualified ${match[0]} in a template: ${FIXES['LWC field reference']}`,
        });
    }
    return problems;
}

// ---------------------------------------------------------------------------------------------
// JSON files and Custom Metadata records

export function checkJsonFile(file: string, text: string): NamespaceProblem[] {
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch {
        return []; // not JSON after all (the metadata gates own well-formedness)
    }
    const problems: NamespaceProblem[] = [];
    const lines = text.split('\n');
    const lineOf = (needle: string): number => {
        const index = lines.findIndex((line) => line.includes(needle));
        return index + 1;
    };
    const reportName = (name: string, needle: string, what: string): void => {
        problems.push({
            file,
            line: lineOf(needle),
            category: 'JSON key',
            name,
            message: `[JSON key] unqualified ${name} ${what}: ${FIXES['JSON key']}`,
        });
    };
    const walk = (value: unknown): void => {
        if (Array.isArray(value)) {
            value.forEach(walk);
            return;
        }
        if (value === null || typeof value !== 'object') return;
        for (const [key, inner] of Object.entries(value)) {
            for (const name of unqualifiedCustomNames(key))
                reportName(name, `"${key}"`, 'as a key');
            if (key === 'attributes' && inner && typeof inner === 'object' && 'type' in inner) {
                const type = (inner as { type: unknown }).type;
                if (typeof type === 'string') {
                    for (const name of unqualifiedCustomNames(type)) {
                        reportName(name, `"${type}"`, 'as an SObject type');
                    }
                }
            }
            walk(inner);
        }
    };
    walk(data);
    return problems;
}

export function checkCustomMetadataRecord(file: string, text: string): NamespaceProblem[] {
    const lines = new LineIndex(text);
    const problems: NamespaceProblem[] = [];
    for (const match of text.matchAll(/<value\b[^>]*>([^<]*)<\/value>/g)) {
        for (const name of unqualifiedCustomNames(match[1] ?? '')) {
            problems.push({
                file,
                line: lines.lineOf(match.index ?? 0),
                category: 'Custom Metadata name',
                name,
                message: `[Custom Metadata name] unqualified ${name} stored as text in a record: ${FIXES['Custom Metadata name']}`,
            });
        }
    }
    return problems;
}

// ---------------------------------------------------------------------------------------------
// The gate

export interface NamespaceGateResult {
    problems: NamespaceProblem[];
    files: number;
}

export function runNamespaceGate(root: string): NamespaceGateResult {
    const files = shippedDirs(root).flatMap((dir) => walkFiles(dir));
    const metadataTypes = customMetadataTypes(files);
    const problems: NamespaceProblem[] = [];
    let checked = 0;
    const fileSet = new Set(files);
    for (const file of files) {
        if (isTestPath(file)) continue;
        const inLwc = file.split(sep).includes('lwc');
        let found: NamespaceProblem[] | null = null;
        if (file.endsWith('.cls') || file.endsWith('.trigger')) {
            found = checkApex(file, readFileSync(file, 'utf8'), metadataTypes);
        } else if (inLwc && file.endsWith('.ts') && !file.endsWith('.d.ts')) {
            found = checkLwcScript(file, readFileSync(file, 'utf8'));
        } else if (inLwc && file.endsWith('.js') && !fileSet.has(file.slice(0, -3) + '.ts')) {
            found = checkLwcScript(file, readFileSync(file, 'utf8'));
        } else if (inLwc && file.endsWith('.html')) {
            found = checkLwcTemplate(file, readFileSync(file, 'utf8'));
        } else if (file.endsWith('.json')) {
            found = checkJsonFile(file, readFileSync(file, 'utf8'));
        } else if (file.endsWith('.md-meta.xml')) {
            found = checkCustomMetadataRecord(file, readFileSync(file, 'utf8'));
        }
        if (found) {
            checked++;
            problems.push(...found);
        }
    }
    return { problems: sortProblems(problems) as NamespaceProblem[], files: checked };
}

function main(argv: string[]): number {
    const root = argv[0] ?? process.cwd();
    const started = performance.now();
    const { problems, files } = runNamespaceGate(root);
    for (const problem of problems) console.log(formatProblem(problem, root));
    const byCategory = new Map<string, number>();
    for (const problem of problems) {
        byCategory.set(problem.category, (byCategory.get(problem.category) ?? 0) + 1);
    }
    const counts = [...byCategory].map(([category, count]) => `${count} ${category}`).join(', ');
    console.log(
        `namespace safety: ${files} files checked in ${relative(process.cwd(), root) || '.'}, ` +
            `${problems.length} unqualified name${problems.length === 1 ? '' : 's'}` +
            `${counts ? ` (${counts})` : ''} (${Math.round(performance.now() - started)} ms)`,
    );
    return problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    process.exitCode = main(process.argv.slice(2));
}

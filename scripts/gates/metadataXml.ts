/**
 * Gate A: offline validation of source-format metadata XML, element by element.
 *
 * The schema comes from node_modules/@salesforce/types/lib/metadata.d.ts (Salesforce's Metadata
 * API types generated from the WSDL), parsed with the TypeScript compiler API into
 * type name -> { field -> { type, isArray, optional } } (intersections such as `Metadata & {...}`
 * are merged; string-literal unions become enums), plus a few known WSDL gaps (SCHEMA_PATCHES).
 * The parsed declarations are cached in node_modules/.cache/keystone-gates, so a warm run does
 * not load the TypeScript compiler.
 *
 * CHECKS, per `*-meta.xml` file whose suffix maps to a metadata type (see SUFFIX_TYPES):
 *  - well-formed XML (line/column from fast-xml-parser's validator); every other `.xml` file
 *    (outside static resource bodies) is checked for well-formedness only;
 *  - the root element is the type the suffix implies, in the metadata namespace (xmlns; the
 *    tooling namespace and `fqn` attribute that the VS Code tooling writes are accepted);
 *  - every element is a field of its parent's type (unknown names get a "did you mean" or a
 *    "belongs inside <x>" hint for wrong nesting);
 *  - a non-array element appears at most once; complex elements hold no stray text; simple
 *    elements hold no child elements;
 *  - booleans are `true`/`false`, numbers are numeric, enum values are in the WSDL's set;
 *  - required elements: only the few listed in REQUIRED (verified against real repos), because
 *    the generated types mark many elements as required that source format legitimately omits;
 *  - attributes: only xmlns*, xsi:type, xsi:nil; `xsi:type="SomeType"` switches to that subtype;
 *    CustomMetadata record values: `xsi:type` is a known xsd type and the value fits it;
 *  - LightningComponentBundle `targetConfigs` (typed as an opaque string in the WSDL): each child
 *    is a `targetConfig` whose `targets` attribute names only targets listed in `<targets>`, and
 *    every `property` has a `name`.
 *
 * CANNOT CHECK: element order (the .d.ts does not carry the WSDL's xsd:sequence order), formula
 * syntax, SOQL/filters inside strings, references to other metadata
 * (field/object/class/component names: the cross-check metadataXref.ts covers most of them),
 * value formats inside strings (API names, colors, dates), cross-field rules (e.g. `length`
 * required for Text fields, `referenceTo` for Lookups), and files whose suffix is not mapped
 * (well-formedness only; they are counted in the summary).
 *
 * CLI: npx tsx scripts/gates/metadataXml.ts [root=force-app]
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type * as TS from 'typescript';
import {
    LineIndex,
    formatProblem,
    sortProblems,
    sourceDirs,
    walkFiles,
} from './metadataProblems.ts';
import type { Problem } from './metadataProblems.ts';

export type { Problem } from './metadataProblems.ts';

// ---------------------------------------------------------------------------------------------
// Schema from @salesforce/types

export type Primitive = 'string' | 'number' | 'boolean' | 'any';
export interface FieldSpec {
    /** A type name from the schema, or a primitive. */
    type: string;
    isArray: boolean;
    optional: boolean;
}
export interface ComplexType {
    kind: 'complex';
    name: string;
    fields: Map<string, FieldSpec>;
}
export interface EnumType {
    kind: 'enum';
    name: string;
    values: Set<string>;
}
export interface PrimitiveType {
    kind: 'primitive';
    name: Primitive;
}
export type ResolvedType = ComplexType | EnumType | PrimitiveType;

export interface MetadataSchema {
    /** Resolves a type name (following aliases such as `ReportFolder = Folder`). */
    resolve(name: string): ResolvedType | undefined;
    typeNames(): string[];
}

const PRIMITIVES: ReadonlySet<string> = new Set(['string', 'number', 'boolean', 'any']);

const require = createRequire(import.meta.url);

/**
 * The TypeScript compiler is loaded only when the schema must be (re)built: loading it costs
 * about a second of CPU, more than validating a few hundred files.
 */
let ts: typeof TS;
function loadTypeScript(): void {
    ts ??= require('typescript') as typeof TS;
}

interface RawDecl {
    /** Own fields (from type literals). */
    fields: Map<string, FieldSpec>;
    /** Referenced types merged in (intersection members, or a plain alias). */
    bases: string[];
    enumValues?: Set<string>;
    primitive?: Primitive;
}

function fieldFromTypeNode(node: TS.TypeNode, optional: boolean): FieldSpec | undefined {
    let isArray = false;
    let t = node;
    if (ts.isArrayTypeNode(t)) {
        isArray = true;
        t = t.elementType;
    }
    if (ts.isTypeReferenceNode(t)) return { type: t.typeName.getText(), isArray, optional };
    switch (t.kind) {
        case ts.SyntaxKind.StringKeyword:
            return { type: 'string', isArray, optional };
        case ts.SyntaxKind.NumberKeyword:
            return { type: 'number', isArray, optional };
        case ts.SyntaxKind.BooleanKeyword:
            return { type: 'boolean', isArray, optional };
        default:
            return { type: 'any', isArray, optional };
    }
}

function collectDecl(node: TS.TypeNode, decl: RawDecl): void {
    if (ts.isParenthesizedTypeNode(node)) return collectDecl(node.type, decl);
    if (ts.isIntersectionTypeNode(node)) {
        for (const t of node.types) collectDecl(t, decl);
        return;
    }
    if (ts.isTypeReferenceNode(node)) {
        decl.bases.push(node.typeName.getText());
        return;
    }
    if (ts.isTypeLiteralNode(node)) {
        for (const m of node.members) {
            if (!ts.isPropertySignature(m) || !m.type) continue;
            const f = fieldFromTypeNode(m.type, m.questionToken !== undefined);
            if (f) decl.fields.set(m.name.getText(), f);
        }
        return;
    }
    if (ts.isUnionTypeNode(node)) {
        const values = new Set<string>();
        let allLiterals = true;
        for (const t of node.types) {
            if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))
                values.add(t.literal.text);
            else allLiterals = false;
        }
        if (allLiterals) decl.enumValues = values;
        else decl.primitive = 'string';
        return;
    }
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
        decl.enumValues = new Set([node.literal.text]);
        return;
    }
    switch (node.kind) {
        case ts.SyntaxKind.StringKeyword:
            decl.primitive = 'string';
            return;
        case ts.SyntaxKind.NumberKeyword:
            decl.primitive = 'number';
            return;
        case ts.SyntaxKind.BooleanKeyword:
            decl.primitive = 'boolean';
            return;
        default:
            decl.primitive = 'any';
    }
}

function parseDeclarations(text: string): Map<string, RawDecl> {
    loadTypeScript();
    const sf = ts.createSourceFile('metadata.d.ts', text, ts.ScriptTarget.Latest, true);
    const raw = new Map<string, RawDecl>();
    for (const st of sf.statements) {
        if (ts.isTypeAliasDeclaration(st)) {
            const decl: RawDecl = { fields: new Map(), bases: [] };
            collectDecl(st.type, decl);
            raw.set(st.name.text, decl);
        } else if (ts.isInterfaceDeclaration(st)) {
            const decl: RawDecl = { fields: new Map(), bases: [] };
            for (const h of st.heritageClauses ?? [])
                for (const e of h.types) decl.bases.push(e.expression.getText());
            for (const m of st.members) {
                if (!ts.isPropertySignature(m) || !m.type) continue;
                const f = fieldFromTypeNode(m.type, m.questionToken !== undefined);
                if (f) decl.fields.set(m.name.getText(), f);
            }
            raw.set(st.name.text, decl);
        }
    }
    return raw;
}

/** Parses a metadata.d.ts text (exported for tests). */
export function buildSchemaFromSource(text: string): MetadataSchema {
    return schemaFromDeclarations(parseDeclarations(text));
}

function schemaFromDeclarations(raw: Map<string, RawDecl>): MetadataSchema {
    const cache = new Map<string, ResolvedType | undefined>();
    const resolving = new Set<string>();
    const resolve = (name: string): ResolvedType | undefined => {
        if (PRIMITIVES.has(name)) return { kind: 'primitive', name: name as Primitive };
        if (cache.has(name)) return cache.get(name);
        const decl = raw.get(name);
        if (!decl || resolving.has(name)) return undefined;
        resolving.add(name);
        let result: ResolvedType | undefined;
        if (decl.enumValues) result = { kind: 'enum', name, values: decl.enumValues };
        else if (decl.primitive) result = { kind: 'primitive', name: decl.primitive };
        else if (decl.bases.length === 1 && decl.fields.size === 0) {
            const base = resolve(decl.bases[0] ?? '');
            result =
                base?.kind === 'complex' ? { kind: 'complex', name, fields: base.fields } : base;
        } else {
            const fields = new Map<string, FieldSpec>();
            for (const b of decl.bases) {
                const base = resolve(b);
                if (base?.kind === 'complex') for (const [k, v] of base.fields) fields.set(k, v);
            }
            for (const [k, v] of decl.fields) fields.set(k, v);
            result = { kind: 'complex', name, fields };
        }
        resolving.delete(name);
        cache.set(name, result);
        return result;
    };
    return { resolve, typeNames: () => [...raw.keys()] };
}

/**
 * Known gaps in the generated types (values and elements the platform writes and accepts but the
 * WSDL behind @salesforce/types 1.9.0 lacks), found by running this gate over real repositories.
 */
const SCHEMA_PATCHES: {
    enumValues: Readonly<Record<string, readonly string[]>>;
    fields: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>>;
} = {
    enumValues: {
        SiteType: ['ChatterNetwork', 'ChatterNetworkPicasso'],
        OmniProcessType: ['Integration Procedure'],
    },
    fields: {
        CustomSite: { allowGuestPaymentsApi: { type: 'boolean', isArray: false, optional: true } },
        // Geolocation fields (present in the tooling types, missing from the metadata ones).
        CustomField: {
            displayLocationInDecimal: { type: 'boolean', isArray: false, optional: true },
        },
    },
};

function patchSchema(schema: MetadataSchema): MetadataSchema {
    for (const [name, values] of Object.entries(SCHEMA_PATCHES.enumValues)) {
        const t = schema.resolve(name);
        if (t?.kind === 'enum') for (const v of values) t.values.add(v);
    }
    for (const [name, fields] of Object.entries(SCHEMA_PATCHES.fields)) {
        const t = schema.resolve(name);
        if (t?.kind === 'complex')
            for (const [k, v] of Object.entries(fields)) if (!t.fields.has(k)) t.fields.set(k, v);
    }
    return schema;
}

let schemaCache: MetadataSchema | undefined;

/** Bump when RawDecl or the parsing changes, to invalidate on-disk caches. */
const CACHE_FORMAT = 1;
type SerializedDecl = {
    f: [string, string, boolean, boolean][];
    b: string[];
    e?: string[];
    p?: Primitive;
};

function serialize(raw: Map<string, RawDecl>): Record<string, SerializedDecl> {
    const out: Record<string, SerializedDecl> = {};
    for (const [name, d] of raw)
        out[name] = {
            f: [...d.fields].map(([k, v]) => [k, v.type, v.isArray, v.optional]),
            b: d.bases,
            ...(d.enumValues ? { e: [...d.enumValues] } : {}),
            ...(d.primitive ? { p: d.primitive } : {}),
        };
    return out;
}

function deserialize(json: Record<string, SerializedDecl>): Map<string, RawDecl> {
    const raw = new Map<string, RawDecl>();
    for (const [name, d] of Object.entries(json))
        raw.set(name, {
            fields: new Map(
                d.f.map(([k, type, isArray, optional]) => [k, { type, isArray, optional }]),
            ),
            bases: d.b,
            ...(d.e ? { enumValues: new Set(d.e) } : {}),
            ...(d.p ? { primitive: d.p } : {}),
        });
    return raw;
}

/**
 * The schema from the installed @salesforce/types, built once per process. The parsed
 * declarations are also cached in node_modules/.cache/keystone-gates (keyed by the package
 * version and the .d.ts size and mtime), so later runs skip loading the TypeScript compiler.
 */
export function loadMetadataSchema(): MetadataSchema {
    if (schemaCache) return schemaCache;
    const typesMain = require.resolve('@salesforce/types/metadata');
    const dts = typesMain.replace(/\.js$/, '.d.ts');
    const pkgDir = dirname(dirname(dts));
    const version = (
        JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version?: string }
    ).version;
    const st = statSync(dts);
    const key = `${CACHE_FORMAT}:${version}:${st.size}:${st.mtimeMs}`;
    const cacheFile = join(
        dirname(dirname(pkgDir)),
        '.cache',
        'keystone-gates',
        'metadata-schema.json',
    );
    let raw: Map<string, RawDecl> | undefined;
    try {
        const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
            key?: string;
            types?: Record<string, SerializedDecl>;
        };
        if (cached.key === key && cached.types) raw = deserialize(cached.types);
    } catch {
        // no cache yet
    }
    if (!raw) {
        raw = parseDeclarations(readFileSync(dts, 'utf8'));
        try {
            mkdirSync(dirname(cacheFile), { recursive: true });
            // Write then rename, so a concurrent run never reads half a file.
            const tmp = `${cacheFile}.${process.pid}.tmp`;
            writeFileSync(tmp, JSON.stringify({ key, types: serialize(raw) }));
            renameSync(tmp, cacheFile);
        } catch {
            // read-only node_modules: fine, just slower
        }
    }
    schemaCache = patchSchema(schemaFromDeclarations(raw));
    return schemaCache;
}

// ---------------------------------------------------------------------------------------------
// File -> root type

/** Source-format suffix (the part before `-meta.xml`) -> Metadata API type. */
export const SUFFIX_TYPES: Readonly<Record<string, string>> = {
    object: 'CustomObject',
    field: 'CustomField',
    validationRule: 'ValidationRule',
    listView: 'ListView',
    compactLayout: 'CompactLayout',
    recordType: 'RecordType',
    webLink: 'WebLink',
    fieldSet: 'FieldSet',
    businessProcess: 'BusinessProcess',
    sharingReason: 'SharingReason',
    index: 'Index',
    permissionset: 'PermissionSet',
    permissionsetgroup: 'PermissionSetGroup',
    customPermission: 'CustomPermission',
    profile: 'Profile',
    flexipage: 'FlexiPage',
    layout: 'Layout',
    tab: 'CustomTab',
    app: 'CustomApplication',
    md: 'CustomMetadata',
    cls: 'ApexClass',
    trigger: 'ApexTrigger',
    page: 'ApexPage',
    component: 'ApexComponent',
    js: 'LightningComponentBundle',
    cmp: 'AuraDefinitionBundle',
    resource: 'StaticResource',
    labels: 'CustomLabels',
    report: 'Report',
    dashboard: 'Dashboard',
    reportType: 'ReportType',
    reportFolder: 'ReportFolder',
    dashboardFolder: 'DashboardFolder',
    documentFolder: 'DocumentFolder',
    emailFolder: 'EmailFolder',
    email: 'EmailTemplate',
    flow: 'Flow',
    quickAction: 'QuickAction',
    messageChannel: 'LightningMessageChannel',
    globalValueSet: 'GlobalValueSet',
    standardValueSet: 'StandardValueSet',
    remoteSite: 'RemoteSiteSetting',
    cspTrustedSite: 'CspTrustedSite',
    namedCredential: 'NamedCredential',
    externalCredential: 'ExternalCredential',
    cachePartition: 'PlatformCachePartition',
    testSuite: 'ApexTestSuite',
    pathAssistant: 'PathAssistant',
    group: 'Group',
    queue: 'Queue',
    role: 'Role',
    notiftype: 'CustomNotificationType',
    objectTranslation: 'CustomObjectTranslation',
    fieldTranslation: 'CustomFieldTranslation',
    translation: 'Translations',
    asset: 'ContentAsset',
    lightningExperienceTheme: 'LightningExperienceTheme',
    brandingSet: 'BrandingSet',
    connectedApp: 'ConnectedApp',
    duplicateRule: 'DuplicateRule',
    matchingRule: 'MatchingRules',
    assignmentRules: 'AssignmentRules',
    workflow: 'Workflow',
    sharingRules: 'SharingRules',
    approvalProcess: 'ApprovalProcess',
    animationRule: 'AnimationRule',
    authprovider: 'AuthProvider',
    indx: 'CustomIndex',
    network: 'Network',
    site: 'CustomSite',
    os: 'OmniScript',
    oip: 'OmniIntegrationProcedure',
    prompt: 'Prompt',
    dwl: 'DataWeaveResource',
    tokens: 'AuraDefinitionBundle',
    xml: 'EmailServicesFunction',
    genAiFunction: 'GenAiFunction',
    genAiPlugin: 'GenAiPlugin',
    bot: 'Bot',
    botVersion: 'BotVersion',
    corsWhitelistOrigin: 'CorsWhitelistOrigin',
    servicePresenceStatus: 'ServicePresenceStatus',
    serviceChannel: 'ServiceChannel',
    queueRoutingConfig: 'QueueRoutingConfig',
    presenceUserConfig: 'PresenceUserConfig',
    navigationMenu: 'NavigationMenu',
    messagingChannel: 'MessagingChannel',
    digitalExperience: 'DigitalExperienceBundle',
};

export function rootTypeForFile(file: string): string | undefined {
    const name = basename(file);
    const m = /\.([A-Za-z]+)-meta\.xml$/.exec(name);
    if (!m) return undefined;
    const suffix = m[1] ?? '';
    if (suffix === 'settings') return `${name.slice(0, -'.settings-meta.xml'.length)}Settings`;
    if (suffix === 'site' && basename(dirname(file)) === 'experiences') return 'ExperienceBundle';
    return SUFFIX_TYPES[suffix];
}

// ---------------------------------------------------------------------------------------------
// Walk

const MD_NS = 'http://soap.sforce.com/2006/04/metadata';
/** Namespace the Salesforce VS Code tooling writes into some new files; deploys accept it. */
const TOOLING_NS = 'urn:metadata.tooling.soap.sforce.com';
const XSD_TYPES = new Set([
    'xsd:string',
    'xsd:boolean',
    'xsd:double',
    'xsd:int',
    'xsd:long',
    'xsd:date',
    'xsd:dateTime',
    'xsd:time',
    'xsd:decimal',
]);
const NUMBER_RE = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Elements the generated types mark as required that we enforce. Everything else marked
 * required in the .d.ts is not enforced: source format and the API accept its omission
 * (e.g. CustomValue.default, ListView.filterScope in older files). Verified against the
 * source of NebulaLogger, apex-recipes and lwc-recipes (no false positives).
 */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
    ApexClass: ['apiVersion'],
    ApexTrigger: ['apiVersion'],
    CustomMetadataValue: ['field'],
    StaticResource: ['cacheControl', 'contentType'],
    ValidationRule: ['active', 'errorConditionFormula', 'errorMessage'],
    FlexiPage: ['masterLabel', 'type'],
    FlexiPageRegion: ['name', 'type'],
    PermissionSet: ['label'],
    PermissionSetObjectPermissions: ['object'],
    PermissionSetFieldPermissions: ['field'],
    PermissionSetClassAccess: ['apexClass'],
    CustomLabel: ['language', 'shortDescription', 'value'],
    ListView: ['label'],
    CompactLayout: ['label'],
    RecordType: ['label'],
    CustomPermission: ['label'],
    FieldSet: ['label'],
};

/** Fields whose content is raw XML in an opaque string (checked by a small hand-written walk). */
const RAW_XML_FIELDS = new Set(['LightningComponentBundle.targetConfigs']);

type XNode = Record<string, unknown>;

interface Ctx {
    file: string;
    lines: LineIndex;
    schema: MetadataSchema;
    problems: Problem[];
    metaSym: symbol;
}

function tagOf(node: XNode): string | undefined {
    for (const k of Object.keys(node)) if (k !== ':@') return k;
    return undefined;
}

function attrsOf(node: XNode): Record<string, string> {
    const a = node[':@'];
    const out: Record<string, string> = {};
    if (a && typeof a === 'object')
        for (const [k, v] of Object.entries(a as Record<string, unknown>))
            out[k.replace(/^@_/, '')] = String(v);
    return out;
}

function childrenOf(node: XNode, tag: string): XNode[] {
    const c = node[tag];
    return Array.isArray(c) ? (c as XNode[]) : [];
}

function lineOf(ctx: Ctx, node: XNode): number {
    const meta = (node as Record<symbol, unknown>)[ctx.metaSym] as
        { startIndex?: number } | undefined;
    return meta?.startIndex !== undefined ? ctx.lines.lineOf(meta.startIndex) : 0;
}

function textOf(children: XNode[]): string {
    let s = '';
    for (const c of children) {
        if ('#text' in c) s += String(c['#text']);
        else if ('#cdata' in c) s += textOf(childrenOf(c, '#cdata'));
    }
    return s;
}

function elementChildren(children: XNode[]): XNode[] {
    return children.filter((c) => {
        const t = tagOf(c);
        return t !== undefined && t !== '#text' && t !== '#cdata' && t !== '#comment';
    });
}

function editDistance(a: string, b: string): number {
    const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let prev = dp[0] ?? 0;
        dp[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = dp[j] ?? 0;
            dp[j] = Math.min(
                (dp[j] ?? 0) + 1,
                (dp[j - 1] ?? 0) + 1,
                prev + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
            prev = tmp;
        }
    }
    return dp[b.length] ?? 0;
}

function unknownElementHint(
    ctx: Ctx,
    name: string,
    type: ComplexType,
    ancestors: AncestorInfo[],
): string {
    for (const [fname, f] of type.fields) {
        const ft = ctx.schema.resolve(f.type);
        if (ft?.kind === 'complex' && ft.fields.has(name)) return ` (it belongs inside <${fname}>)`;
    }
    for (let i = ancestors.length - 1; i >= 0; i--) {
        const a = ancestors[i];
        if (a?.type.fields.has(name)) return ` (it belongs directly inside <${a.tag}>)`;
    }
    let best: string | undefined;
    let bestD = 3;
    const norm = (s: string): string => s.toLowerCase().replace(/ies$/, 'y').replace(/s$/, '');
    for (const fname of type.fields.keys()) {
        const d = editDistance(norm(name), norm(fname));
        if (d < bestD) {
            bestD = d;
            best = fname;
        }
    }
    return best ? ` (did you mean <${best}>?)` : '';
}

interface AncestorInfo {
    tag: string;
    type: ComplexType;
}

function checkAttributes(
    ctx: Ctx,
    node: XNode,
    tag: string,
    isRoot: boolean,
): Record<string, string> {
    const attrs = attrsOf(node);
    for (const k of Object.keys(attrs)) {
        if (k === 'xmlns' || k.startsWith('xmlns:') || k === 'xsi:type' || k === 'xsi:nil')
            continue;
        if (isRoot && k === 'fqn') continue; // written by the Salesforce VS Code tooling; deploys fine
        ctx.problems.push({
            file: ctx.file,
            line: lineOf(ctx, node),
            message: `unexpected attribute ${k} on <${tag}>`,
        });
    }
    if (isRoot && attrs.xmlns !== MD_NS && attrs.xmlns !== TOOLING_NS)
        ctx.problems.push({
            file: ctx.file,
            line: lineOf(ctx, node),
            message: attrs.xmlns
                ? `root <${tag}> has xmlns="${attrs.xmlns}", expected "${MD_NS}"`
                : `root <${tag}> lacks xmlns="${MD_NS}"`,
        });
    return attrs;
}

function checkValue(ctx: Ctx, node: XNode, tag: string, t: ResolvedType, owner: string): void {
    const line = lineOf(ctx, node);
    const attrs = attrsOf(node);
    const children = childrenOf(node, tag);
    const kids = elementChildren(children);
    if (t.kind !== 'complex' && kids.length > 0 && !(t.kind === 'primitive' && t.name === 'any')) {
        ctx.problems.push({
            file: ctx.file,
            line: lineOf(ctx, kids[0] ?? node),
            message: `<${tag}> in ${owner} holds text (${t.name}), not child elements like <${tagOf(kids[0] ?? {}) ?? '?'}>`,
        });
        return;
    }
    if (attrs['xsi:nil'] === 'true') return;
    const raw = textOf(children);
    const v = raw.trim();
    if (t.kind === 'enum') {
        if (!t.values.has(v)) {
            const vals = [...t.values];
            const shown =
                vals.length > 12 ? `${vals.slice(0, 12).join(', ')}, ...` : vals.join(', ');
            ctx.problems.push({
                file: ctx.file,
                line,
                message: `<${tag}> value "${v}" is not a valid ${t.name} (allowed: ${shown})`,
            });
        }
    } else if (t.kind === 'primitive') {
        if (t.name === 'boolean' && v !== 'true' && v !== 'false')
            ctx.problems.push({
                file: ctx.file,
                line,
                message: `<${tag}> must be true or false, found "${v}"`,
            });
        else if (t.name === 'number' && !NUMBER_RE.test(v))
            ctx.problems.push({
                file: ctx.file,
                line,
                message: `<${tag}> must be a number, found "${v}"`,
            });
    }
}

/** CustomMetadata record `<value xsi:type="xsd:...">`. */
function checkXsdValue(ctx: Ctx, node: XNode, tag: string): void {
    const attrs = attrsOf(node);
    const line = lineOf(ctx, node);
    const kids = elementChildren(childrenOf(node, tag));
    if (kids.length > 0) {
        ctx.problems.push({
            file: ctx.file,
            line,
            message: `<${tag}> holds a value, not child elements`,
        });
        return;
    }
    if (attrs['xsi:nil'] === 'true') return;
    const xt = attrs['xsi:type'];
    if (xt === undefined) return;
    if (!XSD_TYPES.has(xt)) {
        ctx.problems.push({
            file: ctx.file,
            line,
            message: `<${tag}> has unknown xsi:type "${xt}"`,
        });
        return;
    }
    const v = textOf(childrenOf(node, tag)).trim();
    if (xt === 'xsd:boolean' && v !== 'true' && v !== 'false')
        ctx.problems.push({
            file: ctx.file,
            line,
            message: `<${tag}> (xsd:boolean) must be true or false, found "${v}"`,
        });
    if (['xsd:double', 'xsd:int', 'xsd:long', 'xsd:decimal'].includes(xt) && !NUMBER_RE.test(v))
        ctx.problems.push({
            file: ctx.file,
            line,
            message: `<${tag}> (${xt}) must be a number, found "${v}"`,
        });
    if ((xt === 'xsd:int' || xt === 'xsd:long') && NUMBER_RE.test(v) && !/^[-+]?\d+$/.test(v))
        ctx.problems.push({
            file: ctx.file,
            line,
            message: `<${tag}> (${xt}) must be an integer, found "${v}"`,
        });
}

function checkComplex(
    ctx: Ctx,
    node: XNode,
    tag: string,
    type: ComplexType,
    ancestors: AncestorInfo[],
): void {
    const children = childrenOf(node, tag);
    const stray = children
        .filter((c) => '#text' in c || '#cdata' in c)
        .map((c) => ('#text' in c ? String(c['#text']) : textOf(childrenOf(c, '#cdata'))))
        .join('')
        .trim();
    if (stray)
        ctx.problems.push({
            file: ctx.file,
            line: lineOf(ctx, node),
            message: `<${tag}> (${type.name}) holds stray text "${stray.slice(0, 40)}"`,
        });
    const seen = new Map<string, number>();
    const here: AncestorInfo[] = [...ancestors, { tag, type }];
    for (const child of elementChildren(children)) {
        const ctag = tagOf(child) ?? '';
        const line = lineOf(ctx, child);
        const f = type.fields.get(ctag);
        if (!f) {
            ctx.problems.push({
                file: ctx.file,
                line,
                message: `unknown element <${ctag}> in <${tag}> (${type.name})${unknownElementHint(ctx, ctag, type, ancestors)}`,
            });
            continue;
        }
        const count = (seen.get(ctag) ?? 0) + 1;
        seen.set(ctag, count);
        if (count === 2 && !f.isArray)
            ctx.problems.push({
                file: ctx.file,
                line,
                message: `duplicate <${ctag}> in <${tag}> (${type.name}): it may appear only once`,
            });
        const attrs = checkAttributes(ctx, child, ctag, false);
        if (RAW_XML_FIELDS.has(`${type.name}.${ctag}`)) {
            checkTargetConfigs(ctx, node, tag, child, ctag);
            continue;
        }
        let ft = ctx.schema.resolve(f.type);
        const xsiType = attrs['xsi:type'];
        if (xsiType !== undefined && !xsiType.startsWith('xsd:')) {
            const sub = ctx.schema.resolve(xsiType);
            if (sub) ft = sub;
            else
                ctx.problems.push({
                    file: ctx.file,
                    line,
                    message: `<${ctag}> has unknown xsi:type "${xsiType}"`,
                });
        }
        if (!ft) continue;
        if (ft.kind === 'primitive' && ft.name === 'any') checkXsdValue(ctx, child, ctag);
        else if (ft.kind === 'complex') checkComplex(ctx, child, ctag, ft, here);
        else checkValue(ctx, child, ctag, ft, type.name);
    }
    for (const req of REQUIRED[type.name] ?? []) {
        if (!seen.has(req))
            ctx.problems.push({
                file: ctx.file,
                line: lineOf(ctx, node),
                message: `<${tag}> (${type.name}) is missing required <${req}>`,
            });
    }
}

function checkTargetConfigs(
    ctx: Ctx,
    bundle: XNode,
    bundleTag: string,
    node: XNode,
    tag: string,
): void {
    const declared = new Set<string>();
    for (const t of elementChildren(childrenOf(bundle, bundleTag)))
        if (tagOf(t) === 'targets')
            for (const x of elementChildren(childrenOf(t, 'targets')))
                if (tagOf(x) === 'target') declared.add(textOf(childrenOf(x, 'target')).trim());
    for (const tc of elementChildren(childrenOf(node, tag))) {
        const tcTag = tagOf(tc) ?? '';
        const line = lineOf(ctx, tc);
        if (tcTag !== 'targetConfig') {
            ctx.problems.push({
                file: ctx.file,
                line,
                message: `unknown element <${tcTag}> in <targetConfigs>`,
            });
            continue;
        }
        const targets = attrsOf(tc).targets;
        if (!targets) {
            ctx.problems.push({
                file: ctx.file,
                line,
                message: `<targetConfig> lacks its targets attribute`,
            });
        } else {
            for (const t of targets.split(',').map((s) => s.trim())) {
                if (!declared.has(t))
                    ctx.problems.push({
                        file: ctx.file,
                        line,
                        message: `<targetConfig targets="${targets}"> names ${t}, which is not listed in <targets>`,
                    });
            }
        }
        for (const p of elementChildren(childrenOf(tc, 'targetConfig')))
            if (tagOf(p) === 'property' && !attrsOf(p).name)
                ctx.problems.push({
                    file: ctx.file,
                    line: lineOf(ctx, p),
                    message: `<property> lacks its name attribute`,
                });
    }
}

// ---------------------------------------------------------------------------------------------
// Files

let parser: XMLParser | undefined;
function xmlParser(): XMLParser {
    parser ??= new XMLParser({
        preserveOrder: true,
        ignoreAttributes: false,
        attributeNamePrefix: '@_',
        parseTagValue: false,
        parseAttributeValue: false,
        trimValues: false,
        captureMetaData: true,
        commentPropName: '#comment',
        cdataPropName: '#cdata',
        processEntities: true,
        htmlEntities: false,
    });
    return parser;
}

/** Validates one file's text. `file` is used for the type mapping and in messages. */
export function validateXmlText(
    file: string,
    text: string,
    schema = loadMetadataSchema(),
): Problem[] {
    const problems: Problem[] = [];
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const wf = XMLValidator.validate(body, { allowBooleanAttributes: false });
    if (wf !== true) {
        problems.push({
            file,
            line: wf.err.line,
            message: `malformed XML: ${wf.err.msg} (col ${wf.err.col})`,
        });
        return problems;
    }
    const rootType = rootTypeForFile(file);
    if (!rootType) return problems;
    const type = schema.resolve(rootType);
    if (type?.kind !== 'complex') return problems;
    const doc = xmlParser().parse(body) as XNode[];
    const ctx: Ctx = {
        file,
        lines: new LineIndex(body),
        schema,
        problems,
        metaSym: XMLParser.getMetaDataSymbol() as symbol,
    };
    const roots = doc.filter((n) => {
        const t = tagOf(n);
        return t !== undefined && !t.startsWith('?') && t !== '#comment' && t !== '#text';
    });
    const root = roots[0];
    if (!root) {
        problems.push({ file, line: 1, message: `no root element (expected <${rootType}>)` });
        return problems;
    }
    const rootTag = tagOf(root) ?? '';
    if (rootTag !== rootType) {
        problems.push({
            file,
            line: lineOf(ctx, root),
            message: `root element is <${rootTag}>, expected <${rootType}> for a ${basename(file).replace(/^[^.]*\./, '.')} file`,
        });
        return problems;
    }
    checkAttributes(ctx, root, rootTag, true);
    checkComplex(ctx, root, rootTag, type, []);
    return problems;
}

function isXmlToCheck(file: string): boolean {
    if (!file.endsWith('.xml')) return false;
    if (file.endsWith('-meta.xml')) return true;
    // Static resource bodies (and unpacked resource folders) are opaque content.
    return !file.split(sep).includes('staticresources');
}

export interface XmlGateResult {
    problems: Problem[];
    files: number;
    typed: number;
    /** Files per metadata type (ApexClass, CustomField, LightningComponentBundle …), so a run shows what it saw. */
    byType: Map<string, number>;
}

/**
 * Validates every metadata XML file under `root`: a package directory, or a project root (then
 * the packageDirectories of its sfdx-project.json).
 */
export function runMetadataXmlGate(root: string): XmlGateResult {
    const schema = loadMetadataSchema();
    const problems: Problem[] = [];
    let files = 0;
    let typed = 0;
    const byType = new Map<string, number>();
    for (const f of sourceDirs(root).flatMap((d) => walkFiles(d))) {
        if (!isXmlToCheck(f)) continue;
        files++;
        const rootType = rootTypeForFile(f);
        if (rootType) byType.set(rootType, (byType.get(rootType) ?? 0) + 1);
        if (rootType && schema.resolve(rootType)?.kind === 'complex') typed++;
        problems.push(...validateXmlText(f, readFileSync(f, 'utf8'), schema));
    }
    return { problems: sortProblems(problems), files, typed, byType };
}

export function validateMetadataXml(root: string): Problem[] {
    return runMetadataXmlGate(root).problems;
}

function main(argv: string[]): number {
    const root = argv[0] ?? 'force-app';
    const t0 = performance.now();
    const { problems, files, typed, byType } = runMetadataXmlGate(root);
    for (const p of problems) console.log(formatProblem(p));
    const ms = Math.round(performance.now() - t0);
    const types = [...byType].sort(([a], [b]) => a.localeCompare(b));
    console.log(
        `metadata xml: ${files} files checked (${typed} against the schema, ${files - typed} well-formedness only), ` +
            `${problems.length} error${problems.length === 1 ? '' : 's'} (${ms} ms)`,
    );
    console.log(`metadata xml by type: ${types.map(([t, n]) => `${t} ${n}`).join(', ')}`);
    return problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
    process.exitCode = main(process.argv.slice(2));

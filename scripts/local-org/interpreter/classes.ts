// Loading Apex class files into ClassInfo tables: members, constructors, inner classes,
// enums, interfaces, and the load-time fence scan (SOQL, DML, async, platform APIs).
import {
    ApexErrorListener,
    ApexParserFactory,
    AnnotationContext,
    ClassDeclarationContext,
    DeleteStatementContext,
    DotExpressionContext,
    EnumDeclarationContext,
    IdPrimaryContext,
    InsertStatementContext,
    MergeStatementContext,
    RunAsStatementContext,
    SoqlLiteralContext,
    SoslLiteralContext,
    TypeRefContext,
    UndeleteStatementContext,
    UpdateStatementContext,
    UpsertStatementContext,
} from '@apexdevtools/apex-parser';
import type {
    ApexParseTree,
    ApexParserRuleContext,
    CompilationUnitContext,
    ExpressionContext,
    BlockContext,
    ConstructorDeclarationContext,
    FieldDeclarationContext,
    FormalParametersContext,
    InterfaceDeclarationContext,
    MethodDeclarationContext,
    ModifierContext,
    PropertyDeclarationContext,
} from '@apexdevtools/apex-parser';
import { ApexLoadError } from './errors.ts';
import type { SourceLocation } from './errors.ts';
import type { ApexValue, ClassRef, TypeRef } from './values.ts';

export interface FieldDecl {
    name: string;
    key: string;
    typeCtx: TypeRefContext;
    init: ExpressionContext | null;
    isStatic: boolean;
    /** Set for properties with get/set code blocks (outside the subset). */
    fenced: string | null;
    loc: SourceLocation;
}

export interface ParamDecl {
    name: string;
    key: string;
    typeCtx: TypeRefContext;
}

export interface MethodDecl {
    name: string;
    key: string;
    params: ParamDecl[];
    returnTypeCtx: TypeRefContext | null; // null for void and constructors
    body: BlockContext | null;
    isStatic: boolean;
    cls: ClassInfo;
    loc: SourceLocation;
}

export interface InitBlock {
    isStatic: boolean;
    block: BlockContext;
}

export interface FenceViolation {
    construct: string;
    location: SourceLocation;
}

export class ClassInfo implements ClassRef {
    superClass: ClassRef | null = null;
    interfaceKeys: string[] = [];
    readonly members: Array<FieldDecl | InitBlock> = [];
    readonly fields = new Map<string, FieldDecl>();
    readonly methods = new Map<string, MethodDecl[]>();
    readonly ctors: MethodDecl[] = [];
    readonly inner = new Map<string, ClassInfo>();
    readonly enumConstants: string[] = [];
    readonly staticValues = new Map<string, ApexValue>();
    staticInitDone = false;
    superTypeCtx: TypeRefContext | null = null;
    interfaceTypeCtxs: TypeRefContext[] = [];
    isInterface = false;
    isEnum = false;
    readonly violations: FenceViolation[] = [];

    constructor(
        readonly key: string,
        readonly name: string,
        readonly file: string,
        readonly outer: ClassInfo | null,
        readonly line: number,
    ) {}
}

/** Names whose use (as the first part of a dotted name or a type) is a platform API outside the subset. */
const FENCED_NAMES: Record<string, string> = {
    database: 'Database.* (DML/SOQL API)',
    schema: 'Schema describe',
    http: 'HTTP callout',
    httprequest: 'HTTP callout',
    httpresponse: 'HTTP callout',
    limits: 'Limits.*',
    userinfo: 'UserInfo.*',
    messaging: 'Messaging.*',
    eventbus: 'EventBus.*',
    json: 'JSON.*',
    test: 'Test.*',
    queueable: 'Queueable (async)',
    schedulable: 'Schedulable (async)',
    crypto: 'Crypto.*',
    encodingutil: 'EncodingUtil.*',
    url: 'URL.*',
    type: 'Type.forName / reflection',
};

/** For fenced names that could also be a variable, the members that make them the platform API. */
const AMBIGUOUS_MEMBERS: Record<string, string[]> = {
    json: [
        'serialize',
        'serializepretty',
        'deserialize',
        'deserializestrict',
        'deserializeuntyped',
        'createparser',
        'creategenerator',
    ],
    type: ['forname'],
    test: [
        'starttest',
        'stoptest',
        'isrunningtest',
        'setmock',
        'loaddata',
        'setcurrentpage',
        'getstandardpricebookid',
        'setfixedsearchresults',
        'enqueuebatchjobs',
        'getflexqueueorder',
        'setreadonlyapplicationmode',
    ],
    url: ['getorgdomainurl', 'getsalesforcebaseurl', 'getcurrentrequesturl', 'getfiledfieldurl'],
    limits: [
        'getqueries',
        'getlimitqueries',
        'getdmlstatements',
        'getlimitdmlstatements',
        'getdmlrows',
        'getqueryrows',
        'getcputime',
        'getlimitcputime',
        'getheapsize',
        'getlimitheapsize',
    ],
};

const FENCED_SYSTEM_METHODS: Record<string, string> = {
    enqueuejob: 'System.enqueueJob (async)',
    schedule: 'System.schedule (async)',
    schedulebatch: 'System.scheduleBatch (async)',
    runas: 'System.runAs',
    today: 'System.today()',
    now: 'System.now()',
};

export function locationOf(file: string, ctx: ApexParserRuleContext): SourceLocation {
    return { file, line: ctx.start.line };
}

class CollectingErrorListener extends ApexErrorListener {
    readonly errors: Array<{ line: number; msg: string }> = [];
    apexSyntaxError(line: number, _column: number, msg: string): void {
        this.errors.push({ line, msg });
    }
}

export function parseClassFile(file: string, source: string): CompilationUnitContext {
    const listener = new CollectingErrorListener();
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    const unit = parser.compilationUnit();
    const first = listener.errors[0];
    if (first) {
        throw new ApexLoadError(`syntax error: ${first.msg}`, { file, line: first.line });
    }
    return unit;
}

function modifierNames(mods: ModifierContext[]): Set<string> {
    const names = new Set<string>();
    for (const m of mods) {
        const ann = m.annotation();
        if (ann) names.add(`@${ann.getText().slice(1).split('(')[0]?.toLowerCase() ?? ''}`);
        else names.add(m.getText().toLowerCase());
    }
    return names;
}

function params(fp: FormalParametersContext): ParamDecl[] {
    const list = fp.formalParameterList();
    if (!list) return [];
    return list.formalParameter_list().map((p) => {
        const name = p.id().getText();
        return { name, key: name.toLowerCase(), typeCtx: p.typeRef() };
    });
}

function addMethod(cls: ClassInfo, m: MethodDecl): void {
    const list = cls.methods.get(m.key);
    if (list) list.push(m);
    else cls.methods.set(m.key, [m]);
}

function scanFences(cls: ClassInfo, tree: ApexParseTree): void {
    const visit = (node: ApexParseTree): void => {
        if (!('children' in node) || !('start' in node)) return; // terminal node
        const ctx = node as ApexParserRuleContext;
        const violation = fenceOf(ctx);
        if (violation)
            cls.violations.push({ construct: violation, location: locationOf(cls.file, ctx) });
        for (const child of ctx.children ?? []) visit(child);
    };
    visit(tree);
}

/** The name of the fenced construct a parse-tree node is, or null. Used at load and run time. */
export function fenceOf(ctx: ApexParserRuleContext): string | null {
    if (ctx instanceof SoqlLiteralContext) return 'SOQL query';
    if (ctx instanceof SoslLiteralContext) return 'SOSL search';
    if (ctx instanceof InsertStatementContext) return 'DML insert';
    if (ctx instanceof UpdateStatementContext) return 'DML update';
    if (ctx instanceof DeleteStatementContext) return 'DML delete';
    if (ctx instanceof UndeleteStatementContext) return 'DML undelete';
    if (ctx instanceof UpsertStatementContext) return 'DML upsert';
    if (ctx instanceof MergeStatementContext) return 'DML merge';
    if (ctx instanceof RunAsStatementContext) return 'System.runAs';
    if (ctx instanceof AnnotationContext) {
        const name = ctx.getText().slice(1).split('(')[0]?.toLowerCase() ?? '';
        if (name === 'future') return '@future (async)';
        if (name === 'istest' || name === 'testsetup') return 'test code (@IsTest)';
        return null;
    }
    if (ctx instanceof IdPrimaryContext) {
        const name = ctx.getText().toLowerCase();
        const parent = ctx.parentCtx?.parentCtx;
        if (parent instanceof DotExpressionContext && FENCED_NAMES[name]) {
            // names that are also plausible variable names count only with a known API member
            const members = AMBIGUOUS_MEMBERS[name];
            const member = (parent.dotMethodCall()?.anyId() ?? parent.anyId())
                ?.getText()
                .toLowerCase();
            if (!members || (member !== undefined && members.includes(member))) {
                return FENCED_NAMES[name] ?? null;
            }
        }
        if (parent instanceof DotExpressionContext && name === 'system') {
            const member = parent.dotMethodCall()?.anyId().getText().toLowerCase();
            if (member && FENCED_SYSTEM_METHODS[member])
                return FENCED_SYSTEM_METHODS[member] ?? null;
        }
        return null;
    }
    if (ctx instanceof TypeRefContext) {
        const first = ctx.typeName(0)?.getText().toLowerCase().split('<')[0] ?? '';
        if (first === 'database' || first === 'schema') return FENCED_NAMES[first] ?? null;
        if (FENCED_NAMES[first] && first !== 'type' && first !== 'url' && first !== 'test') {
            return FENCED_NAMES[first] ?? null;
        }
    }
    return null;
}

function loadClassBody(
    cls: ClassInfo,
    decl: ClassDeclarationContext,
    register: (c: ClassInfo) => void,
): void {
    cls.superTypeCtx = decl.typeRef() ?? null;
    cls.interfaceTypeCtxs = decl.typeList()?.typeRef_list() ?? [];
    for (const body of decl.classBody().classBodyDeclaration_list()) {
        const block = body.block();
        if (block) {
            cls.members.push({ isStatic: body.STATIC() !== null, block });
            continue;
        }
        const member = body.memberDeclaration();
        if (!member) continue;
        const mods = modifierNames(body.modifier_list());
        const isStatic = mods.has('static');
        const method = member.methodDeclaration();
        if (method) {
            addMethod(cls, methodDecl(cls, method, isStatic));
            continue;
        }
        const ctor = member.constructorDeclaration();
        if (ctor) {
            cls.ctors.push(ctorDecl(cls, ctor));
            continue;
        }
        const field = member.fieldDeclaration();
        if (field) {
            addFields(cls, field, isStatic);
            continue;
        }
        const prop = member.propertyDeclaration();
        if (prop) {
            addProperty(cls, prop, isStatic);
            continue;
        }
        const inner =
            member.classDeclaration() ?? member.enumDeclaration() ?? member.interfaceDeclaration();
        if (inner) loadTypeDeclaration(cls.file, inner, cls, register);
    }
}

function methodDecl(cls: ClassInfo, m: MethodDeclarationContext, isStatic: boolean): MethodDecl {
    const name = m.id().getText();
    return {
        name,
        key: name.toLowerCase(),
        params: params(m.formalParameters()),
        returnTypeCtx: m.VOID() ? null : m.typeRef(),
        body: m.block() ?? null,
        isStatic,
        cls,
        loc: locationOf(cls.file, m),
    };
}

function ctorDecl(cls: ClassInfo, c: ConstructorDeclarationContext): MethodDecl {
    return {
        name: cls.name,
        key: '<init>',
        params: params(c.formalParameters()),
        returnTypeCtx: null,
        body: c.block(),
        isStatic: false,
        cls,
        loc: locationOf(cls.file, c),
    };
}

function addFields(cls: ClassInfo, f: FieldDeclarationContext, isStatic: boolean): void {
    for (const v of f.variableDeclarators().variableDeclarator_list()) {
        const name = v.id().getText();
        const decl: FieldDecl = {
            name,
            key: name.toLowerCase(),
            typeCtx: f.typeRef(),
            init: v.expression() ?? null,
            isStatic,
            fenced: null,
            loc: locationOf(cls.file, v),
        };
        cls.fields.set(decl.key, decl);
        cls.members.push(decl);
    }
}

function addProperty(cls: ClassInfo, p: PropertyDeclarationContext, isStatic: boolean): void {
    const name = p.id().getText();
    const hasCode = p
        .propertyBlock_list()
        .some((b) => ((b.getter() ?? b.setter())?.block() ?? null) !== null);
    const decl: FieldDecl = {
        name,
        key: name.toLowerCase(),
        typeCtx: p.typeRef(),
        init: null,
        isStatic,
        fenced: hasCode ? 'a property with get/set code blocks' : null,
        loc: locationOf(cls.file, p),
    };
    cls.fields.set(decl.key, decl);
    cls.members.push(decl);
}

function loadTypeDeclaration(
    file: string,
    decl: ClassDeclarationContext | EnumDeclarationContext | InterfaceDeclarationContext,
    outer: ClassInfo | null,
    register: (c: ClassInfo) => void,
): ClassInfo {
    const name = decl.id().getText();
    const fullName = outer ? `${outer.name}.${name}` : name;
    const cls = new ClassInfo(fullName.toLowerCase(), fullName, file, outer, decl.start.line);
    if (outer) outer.inner.set(name.toLowerCase(), cls);
    register(cls);
    if (decl instanceof ClassDeclarationContext) {
        loadClassBody(cls, decl, register);
    } else if (decl instanceof EnumDeclarationContext) {
        cls.isEnum = true;
        for (const id of decl.enumConstants()?.id_list() ?? [])
            cls.enumConstants.push(id.getText());
    } else {
        cls.isInterface = true;
        cls.interfaceTypeCtxs = decl.typeList()?.typeRef_list() ?? [];
        for (const m of decl.interfaceBody().interfaceMethodDeclaration_list()) {
            const mname = m.id().getText();
            addMethod(cls, {
                name: mname,
                key: mname.toLowerCase(),
                params: params(m.formalParameters()),
                returnTypeCtx: m.VOID() ? null : m.typeRef(),
                body: null,
                isStatic: false,
                cls,
                loc: locationOf(file, m),
            });
        }
    }
    return cls;
}

/** Loads one .cls file; returns the top-level class and registers it and its inner classes. */
export function loadClassFile(
    file: string,
    source: string,
    register: (c: ClassInfo) => void,
): ClassInfo {
    const unit = parseClassFile(file, source);
    const td = unit.typeDeclaration();
    const decl = td.classDeclaration() ?? td.enumDeclaration() ?? td.interfaceDeclaration();
    if (!decl)
        throw new ApexLoadError('no class, enum or interface declaration', { file, line: 1 });
    const top = loadTypeDeclaration(file, decl, null, register);
    const mods = modifierNames(td.modifier_list());
    if (mods.has('@istest')) {
        top.violations.push({
            construct: 'test class (@IsTest)',
            location: { file, line: td.start.line },
        });
    }
    scanFences(top, decl);
    return top;
}

export type { TypeRef };

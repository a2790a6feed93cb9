// Mutants of the Apex calculators, found on the parse tree (@apexdevtools/apex-parser), so a
// `<` in `List<String>` is never touched and only expressions are. The operators, as the
// issue asks: constants, comparison operators, arithmetic operators, dropped conditions.
//   constants      a number n -> n + 1; true <-> false
//   comparisons    < <= > >= : the boundary (< -> <=) and the opposite (< -> >=); == <-> !=
//   arithmetic     + <-> -, * <-> /, += <-> -=  (not on string concatenation)
//   conditions     a && b -> a, -> b; a || b likewise; && <-> ||; if (c) -> if (true), if (false);
//                  !c -> c
import {
    ApexParseTreeWalker,
    ApexParserBaseListener,
    ApexParserFactory,
    Arth1ExpressionContext,
    Arth2ExpressionContext,
    AssignExpressionContext,
    CmpExpressionContext,
    EqualityExpressionContext,
    IfStatementContext,
    LiteralContext,
    LogAndExpressionContext,
    LogOrExpressionContext,
    NegExpressionContext,
} from '@apexdevtools/apex-parser';
import type { ApexParserRuleContext } from '@apexdevtools/apex-parser';

export interface ApexMutant {
    className: string;
    /** 1-based line of the mutated text. */
    line: number;
    /** The source line as written, trimmed: with the description, what a reader looks up. */
    lineText: string;
    /** "'<' -> '<='", "40 -> 41", "drop '&& b'" ... */
    description: string;
    /** Stable id: class | line text | description | occurrence on that line. */
    id: string;
    operator: 'constant' | 'comparison' | 'arithmetic' | 'condition';
    mutatedSource: string;
}

interface Edit {
    start: number;
    /** Exclusive. */
    stop: number;
    replacement: string;
    description: string;
    operator: ApexMutant['operator'];
}

function spanOf(ctx: ApexParserRuleContext): { start: number; stop: number } {
    return { start: ctx.start.start, stop: (ctx.stop ?? ctx.start).stop + 1 };
}

function hasStringLiteral(ctx: ApexParserRuleContext): boolean {
    return /'(?:\\.|[^'\\])*'/.test(ctx.getText());
}

/** Text between two child expressions: the operator as written ('<', '<=', '&&' ...). */
function operatorBetween(
    source: string,
    left: ApexParserRuleContext,
    right: ApexParserRuleContext,
): { start: number; stop: number; text: string } {
    const from = spanOf(left).stop;
    const to = spanOf(right).start;
    const between = source.slice(from, to);
    const offset = between.search(/\S/);
    const text = between.trim();
    return { start: from + offset, stop: from + offset + text.length, text };
}

const COMPARISONS: Record<string, string[]> = {
    '<': ['<=', '>='],
    '<=': ['<', '>'],
    '>': ['>=', '<='],
    '>=': ['>', '<'],
};

class MutantFinder extends ApexParserBaseListener {
    readonly edits: Edit[] = [];

    constructor(private readonly source: string) {
        super();
    }

    override enterEveryRule(ctx: ApexParserRuleContext): void {
        if (ctx instanceof CmpExpressionContext) this.comparison(ctx);
        else if (ctx instanceof EqualityExpressionContext) this.equality(ctx);
        else if (ctx instanceof Arth1ExpressionContext || ctx instanceof Arth2ExpressionContext)
            this.arithmetic(ctx);
        else if (ctx instanceof AssignExpressionContext) this.compoundAssignment(ctx);
        else if (ctx instanceof LogAndExpressionContext || ctx instanceof LogOrExpressionContext)
            this.logical(ctx);
        else if (ctx instanceof IfStatementContext) this.ifCondition(ctx);
        else if (ctx instanceof NegExpressionContext) this.negation(ctx);
        else if (ctx instanceof LiteralContext) this.literal(ctx);
    }

    private add(
        start: number,
        stop: number,
        replacement: string,
        description: string,
        operator: Edit['operator'],
    ): void {
        this.edits.push({ start, stop, replacement, description, operator });
    }

    private comparison(ctx: CmpExpressionContext): void {
        const op = operatorBetween(this.source, ctx.expression(0), ctx.expression(1));
        const compact = op.text.replace(/\s+/g, '');
        for (const replacement of COMPARISONS[compact] ?? []) {
            this.add(
                op.start,
                op.stop,
                replacement,
                `'${compact}' -> '${replacement}'`,
                'comparison',
            );
        }
    }

    private equality(ctx: EqualityExpressionContext): void {
        const op = operatorBetween(this.source, ctx.expression(0), ctx.expression(1));
        const replacement = op.text === '==' ? '!=' : op.text === '!=' ? '==' : null;
        if (replacement) {
            this.add(
                op.start,
                op.stop,
                replacement,
                `'${op.text}' -> '${replacement}'`,
                'comparison',
            );
        }
    }

    private arithmetic(ctx: Arth1ExpressionContext | Arth2ExpressionContext): void {
        // String concatenation is not arithmetic; its mutant would not even compile.
        if (hasStringLiteral(ctx)) return;
        const op = operatorBetween(this.source, ctx.expression(0), ctx.expression(1));
        const swaps: Record<string, string> = { '+': '-', '-': '+', '*': '/', '/': '*' };
        const replacement = swaps[op.text];
        if (replacement) {
            this.add(
                op.start,
                op.stop,
                replacement,
                `'${op.text}' -> '${replacement}'`,
                'arithmetic',
            );
        }
    }

    private compoundAssignment(ctx: AssignExpressionContext): void {
        if (hasStringLiteral(ctx)) return;
        const op = operatorBetween(this.source, ctx.expression(0), ctx.expression(1));
        const swaps: Record<string, string> = { '+=': '-=', '-=': '+=' };
        const replacement = swaps[op.text];
        if (replacement) {
            this.add(
                op.start,
                op.stop,
                replacement,
                `'${op.text}' -> '${replacement}'`,
                'arithmetic',
            );
        }
    }

    private logical(ctx: LogAndExpressionContext | LogOrExpressionContext): void {
        const left = ctx.expression(0);
        const right = ctx.expression(1);
        const op = operatorBetween(this.source, left, right);
        const other = op.text === '&&' ? '||' : '&&';
        this.add(op.start, op.stop, other, `'${op.text}' -> '${other}'`, 'condition');
        const whole = spanOf(ctx);
        const leftSpan = spanOf(left);
        const rightSpan = spanOf(right);
        this.add(
            whole.start,
            whole.stop,
            this.source.slice(leftSpan.start, leftSpan.stop),
            `drop '${op.text} ${right.getText()}'`,
            'condition',
        );
        this.add(
            whole.start,
            whole.stop,
            this.source.slice(rightSpan.start, rightSpan.stop),
            `drop '${left.getText()} ${op.text}'`,
            'condition',
        );
    }

    private ifCondition(ctx: IfStatementContext): void {
        const condition = ctx.parExpression().expression();
        const span = spanOf(condition);
        this.add(span.start, span.stop, 'true', 'if (...) -> if (true)', 'condition');
        this.add(span.start, span.stop, 'false', 'if (...) -> if (false)', 'condition');
    }

    private negation(ctx: NegExpressionContext): void {
        if (!ctx.BANG()) return;
        const whole = spanOf(ctx);
        const inner = spanOf(ctx.expression());
        this.add(
            whole.start,
            whole.stop,
            this.source.slice(inner.start, inner.stop),
            "drop '!'",
            'condition',
        );
    }

    private literal(ctx: LiteralContext): void {
        const text = ctx.getText();
        const span = spanOf(ctx);
        if (/^\d+(\.\d+)?[lLdD]?$/.test(text)) {
            const suffix = /[lLdD]$/.test(text) ? text.slice(-1) : '';
            const digits = suffix ? text.slice(0, -1) : text;
            const decimals = digits.includes('.') ? (digits.split('.')[1] ?? '').length : 0;
            const next = (Number(digits) + 1).toFixed(decimals) + suffix;
            this.add(span.start, span.stop, next, `${text} -> ${next}`, 'constant');
        } else if (/^(true|false)$/i.test(text)) {
            const flipped = text.toLowerCase() === 'true' ? 'false' : 'true';
            this.add(span.start, span.stop, flipped, `${text} -> ${flipped}`, 'constant');
        }
    }
}

/** Every mutant of one class; `skip` names methods whose body is left alone. */
export function findMutants(
    className: string,
    source: string,
    skipLines: (line: number) => boolean = () => false,
): ApexMutant[] {
    const parser = ApexParserFactory.createParser(source, true);
    const finder = new MutantFinder(source);
    ApexParseTreeWalker.DEFAULT.walk(finder, parser.compilationUnit());
    const lineStarts = [0];
    for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
    const lineOf = (offset: number): number => {
        let low = 0;
        let high = lineStarts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if ((lineStarts[mid] ?? 0) <= offset) low = mid;
            else high = mid - 1;
        }
        return low + 1;
    };
    const lines = source.split('\n');
    const seen = new Map<string, number>();
    const mutants: ApexMutant[] = [];
    for (const edit of finder.edits.sort((a, b) => a.start - b.start)) {
        const line = lineOf(edit.start);
        if (skipLines(line)) continue;
        const lineText = (lines[line - 1] ?? '').trim();
        const key = `${className}|${lineText}|${edit.description}`;
        const occurrence = (seen.get(key) ?? 0) + 1;
        seen.set(key, occurrence);
        mutants.push({
            className,
            line,
            lineText,
            description: edit.description,
            id: `${key}|${occurrence}`,
            operator: edit.operator,
            mutatedSource: source.slice(0, edit.start) + edit.replacement + source.slice(edit.stop),
        });
    }
    return mutants;
}

/**
 * Lines inside the named methods (by signature name), found by brace matching from the
 * method's declaration: code only the recompute reaches, which the vectors cannot cover.
 */
export function linesOfMethods(source: string, methodNames: string[]): Set<number> {
    const lines = source.split('\n');
    const result = new Set<number>();
    for (const name of methodNames) {
        const pattern = new RegExp(`\\b(static\\s+)?[\\w<>,\\s.]+\\s${name}\\s*\\(`);
        const startLine = lines.findIndex((line) => pattern.test(line) && !line.includes(';'));
        if (startLine < 0) continue;
        let depth = 0;
        let opened = false;
        for (let i = startLine; i < lines.length; i++) {
            result.add(i + 1);
            for (const char of lines[i] ?? '') {
                if (char === '{') {
                    depth++;
                    opened = true;
                } else if (char === '}') depth--;
            }
            if (opened && depth === 0) break;
        }
    }
    return result;
}

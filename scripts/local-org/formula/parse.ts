// Formula syntax (Salesforce Help: "Formula Operators and Functions"): literals, field
// references with relationship paths and $globals, operators with the documented precedence
// (^; * /; + - &; comparisons; && ||) and function calls. Parsed once into a tree.

export type FormulaNode =
    | { kind: 'number'; text: string }
    | { kind: 'string'; value: string }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'null' }
    | { kind: 'field'; path: string[] } // e.g. ['Account__r', 'Name'] or ['$User', 'Id']
    | { kind: 'call'; name: string; args: FormulaNode[] }
    | { kind: 'unary'; op: '-' | '+' | '!'; operand: FormulaNode }
    | { kind: 'binary'; op: string; left: FormulaNode; right: FormulaNode };

export class FormulaSyntaxError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'FormulaSyntaxError';
    }
}

interface Token {
    kind: 'number' | 'string' | 'ident' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';
    text: string;
    pos: number;
}

const OPERATORS = [
    '<=',
    '>=',
    '<>',
    '!=',
    '==',
    '&&',
    '||',
    '=',
    '<',
    '>',
    '+',
    '-',
    '*',
    '/',
    '^',
    '&',
    '!',
];

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < source.length) {
        const c = source[i] as string;
        if (/\s/.test(c)) {
            i++;
            continue;
        }
        if (c === '/' && source[i + 1] === '*') {
            const end = source.indexOf('*/', i + 2);
            if (end < 0) throw new FormulaSyntaxError('unterminated comment');
            i = end + 2;
            continue;
        }
        if (c === '"' || c === "'") {
            let j = i + 1;
            let value = '';
            while (j < source.length && source[j] !== c) {
                if (source[j] === '\\' && j + 1 < source.length) {
                    const next = source[j + 1] as string;
                    value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
                    j += 2;
                } else {
                    value += source[j];
                    j++;
                }
            }
            if (j >= source.length) throw new FormulaSyntaxError(`unterminated string at ${i}`);
            tokens.push({ kind: 'string', text: value, pos: i });
            i = j + 1;
            continue;
        }
        const number = /^(\d+(\.\d*)?|\.\d+)/.exec(source.slice(i));
        if (number) {
            tokens.push({ kind: 'number', text: number[0], pos: i });
            i += number[0].length;
            continue;
        }
        const ident = /^\$?[A-Za-z_][A-Za-z0-9_]*(\.\$?[A-Za-z_][A-Za-z0-9_]*)*/.exec(
            source.slice(i),
        );
        if (ident) {
            tokens.push({ kind: 'ident', text: ident[0], pos: i });
            i += ident[0].length;
            continue;
        }
        if (c === '(') {
            tokens.push({ kind: 'lparen', text: c, pos: i });
            i++;
            continue;
        }
        if (c === ')') {
            tokens.push({ kind: 'rparen', text: c, pos: i });
            i++;
            continue;
        }
        if (c === ',') {
            tokens.push({ kind: 'comma', text: c, pos: i });
            i++;
            continue;
        }
        const op = OPERATORS.find((o) => source.startsWith(o, i));
        if (op) {
            tokens.push({ kind: 'op', text: op, pos: i });
            i += op.length;
            continue;
        }
        throw new FormulaSyntaxError(`unexpected character '${c}' at ${i}`);
    }
    tokens.push({ kind: 'end', text: '', pos: source.length });
    return tokens;
}

/** Binding power of binary operators (higher binds tighter). */
const PRECEDENCE: Record<string, number> = {
    '||': 1,
    '&&': 2,
    '=': 3,
    '==': 3,
    '<>': 3,
    '!=': 3,
    '<': 4,
    '>': 4,
    '<=': 4,
    '>=': 4,
    '+': 5,
    '-': 5,
    '&': 5,
    '*': 6,
    '/': 6,
    '^': 7,
};

export function parseFormula(source: string): FormulaNode {
    const tokens = tokenize(source);
    let pos = 0;
    const peek = (): Token => tokens[pos] as Token;
    const next = (): Token => tokens[pos++] as Token;

    function expression(minPrecedence: number): FormulaNode {
        let left = unary();
        for (;;) {
            const t = peek();
            if (t.kind !== 'op') break;
            const precedence = PRECEDENCE[t.text];
            if (precedence === undefined || precedence < minPrecedence) break;
            next();
            // ^ is right-associative; the others are left-associative.
            const right = expression(t.text === '^' ? precedence : precedence + 1);
            left = { kind: 'binary', op: t.text, left, right };
        }
        return left;
    }

    function unary(): FormulaNode {
        const t = peek();
        if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '!')) {
            next();
            return { kind: 'unary', op: t.text, operand: unary() };
        }
        return primary();
    }

    function primary(): FormulaNode {
        const t = next();
        switch (t.kind) {
            case 'number':
                return { kind: 'number', text: t.text };
            case 'string':
                return { kind: 'string', value: t.text };
            case 'lparen': {
                const inner = expression(0);
                if (next().kind !== 'rparen')
                    throw new FormulaSyntaxError(`missing ) after position ${t.pos}`);
                return inner;
            }
            case 'ident': {
                const upper = t.text.toUpperCase();
                if (peek().kind === 'lparen' && !t.text.includes('.')) {
                    next();
                    const args: FormulaNode[] = [];
                    if (peek().kind !== 'rparen') {
                        for (;;) {
                            args.push(expression(0));
                            if (peek().kind === 'comma') {
                                next();
                                continue;
                            }
                            break;
                        }
                    }
                    if (next().kind !== 'rparen')
                        throw new FormulaSyntaxError(`missing ) in the call of ${t.text}`);
                    return { kind: 'call', name: upper, args };
                }
                if (upper === 'TRUE') return { kind: 'boolean', value: true };
                if (upper === 'FALSE') return { kind: 'boolean', value: false };
                if (upper === 'NULL') return { kind: 'null' };
                return { kind: 'field', path: t.text.split('.') };
            }
            default:
                throw new FormulaSyntaxError(
                    t.kind === 'end'
                        ? 'unexpected end of formula'
                        : `unexpected '${t.text}' at ${t.pos}`,
                );
        }
    }

    const tree = expression(0);
    if (peek().kind !== 'end')
        throw new FormulaSyntaxError(`unexpected '${peek().text}' at ${peek().pos}`);
    return tree;
}

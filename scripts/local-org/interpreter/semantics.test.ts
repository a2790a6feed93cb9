// Semantics tests of the interpreter: each case is behaviour the Apex Developer Guide or the
// Apex Reference states (the page is named in the test title), plus the fence.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonToApex } from './jsonText.ts';
import { evalApex, loadSources } from './testSupport.ts';

interface Case {
    title: string;
    body: string;
    members?: string;
    classes?: Record<string, string>;
    expect?: unknown;
    throws?: RegExp;
}

const ROUNDING_INPUTS = 'new Decimal[]{5.5, 1.1, -1.1, -2.7}';
function roundingCase(mode: string, expected: number[]): Case {
    return {
        title: `Apex Reference: Decimal Class — Rounding Mode ${mode} (5.5, 1.1, -1.1, -2.7)`,
        body: `List<Long> out = new List<Long>(); for (Decimal d : ${ROUNDING_INPUTS}) { out.add(d.round(System.RoundingMode.${mode})); } return out;`,
        expect: expected,
    };
}

const cases: Case[] = [
    // ---- numbers: Integer, Long, conversion ----
    {
        title: 'Apex Developer Guide: Rules of Conversion — Integer overflow wraps (2147483647 + 1)',
        body: 'Integer i = 2147483647 + 1; return i;',
        expect: -2147483648,
    },
    {
        title: 'Apex Developer Guide: Rules of Conversion — 365 * 24 * 60 * 60 * 1000 overflows Integer before widening to Long',
        body: 'Long m = 365 * 24 * 60 * 60 * 1000; return m;',
        expect: 1471228928,
    },
    {
        title: 'Apex Developer Guide: Rules of Conversion — 365L * 24 * 60 * 60 * 1000 computes in Long',
        body: 'Long m = 365L * 24 * 60 * 60 * 1000; return m;',
        expect: 31536000000,
    },
    {
        title: 'Apex Developer Guide: Rules of Conversion — Long d = 123 widens an Integer to Long',
        body: 'Long d = 123; d = d + 2147483647; return d;',
        expect: 2147483770,
    },
    {
        title: 'Apex Developer Guide: Rules of Conversion — Integer + Decimal is a Decimal',
        body: 'Object o = 1 + 1.5; return o instanceof Decimal;',
        expect: true,
    },
    {
        title: 'Apex Developer Guide: Rules of Conversion — Integer + Long is a Long',
        body: 'Object o = 1 + 2L; return o instanceof Long;',
        expect: true,
    },
    {
        title: 'Apex Developer Guide: Expression Operators — Integer division truncates (5 / 2)',
        body: 'return 5 / 2;',
        expect: 2,
    },
    {
        title: 'Apex Developer Guide: Expression Operators — Integer division truncates toward zero (-5 / 2)',
        body: 'return -5 / 2;',
        expect: -2,
    },
    {
        title: "Apex Developer Guide: Expression Operators — a Decimal operand makes '/' a Decimal division",
        body: 'Decimal d = 5; return d / 2;',
        expect: 2.5,
    },
    {
        title: 'Apex Reference: Math Class — division by zero throws System.MathException',
        body: 'Integer zero = 0; return 1 / zero;',
        throws: /System\.MathException: Divide by 0/,
    },
    {
        title: 'Apex Reference: Decimal Class — Decimal division by zero throws System.MathException',
        body: 'Decimal zero = 0; return 1.5 / zero;',
        throws: /System\.MathException: Divide by 0/,
    },
    {
        title: 'Apex Developer Guide: Primitive Data Types (Long) — Long overflow wraps at 64 bits',
        body: 'Long l = 9223372036854775807L; return String.valueOf(l + 1);',
        expect: '-9223372036854775808',
    },
    {
        title: 'Apex Developer Guide: Null Variables — arithmetic on a null Integer throws NullPointerException',
        body: 'Integer x; return x + 1;',
        throws: /System\.NullPointerException: Attempt to de-reference a null object/,
    },
    {
        title: 'Apex Developer Guide: Expression Operators — < > <= >= with a null Integer, Decimal, Date or Datetime are false, not a NullPointerException',
        body: 'Decimal x; Integer i; Date d; Datetime t; return new List<Boolean>{ x > 1, x < 1, 1 <= x, i >= 0, d < Date.newInstance(2020, 1, 1), t > Datetime.newInstanceGmt(2020, 1, 1), x + 0 == null };',
        throws: /System\.NullPointerException/,
    },
    {
        title: 'Apex Developer Guide: Expression Operators — comparisons with null give false (then arithmetic on null still throws)',
        body: 'Decimal x; Integer i; Date d; Datetime t; return new List<Boolean>{ x > 1, x < 1, 1 <= x, i >= 0, d < Date.newInstance(2020, 1, 1), t > Datetime.newInstanceGmt(2020, 1, 1) };',
        expect: [false, false, false, false, false, false],
    },
    {
        title: 'Apex Developer Guide: Expression Operators — a non-null String is greater than a null String; String comparison ignores case',
        body: "String n; return new List<Boolean>{ 'a' > n, n < 'a', 'apple' < 'Banana', 'B' > 'a', 'abc' <= 'ABC' };",
        expect: [true, true, true, true, true],
    },
    {
        title: 'Apex Developer Guide: Primitive Data Types — a declared but uninitialized Integer is null',
        body: 'Integer x; return x == null;',
        expect: true,
    },
    {
        title: 'Apex Reference: Integer Class — valueOf(String)',
        body: "return Integer.valueOf('42') + 1;",
        expect: 43,
    },
    {
        title: 'Apex Reference: Integer Class — valueOf of a non-number throws System.TypeException',
        body: "return Integer.valueOf('4x2');",
        throws: /System\.TypeException: Invalid integer: 4x2/,
    },
    {
        title: 'Apex Reference: Decimal Class — intValue truncates the fraction',
        body: 'return new List<Integer>{ (5.9).intValue(), (-5.9).intValue() };',
        expect: [5, -5],
    },
    {
        title: 'Apex Reference: Long Class — valueOf(String)',
        body: "return String.valueOf(Long.valueOf('9007199254740993'));",
        expect: '9007199254740993',
    },
    {
        title: "Apex Reference: String Class — valueOf(Double) prints Java's Double form",
        body: "Double d = 100; return String.valueOf(d) + '|' + String.valueOf(0.5d);",
        expect: '100.0|0.5',
    },

    // ---- Decimal scale and rounding ----
    {
        title: 'Apex Developer Guide: Decimal Data Type — a literal keeps its scale (1.50)',
        body: 'Decimal d = 1.50; return String.valueOf(d);',
        expect: '1.50',
    },
    {
        title: 'Apex Reference: Decimal Class — scale() of 1.50 is 2',
        body: 'return (1.50).scale();',
        expect: 2,
    },
    {
        title: 'Apex Developer Guide: Decimal Data Type — Decimal.valueOf(String) takes the scale of the string',
        body: "return String.valueOf(Decimal.valueOf('12.340'));",
        expect: '12.340',
    },
    {
        title: 'Apex Developer Guide: Decimal Data Type — a Decimal from an Integer has scale 0',
        body: 'Decimal d = 7; return d.scale();',
        expect: 0,
    },
    {
        title: 'Apex Reference: Decimal Class — setScale(scale) rounds half-even when needed',
        body: 'return new List<String>{ String.valueOf((2.345).setScale(2)), String.valueOf((2.355).setScale(2)), String.valueOf((2.3451).setScale(2)) };',
        expect: ['2.34', '2.36', '2.35'],
    },
    {
        title: 'Apex Reference: Decimal Class — setScale(2) pads 2.5 to 2.50',
        body: 'return String.valueOf((2.5).setScale(2));',
        expect: '2.50',
    },
    {
        title: 'Apex Reference: Decimal Class — setScale(scale, roundingMode) HALF_UP',
        body: 'return String.valueOf((2.345).setScale(2, System.RoundingMode.HALF_UP));',
        expect: '2.35',
    },
    {
        title: 'Apex Reference: Decimal Class — setScale(scale, roundingMode) HALF_EVEN',
        body: 'return String.valueOf((2.345).setScale(2, System.RoundingMode.HALF_EVEN));',
        expect: '2.34',
    },
    {
        title: 'Apex Reference: Decimal Class — setScale(scale, roundingMode) DOWN',
        body: 'return String.valueOf((2.349).setScale(2, System.RoundingMode.DOWN));',
        expect: '2.34',
    },
    {
        title: 'Apex Reference: Decimal Class — addition keeps the larger scale',
        body: 'return String.valueOf(1.10 + 2.205);',
        expect: '3.305',
    },
    {
        title: 'Apex Reference: Decimal Class — multiplication adds the scales',
        body: 'return String.valueOf(1.5 * 2.25);',
        expect: '3.375',
    },
    roundingCase('CEILING', [6, 2, -1, -2]),
    roundingCase('DOWN', [5, 1, -1, -2]),
    roundingCase('FLOOR', [5, 1, -2, -3]),
    roundingCase('HALF_DOWN', [5, 1, -1, -3]),
    roundingCase('HALF_EVEN', [6, 1, -1, -3]),
    roundingCase('HALF_UP', [6, 1, -1, -3]),
    roundingCase('UP', [6, 2, -2, -3]),
    {
        title: 'Apex Reference: Decimal Class — Rounding Mode UNNECESSARY throws when rounding is needed',
        body: 'return (5.5).round(System.RoundingMode.UNNECESSARY);',
        throws: /System\.MathException/,
    },
    {
        title: 'Apex Reference: Decimal Class — round() rounds half-even',
        body: 'return new List<Long>{ (2.5).round(), (3.5).round() };',
        expect: [2, 4],
    },
    {
        title: 'Apex Reference: Decimal Class — divide(divisor, scale): 19 / 100 to 3 places is 0.190',
        body: 'Decimal n = 19; return String.valueOf(n.divide(100, 3));',
        expect: '0.190',
    },
    {
        title: 'Apex Reference: Decimal Class — divide(divisor, scale, roundingMode)',
        body: 'Decimal one = 1; return String.valueOf(one.divide(3, 2, System.RoundingMode.UP));',
        expect: '0.34',
    },
    {
        title: 'Apex Reference: Decimal Class — setScale after a non-terminating division',
        body: 'Decimal d = 2; return String.valueOf((d / 3).setScale(2, System.RoundingMode.HALF_UP));',
        expect: '0.67',
    },
    {
        title: 'Apex Reference: Decimal Class — printing an unrounded non-terminating quotient is fenced (not modelled)',
        body: 'Decimal d = 1; return String.valueOf(d / 3);',
        throws: /inexact Decimal quotient .*outside the fenced subset at .*T\.cls:4/,
    },
    {
        title: 'Apex Reference: Decimal Class — 1.1 equals 1.10 numerically',
        body: 'return 1.1 == 1.10;',
        expect: true,
    },

    // ---- Math ----
    {
        title: 'Apex Reference: Math Class — round(Decimal) rounds half-even to an Integer',
        body: 'return new List<Integer>{ Math.round(2.5), Math.round(3.5), Math.round(-2.5) };',
        expect: [2, 4, -2],
    },
    {
        title: 'Apex Reference: Math Class — round(Double) rounds half up (Java Math.round)',
        body: 'return new List<Integer>{ Math.round(2.5d), Math.round(-2.5d) };',
        expect: [3, -2],
    },
    {
        title: 'Apex Reference: Math Class — roundToLong(Decimal)',
        body: 'return String.valueOf(Math.roundToLong(1234567890123.5));',
        expect: '1234567890124',
    },
    {
        title: "Apex Reference: Math Class — mod(Integer, Integer) keeps the dividend's sign",
        body: 'return new List<Integer>{ Math.mod(7, 3), Math.mod(-7, 3) };',
        expect: [1, -1],
    },
    {
        title: 'Apex Reference: Math Class — max and min',
        body: 'return new List<Object>{ Math.max(3, 9), Math.min(2.5, 1.25) };',
        expect: [9, 1.25],
    },
    {
        title: 'Apex Reference: Math Class — abs',
        body: 'return new List<Object>{ Math.abs(-5), Math.abs(-2.50) };',
        expect: [5, 2.5],
    },
    {
        title: 'Apex Reference: Math Class — sqrt and pow return Double',
        body: 'Object s = Math.sqrt(16); return new List<Object>{ s instanceof Double, s, Math.pow(2, 10) };',
        expect: [true, 4, 1024],
    },
    {
        title: 'Apex Reference: Math Class — floor and ceil of a Decimal',
        body: 'return new List<Decimal>{ Math.floor(-1.5), Math.ceil(1.2) };',
        expect: [-2, 2],
    },
    {
        title: 'Apex Reference: Math Class — random() is fenced (non-deterministic)',
        body: 'return Math.random();',
        throws: /Math\.random .*outside the fenced subset/,
    },

    // ---- Date and Datetime ----
    {
        title: 'Apex Reference: Date Class — newInstance, year(), month(), day()',
        body: 'Date d = Date.newInstance(2024, 2, 29); return new List<Integer>{ d.year(), d.month(), d.day() };',
        expect: [2024, 2, 29],
    },
    {
        title: 'Apex Reference: Date Class — addDays across a leap day',
        body: 'return Date.newInstance(2024, 2, 28).addDays(1);',
        expect: '2024-02-29',
    },
    {
        title: 'Apex Reference: Date Class — addMonths clamps Jan 31 to Feb 29 in a leap year',
        body: 'return Date.newInstance(2024, 1, 31).addMonths(1);',
        expect: '2024-02-29',
    },
    {
        title: 'Apex Reference: Date Class — addMonths clamps Jan 31 to Feb 28',
        body: 'return Date.newInstance(2023, 1, 31).addMonths(1);',
        expect: '2023-02-28',
    },
    {
        title: 'Apex Reference: Date Class — addMonths with a negative number crosses the year',
        body: 'return Date.newInstance(2024, 1, 15).addMonths(-2);',
        expect: '2023-11-15',
    },
    {
        title: 'Apex Reference: Date Class — addYears from Feb 29',
        body: 'return Date.newInstance(2024, 2, 29).addYears(1);',
        expect: '2025-02-28',
    },
    {
        title: 'Apex Reference: Date Class — daysBetween over a leap year',
        body: 'Date a = Date.newInstance(2024, 1, 1); return new List<Integer>{ a.daysBetween(Date.newInstance(2024, 12, 31)), a.daysBetween(Date.newInstance(2023, 12, 31)) };',
        expect: [365, -1],
    },
    {
        title: 'Apex Reference: Date Class — monthsBetween ignores the days',
        body: 'return Date.newInstance(2024, 1, 31).monthsBetween(Date.newInstance(2024, 2, 1));',
        expect: 1,
    },
    {
        title: 'Apex Reference: Date Class — isLeapYear',
        body: 'return new List<Boolean>{ Date.isLeapYear(2000), Date.isLeapYear(1900), Date.isLeapYear(2024) };',
        expect: [true, false, true],
    },
    {
        title: 'Apex Reference: Date Class — daysInMonth',
        body: 'return new List<Integer>{ Date.daysInMonth(2024, 2), Date.daysInMonth(2023, 2), Date.daysInMonth(2023, 4) };',
        expect: [29, 28, 30],
    },
    {
        title: 'Apex Reference: Date Class — valueOf(String)',
        body: "return Date.valueOf('2024-03-05').addDays(30);",
        expect: '2024-04-04',
    },
    {
        title: 'Apex Reference: Date Class — toStartOfMonth and dayOfYear',
        body: 'Date d = Date.newInstance(2024, 12, 31); return new List<Object>{ d.toStartOfMonth(), d.dayOfYear() };',
        expect: ['2024-12-01', 366],
    },
    {
        title: 'Apex Developer Guide: Expression Operators — Dates compare with < and >',
        body: 'return Date.newInstance(2024, 1, 1) < Date.newInstance(2024, 1, 2);',
        expect: true,
    },
    {
        title: 'Apex Reference: Date Class — today() is fenced: calculators take now as a parameter',
        body: 'return Date.today();',
        throws: /Date\.today\(\) .*outside the fenced subset at .*T\.cls:4/,
    },
    {
        title: 'Apex Reference: Datetime Class — newInstanceGmt, addHours, dayGmt, hourGmt',
        body: 'Datetime t = Datetime.newInstanceGmt(2024, 1, 1, 12, 0, 0).addHours(13); return new List<Integer>{ t.dayGmt(), t.hourGmt() };',
        expect: [2, 1],
    },
    {
        title: 'Apex Reference: Datetime Class — dateGmt()',
        body: 'return Datetime.newInstanceGmt(2024, 2, 29, 23, 59, 59).dateGmt();',
        expect: '2024-02-29',
    },

    // ---- Strings ----
    {
        title: 'Apex Reference: String Class — length',
        body: "return 'Keystone'.length();",
        expect: 8,
    },
    {
        title: 'Apex Reference: String Class — toUpperCase and toLowerCase',
        body: "return 'Ab'.toUpperCase() + 'Ab'.toLowerCase();",
        expect: 'ABab',
    },
    {
        title: 'Apex Reference: String Class — trim',
        body: "return '  a b  '.trim();",
        expect: 'a b',
    },
    {
        title: 'Apex Reference: String Class — contains, startsWith and endsWith are case-sensitive',
        body: "String s = 'Champion'; return new List<Boolean>{ s.contains('amp'), s.contains('AMP'), s.startsWith('Ch'), s.endsWith('ion') };",
        expect: [true, false, true, true],
    },
    {
        title: 'Apex Reference: String Class — split(regExp)',
        body: "return 'a.b.c'.split('\\\\.');",
        expect: ['a', 'b', 'c'],
    },
    {
        title: 'Apex Reference: String Class — split drops trailing empty strings',
        body: "return 'a,b,,'.split(',');",
        expect: ['a', 'b'],
    },
    {
        title: 'Apex Reference: String Class — join(iterableObj, separator)',
        body: "return String.join(new List<String>{'a', 'b', 'c'}, ', ');",
        expect: 'a, b, c',
    },
    {
        title: 'Apex Reference: String Class — isBlank, isNotBlank, isEmpty',
        body: "return new List<Boolean>{ String.isBlank(null), String.isBlank('  '), String.isEmpty('  '), String.isNotBlank('a') };",
        expect: [true, true, false, true],
    },
    {
        title: 'Apex Reference: String Class — equalsIgnoreCase and equals',
        body: "return new List<Boolean>{ 'Apex'.equalsIgnoreCase('APEX'), 'Apex'.equals('APEX') };",
        expect: [true, false],
    },
    {
        title: 'Apex Developer Guide: Expression Operators — == on Strings is case-insensitive',
        body: "return 'Advocate' == 'ADVOCATE';",
        expect: true,
    },
    {
        title: 'Apex Reference: String Class — format(stringToFormat, formattingArguments)',
        body: "return String.format('{0} of {1}', new List<String>{'3', '5'});",
        expect: '3 of 5',
    },
    {
        title: 'Apex Reference: String Class — substring, left and right',
        body: "String s = 'Keystone'; return s.substring(1, 3) + '|' + s.left(3) + '|' + s.right(4);",
        expect: 'ey|Key|tone',
    },
    {
        title: 'Apex Reference: String Class — substring out of range throws StringException',
        body: "return 'abc'.substring(1, 9);",
        throws: /System\.StringException/,
    },
    {
        title: 'Apex Reference: String Class — indexOf',
        body: "return 'champion'.indexOf('pi');",
        expect: 4,
    },
    {
        title: "Apex Developer Guide: Expression Operators — concatenating null gives 'null'",
        body: "String s; Integer n; return 'a' + s + n;",
        expect: 'anullnull',
    },
    {
        title: 'Apex Reference: String Class — valueOf(Integer) and valueOf(Decimal)',
        body: "return String.valueOf(5) + '/' + String.valueOf(54.0);",
        expect: '5/54.0',
    },
    {
        title: 'Apex Reference: String Class — replace',
        body: "return 'a-b-c'.replace('-', '+');",
        expect: 'a+b+c',
    },
    {
        title: 'Apex Reference: String Class — capitalize',
        body: "return 'champion'.capitalize();",
        expect: 'Champion',
    },

    // ---- collections ----
    {
        title: 'Apex Reference: List Class — add, get, size',
        body: 'List<Integer> l = new List<Integer>(); l.add(4); l.add(5); return l.get(1) + l.size();',
        expect: 7,
    },
    {
        title: 'Apex Reference: List Class — get out of bounds throws System.ListException',
        body: 'List<Integer> l = new List<Integer>{1}; return l[5];',
        throws: /System\.ListException: List index out of bounds: 5/,
    },
    {
        title: 'Apex Reference: List Class — remove(index) returns the element',
        body: "List<String> l = new List<String>{'a', 'b', 'c'}; String r = l.remove(1); return r + l.size();",
        expect: 'b2',
    },
    {
        title: 'Apex Reference: List Class — sort() of numbers is ascending',
        body: 'List<Decimal> l = new List<Decimal>{3.5, -1, 2}; l.sort(); return l;',
        expect: [-1, 2, 3.5],
    },
    {
        title: 'Apex Reference: List Class — sort() of Strings',
        body: "List<String> l = new List<String>{'pear', 'apple', 'fig'}; l.sort(); return l;",
        expect: ['apple', 'fig', 'pear'],
    },
    {
        title: 'Apex Reference: List Class — indexOf and contains',
        body: "List<String> l = new List<String>{'a', 'b'}; return new List<Object>{ l.indexOf('b'), l.contains('c') };",
        expect: [1, false],
    },
    {
        title: 'Apex Reference: List Class — add(index, listElement) inserts',
        body: 'List<Integer> l = new List<Integer>{1, 3}; l.add(1, 2); return l;',
        expect: [1, 2, 3],
    },
    {
        title: 'Apex Developer Guide: Lists — array notation Integer[] with a size',
        body: 'Integer[] a = new Integer[3]; a[0] = 1; return new List<Object>{ a.size(), a[0], a[2] };',
        expect: [3, 1, null],
    },
    {
        title: 'Apex Developer Guide: Lists — elements of a List<Decimal> built from Integers are Decimals',
        body: 'List<Decimal> l = new List<Decimal>{1, 2}; Decimal d = l[0]; return d / 4;',
        expect: 0.25,
    },
    {
        title: 'Apex Reference: Set Class — add returns false for a duplicate',
        body: "Set<String> s = new Set<String>{'a'}; return new List<Object>{ s.add('a'), s.add('b'), s.size(), s.contains('b') };",
        expect: [false, true, 2, true],
    },
    {
        title: 'Apex Developer Guide: Sets — String elements are case-sensitive',
        body: "Set<String> s = new Set<String>{'a', 'A'}; return s.size();",
        expect: 2,
    },
    {
        title: 'Apex Developer Guide: Sets — iteration order is deterministic (insertion order)',
        body: "Set<String> s = new Set<String>{'c', 'a', 'b'}; List<String> out = new List<String>(); for (String x : s) { out.add(x); } return out;",
        expect: ['c', 'a', 'b'],
    },
    {
        title: 'Apex Reference: Map Class — put returns the previous value; get of a missing key is null',
        body: "Map<String, Integer> m = new Map<String, Integer>(); m.put('a', 1); Integer prev = m.put('a', 2); return new List<Object>{ prev, m.get('a'), m.get('z'), m.containsKey('a'), m.size() };",
        expect: [1, 2, null, true, 1],
    },
    {
        title: 'Apex Reference: Map Class — keySet, values, remove',
        body: "Map<String, Integer> m = new Map<String, Integer>{'x' => 1, 'y' => 2}; Integer r = m.remove('x'); return new List<Object>{ r, new List<String>(m.keySet()), m.values() };",
        expect: [1, ['y'], [2]],
    },
    {
        title: 'Apex Developer Guide: Maps — String keys are case-sensitive',
        body: "Map<String, Integer> m = new Map<String, Integer>{'a' => 1}; return m.containsKey('A');",
        expect: false,
    },
    {
        title: 'Apex Developer Guide: Maps — iteration order is deterministic (insertion order)',
        body: "Map<String, Integer> m = new Map<String, Integer>(); m.put('z', 1); m.put('a', 2); return new List<String>(m.keySet());",
        expect: ['z', 'a'],
    },
    {
        title: 'Apex Developer Guide: List or Set Iteration For Loops — modifying a list while iterating throws',
        body: 'List<Integer> l = new List<Integer>{1, 2}; for (Integer i : l) { l.add(3); } return l;',
        throws: /System\.FinalException: Cannot modify a collection while it is being iterated/,
    },

    // ---- control flow ----
    {
        title: 'Apex Developer Guide: Switch Statements — when values and when else',
        body: "List<String> out = new List<String>(); for (Integer i : new List<Integer>{1, 2, 7}) { switch on i { when 1 { out.add('one'); } when 2, 3 { out.add('few'); } when else { out.add('many'); } } } return out;",
        expect: ['one', 'few', 'many'],
    },
    {
        title: 'Apex Developer Guide: Switch Statements — switch on an enum',
        members: 'public enum Season { WINTER, SPRING }',
        body: "Season s = Season.SPRING; switch on s { when WINTER { return 'w'; } when SPRING { return 's'; } } return null;",
        expect: 's',
    },
    {
        title: 'Apex Developer Guide: Switch Statements — switch on a String',
        body: "String k = 'b'; switch on k { when 'a' { return 1; } when 'b' { return 2; } when null { return 0; } } return -1;",
        expect: 2,
    },
    {
        title: 'Apex Developer Guide: Do-While Loops — the body runs at least once',
        body: 'Integer n = 0; do { n++; } while (n < 0); return n;',
        expect: 1,
    },
    {
        title: 'Apex Developer Guide: While Loops',
        body: 'Integer n = 0; while (n < 5) { n += 2; } return n;',
        expect: 6,
    },
    {
        title: 'Apex Developer Guide: Loops — break and continue in a traditional for loop',
        body: 'Integer t = 0; for (Integer i = 0; i < 10; i++) { if (i == 2) { continue; } if (i == 5) { break; } t += i; } return t;',
        expect: 8,
    },
    {
        title: 'Apex Developer Guide: Expression Operators — ternary and null coalescing ??',
        body: "Integer x; Integer y = x ?? 7; return y > 5 ? 'big' : 'small';",
        expect: 'big',
    },
    {
        title: 'Apex Developer Guide: Safe Navigation Operator — ?. on null returns null',
        body: 'Stakeholder__c s; return s?.Sentiment__c;',
        expect: null,
    },
    {
        title: 'Apex Developer Guide: Safe Navigation Operator — a null on the left skips the rest of the chain',
        body: "Stakeholder__c s; Stakeholder__c t = new Stakeholder__c(Contact__r = new Contact(LastName = 'Ng')); return new List<Object>{ s?.Contact__r.LastName, t?.Contact__r.LastName.toUpperCase() };",
        expect: [null, 'NG'],
    },
    {
        title: 'Apex Developer Guide: Null Variables — calling a method on null throws NullPointerException',
        body: 'String s; return s.length();',
        throws: /System\.NullPointerException/,
    },

    // ---- classes, interfaces, exceptions ----
    {
        title: 'Apex Developer Guide: Classes — constructors, instance and static members',
        members:
            'public class Counter { public static Integer created = 0; public Integer value; public Counter(Integer start) { this.value = start; created++; } public Counter() { this(10); } public Integer next() { value = value + 1; return value; } }',
        body: 'Counter a = new Counter(1); Counter b = new Counter(); a.next(); return new List<Integer>{ a.next(), b.value, Counter.created };',
        expect: [3, 10, 2],
    },
    {
        title: 'Apex Developer Guide: Interfaces — a class implements an interface; virtual and override',
        members:
            'public interface Scorer { Decimal score(Decimal x); } public virtual class Base implements Scorer { public virtual Decimal score(Decimal x) { return x; } } public class Double2 extends Base { public override Decimal score(Decimal x) { return super.score(x) * 2; } }',
        body: 'Scorer s = new Double2(); return new List<Object>{ s.score(2.5), s instanceof Base, s instanceof Scorer };',
        expect: [5, true, true],
    },
    {
        title: 'Apex Developer Guide: Create Custom Exceptions — extends Exception with a message constructor',
        members: 'public class ScoringException extends Exception {}',
        body: "try { throw new ScoringException('bad weight'); } catch (ScoringException e) { return e.getMessage() + '|' + e.getTypeName(); }",
        expect: 'bad weight|T.ScoringException',
    },
    {
        title: 'Apex Developer Guide: Exception Statements — finally runs after catch',
        body: "List<String> log = new List<String>(); try { Integer z = 0; Integer r = 1 / z; } catch (MathException e) { log.add('catch'); } finally { log.add('finally'); } return log;",
        expect: ['catch', 'finally'],
    },
    {
        title: 'Apex Developer Guide: Exception Statements — catch (Exception e) catches a System exception',
        body: 'try { List<Integer> l = new List<Integer>(); l.get(0); } catch (Exception e) { return e.getTypeName(); } return null;',
        expect: 'System.ListException',
    },
    {
        title: 'Apex Developer Guide: Exception Class and Built-In Exceptions — an uncaught custom exception propagates',
        members: 'public class ScoringException extends Exception {}',
        body: "throw new ScoringException('weights must sum to 100');",
        throws: /T\.ScoringException: weights must sum to 100/,
    },
    {
        title: 'Apex Reference: System Class — assertEquals failure cannot be caught',
        body: "try { System.assertEquals(1, 2); } catch (Exception e) { return 'caught'; } return 'no';",
        throws: /System\.AssertException: Assertion Failed: Expected: 1, Actual: 2/,
    },
    {
        title: 'Apex Reference: Assert Class — areEqual, isTrue, isNull, isNotNull pass',
        body: "Assert.areEqual(3, 1 + 2); Assert.isTrue(true); Assert.isFalse(false); Assert.isNull(null); Assert.isNotNull(1); Assert.areNotEqual(1, 2); System.assert(true); return 'ok';",
        expect: 'ok',
    },
    {
        title: 'Apex Reference: Assert Class — fail(message)',
        body: "Assert.fail('unreachable');",
        throws: /System\.AssertException: Assertion Failed: unreachable/,
    },
    {
        title: 'Apex Developer Guide: Enums — values(), ordinal(), name()',
        members: 'public enum Band { HEALTHY, WATCH, AT_RISK }',
        body: 'List<String> out = new List<String>(); for (Band b : Band.values()) { out.add(b.name() + b.ordinal()); } return out;',
        expect: ['HEALTHY0', 'WATCH1', 'AT_RISK2'],
    },
    {
        title: 'Apex Developer Guide: Static and Instance Methods — static initialization code runs once',
        members:
            'static Integer loads = 0; static { loads++; } static Integer twice() { return loads; }',
        body: 'twice(); return twice();',
        expect: 1,
    },
    {
        title: 'Apex Developer Guide: Understanding Apex — identifiers are case-insensitive',
        body: 'INTEGER Total = 2; return total + TOTAL;',
        expect: 4,
    },

    {
        title: 'Apex Developer Guide: Class Methods — a value returned from a method declared Decimal is a Decimal',
        members: 'static Decimal half() { return 5; }',
        body: 'return half() / 2;',
        expect: 2.5,
    },
    {
        title: 'Apex Developer Guide: Class Methods — overloaded methods are chosen by parameter type',
        members:
            "static String kind(Integer x) { return 'int'; } static String kind(String x) { return 'str'; }",
        body: "return kind(1) + kind('a');",
        expect: 'intstr',
    },
    {
        title: 'Apex Reference: Comparable Interface — List.sort() orders objects by compareTo',
        members:
            'public class Item implements Comparable { public Integer rank; public Item(Integer r) { rank = r; } public Integer compareTo(Object other) { return rank - ((Item) other).rank; } }',
        body: 'List<Item> items = new List<Item>{ new Item(3), new Item(1), new Item(2) }; items.sort(); return new List<Integer>{ items[0].rank, items[1].rank, items[2].rank };',
        expect: [1, 2, 3],
    },
    {
        title: 'Apex Reference: Exception Class — the (message, cause) constructor and getCause()',
        members: 'public class WrapException extends Exception {}',
        body: "try { Integer z = 0; Integer r = 5 / z; } catch (MathException e) { WrapException w = new WrapException('wrapped', e); return w.getMessage() + '|' + w.getCause().getMessage(); } return null;",
        expect: 'wrapped|Divide by 0',
    },
    {
        title: 'Apex Developer Guide: Extending a Class — inherited fields and a constructor calling super(...)',
        members:
            'public virtual class Base { protected Integer weight; public Base(Integer w) { weight = w; } } public class Child extends Base { public Child() { super(7); } public Integer doubled() { return weight * 2; } }',
        body: 'return new Child().doubled();',
        expect: 14,
    },
    // ---- casts and untyped JSON shapes ----
    {
        title: 'Apex Developer Guide: Classes and Casting — (Decimal) of an Object holding an Integer',
        body: 'Object o = 54; Decimal d = (Decimal) o; return d / 4;',
        expect: 13.5,
    },
    {
        title: 'Apex Developer Guide: Classes and Casting — a bad cast throws System.TypeException',
        body: "Object o = 'x'; Integer i = (Integer) o; return i;",
        throws: /System\.TypeException: Invalid conversion from runtime type String to Integer/,
    },
    {
        title: 'Apex Reference: JSON Class — deserializeUntyped shapes cast with (Map<String, Object>) and (List<Object>)',
        body: "Object raw = new Map<String, Object>{ 'items' => new List<Object>{ 1, 'a' } }; Map<String, Object> m = (Map<String, Object>) raw; List<Object> items = (List<Object>) m.get('items'); return (String) items[1];",
        expect: 'a',
    },
    {
        title: 'Apex Developer Guide: Using the instanceof Keyword',
        body: "Object o = 'text'; return new List<Boolean>{ o instanceof String, o instanceof Integer, null instanceof String };",
        expect: [true, false, false],
    },

    // ---- SObjects ----
    {
        title: 'Apex Developer Guide: SObject Types — new with field name-value pairs; field names are case-insensitive',
        body: "Stakeholder__c s = new Stakeholder__c(Sentiment__c = 'Advocate', Influence__c = 4); return s.SENTIMENT__C + s.influence__c;",
        expect: 'Advocate4',
    },
    {
        title: 'Apex Developer Guide: Accessing SObject Fields Through Relationships — parent record as a nested value',
        body: "Stakeholder__c s = new Stakeholder__c(Contact__r = new Contact(LastName = 'Ng', Title = 'CFO')); return s.Contact__r.Title;",
        expect: 'CFO',
    },
    {
        title: 'Apex Reference: SObject Class — get and put',
        body: "Stakeholder__c s = new Stakeholder__c(); s.put('Sentiment__c', 'Neutral'); return (String) s.get('sentiment__c');",
        expect: 'Neutral',
    },
    {
        title: 'Apex Developer Guide: SObject Types — a field that does not exist is an error',
        body: 'Stakeholder__c s = new Stakeholder__c(); return s.Mood__c;',
        throws: /unknown field Stakeholder__c\.Mood__c .* at .*T\.cls:4$/,
    },
    {
        title: 'Apex Developer Guide: SObject Types — an unset field reads as null',
        body: "Opportunity o = new Opportunity(StageName = 'Prospecting'); return o.Amount;",
        expect: null,
    },
    {
        title: 'Apex Developer Guide: Working with sObjects — a null Boolean field read with dot notation is false (get() returns null)',
        body: "Stakeholder__c s = new Stakeholder__c(); return new List<Object>{ s.IsActive__c, s.get('IsActive__c'), s.IsActive__c != false };",
        expect: [false, null, false],
    },
    {
        title: 'Apex Developer Guide: Working with sObjects — a formula field is not writeable',
        body: 'Stakeholder__c s = new Stakeholder__c(Score__c = 5); return s;',
        throws: /writing the read-only field Stakeholder__c\.Score__c .* at .*T\.cls:4$/,
    },
    {
        title: 'Apex Reference: SObject Class — put on a read-only field throws SObjectException',
        body: "Opportunity o = new Opportunity(); o.put('IsWon', true); return o;",
        throws: /System\.SObjectException: Field IsWon is not editable/,
    },
    {
        title: 'Apex Developer Guide: Primitive Data Types (ID) — a 15-character Id is held as its 18-character form',
        body: "Id i = '001000000000001'; return String.valueOf(i);",
        expect: '001000000000001AAA',
    },
    {
        title: 'Apex Developer Guide: Rules of Conversion — instanceof tests whether a String is an ID',
        body: "Object a = '001000000000001'; Object b = 'not-an-id'; return new List<Boolean>{ a instanceof Id, b instanceof Id };",
        expect: [true, false],
    },
    {
        title: 'Apex Developer Guide: Rules of Conversion — assigning an invalid String to an Id throws StringException',
        body: "Id i = 'nope'; return i;",
        throws: /System\.StringException: Invalid id: nope/,
    },

    // ---- the fence ----
    // ---- language constructs of the local org ----
    {
        title: 'Apex Developer Guide: Properties — get and set blocks run on read and write; inside them the name is the backing store',
        members:
            'static Integer reads = 0; public Integer doubled { get { reads++; return doubled == null ? 0 : doubled * 2; } set { doubled = value + 1; } }',
        body: 'T t = new T(); Integer before = t.doubled; t.doubled = 4; return new List<Integer>{ before, t.doubled, reads };',
        expect: [0, 10, 2],
    },
    {
        title: 'Apex Developer Guide: Properties — static property with a get block and a private set',
        members:
            "static String label { get { return label == null ? 'none' : label; } private set; }",
        body: "String first = label; label = 'set'; return first + '/' + label;",
        expect: 'none/set',
    },
    {
        title: 'Apex Developer Guide: Switch Statements — when on an SObject type binds a typed variable',
        body: "List<String> out = new List<String>(); for (SObject r : new List<SObject>{ new Account(Name = 'A'), new Stakeholder__c(Sentiment__c = 'Advocate') }) { switch on r { when Account a { out.add('account ' + a.Name); } when Stakeholder__c s { out.add('stakeholder ' + s.Sentiment__c); } when else { out.add('other'); } } } return out;",
        expect: ['account A', 'stakeholder Advocate'],
    },
    {
        title: 'Apex Reference: String Class — String.valueOf(SObject) prints Type:{Field=value, …}',
        body: "Account a = new Account(Name = 'Acme'); return 'record ' + a;",
        expect: 'record Account:{Name=Acme}',
    },
    {
        title: 'Apex Reference: String Class — String.valueOf of an Apex object uses its toString() override; an exception prints its type and message',
        classes: {
            Money: "public class Money { Integer cents; public Money(Integer c) { cents = c; } public override String toString() { return cents / 100 + ' USD'; } }",
            Plain: 'public class Plain { public Integer itemCount = 2; String label; }',
        },
        body: "return 'total ' + new Money(1250) + ' / ' + String.valueOf(new Plain()) + ' / ' + new DmlException('boom');",
        expect: 'total 12 USD / Plain:[itemCount=2, label=null] / System.DmlException: boom',
    },
    {
        title: 'Apex Reference: Map Class — new Map<Id, SObject>(List) keys the records by Id; a record without Id throws',
        body: "Account a = new Account(Id = '001000000000001AAA', Name = 'A'); Map<Id, Account> byId = new Map<Id, Account>(new List<Account>{ a }); try { new Map<Id, Account>(new List<Account>{ new Account() }); } catch (ListException e) { return byId.get('001000000000001AAA').Name + '|' + e.getTypeName(); } return null;",
        expect: 'A|System.ListException',
    },
    {
        title: 'Apex Reference: String Class — String.format converts non-String arguments with String.valueOf',
        body: "return String.format('{0} of {1} on {2}', new List<Object>{ 3, 2.50, Date.newInstance(2024, 2, 29) });",
        expect: '3 of 2.50 on 2024-02-29',
    },
    {
        title: 'Apex Reference: Exception Class — getLineNumber and getStackTraceString name the class, method and line',
        classes: {
            Thrower:
                'public class Thrower {\n  public static void go() {\n    Integer x = null;\n    x++;\n  }\n}',
        },
        body: "try { Thrower.go(); } catch (NullPointerException e) { return e.getLineNumber() + '|' + e.getStackTraceString(); } return null;",
        expect: '4|Class.Thrower.go: line 4, column 5\nClass.T.run: line 4, column 7',
    },
    {
        title: 'Apex Developer Guide: Classes — an inner class of a superclass is visible by its simple name',
        classes: {
            Base: 'public virtual class Base { public class Item { public Integer n = 7; } }',
            Child: 'public class Child extends Base { public static Integer make() { return new Item().n; } }',
        },
        body: 'return Child.make();',
        expect: 7,
    },
    {
        title: 'Fence: SOQL fails loudly naming the construct, file and line',
        body: 'List<Account> a = [SELECT Id FROM Account];\nreturn a;',
        throws: /^apexInterpreter: SOQL query is outside the fenced subset at .*T\.cls:4$/,
    },
    {
        title: 'Fence: DML fails loudly',
        body: "Account a = new Account(Name = 'x');\ninsert a;\nreturn null;",
        throws: /^apexInterpreter: DML insert is outside the fenced subset at .*T\.cls:5$/,
    },
    {
        title: 'Fence: Database.* fails loudly',
        body: "return Database.query('SELECT Id FROM Account');",
        throws: /Database\.query\(\) is outside the fenced subset/,
    },
    {
        title: 'Fence: Schema describe fails loudly',
        body: 'return Schema.getGlobalDescribe();',
        throws: /Schema\.getGlobalDescribe\(\) is outside the fenced subset/,
    },
    {
        title: 'Fence: System.now() fails loudly',
        body: 'return System.now();',
        throws: /System\.now\(\) \(calculators must take "now" as a parameter\) is outside the fenced subset/,
    },
];

for (const c of cases) {
    test(c.title, () => {
        if (c.throws) {
            assert.throws(
                () => evalApex(c.body, c.members ?? '', c.classes ?? {}),
                (e: Error) => {
                    assert.match(e.message, c.throws as RegExp);
                    return true;
                },
            );
        } else {
            assert.deepEqual(evalApex(c.body, c.members ?? '', c.classes ?? {}), c.expect);
        }
    });
}

test('Fence: loading reports SOQL, DML and @future at load time, per class', () => {
    const program = loadSources({
        Sel: 'public class Sel {\n  @future\n  public static void later() {}\n  public static List<Account> q() {\n    return [SELECT Id FROM Account];\n  }\n  public static void w(Account a) {\n    update a;\n  }\n}',
        Pure: "public class Pure { public static Integer two() { String type = 'a'; String json = type.toUpperCase(); return json.length() + 1; } }",
    });
    assert.deepEqual(
        program.fenceViolations('Sel').map((v) => `${v.construct}@${v.location.line}`),
        ['@future (async)@2', 'SOQL query@5', 'DML update@8'],
    );
    assert.deepEqual(program.fenceViolations('Pure'), []);
    assert.equal(program.callStatic('Pure', 'two', []), 2);
});

test('Public API: fromJson/toJson round trip through callStatic (JSON.deserializeUntyped number types)', () => {
    const program = loadSources({
        Echo: "public class Echo { public static Object types(Map<String, Object> m) { List<String> out = new List<String>(); for (String k : m.keySet()) { Object v = m.get(k); out.add(k + ':' + (v instanceof Integer ? 'Integer' : v instanceof Long ? 'Long' : v instanceof Decimal ? 'Decimal' : v instanceof String ? 'String' : v instanceof Boolean ? 'Boolean' : v instanceof List<Object> ? 'List' : v instanceof Map<String, Object> ? 'Map' : 'null')); } return out; } }",
    });
    assert.deepEqual(
        program.callStatic('Echo', 'types', [
            { i: 3, l: 3000000000, d: 1.5, s: 'x', b: true, a: [1], o: { k: 1 }, n: null },
        ]),
        ['i:Integer', 'l:Long', 'd:Decimal', 's:String', 'b:Boolean', 'a:List', 'o:Map', 'n:null'],
    );
});

test('Apex Reference: JSON Class — deserializeUntyped number types as read by the vectors runner (3 Integer, 3.0 Decimal scale 1, 3000000000 Long)', () => {
    const program = loadSources({
        Kinds: "public class Kinds { public static List<String> of(List<Object> values) { List<String> out = new List<String>(); for (Object v : values) { out.add(v instanceof Integer ? 'Integer' : v instanceof Long ? 'Long' : v instanceof Decimal ? 'Decimal' + ((Decimal) v).scale() : 'other'); } return out; } }",
    });
    const values = parseJsonToApex('[3, 3.0, 3000000000, 2.50, 1e3, -7]');
    assert.deepEqual(program.callStatic('Kinds', 'of', [values]), [
        'Integer',
        'Decimal1',
        'Long',
        'Decimal2',
        'Decimal0',
        'Integer',
    ]);
});

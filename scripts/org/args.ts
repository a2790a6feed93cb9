// Flags of the org commands: `--name value`, `--name=value` and boolean `--name`. Unknown flags
// and missing values are refused with the command's usage, so a typo never runs against an org.
export interface FlagSpec {
    /** Flags that take a value, with their default (undefined = no default). */
    values: Record<string, string | undefined>;
    /** Flags that are true when present. */
    switches: string[];
    /** Flags that must be given. */
    required?: string[];
    usage: string;
}

export class UsageError extends Error {
    constructor(message: string, usage: string) {
        super(`${message}\n\n${usage}`);
        this.name = 'UsageError';
    }
}

export function parseFlags(
    argv: string[],
    spec: FlagSpec,
): { values: Record<string, string>; switches: Set<string> } {
    const values: Record<string, string> = {};
    for (const [name, fallback] of Object.entries(spec.values)) {
        if (fallback !== undefined) values[name] = fallback;
    }
    const switches = new Set<string>();
    for (let index = 0; index < argv.length; index++) {
        const arg = argv[index] ?? '';
        if (arg === '--help' || arg === '-h') throw new UsageError('', spec.usage);
        const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
        if (!match?.[1]) throw new UsageError(`unexpected argument "${arg}"`, spec.usage);
        const name = match[1];
        if (spec.switches.includes(name)) {
            switches.add(name);
        } else if (name in spec.values) {
            const value = match[2] ?? argv[++index];
            if (value === undefined || value.startsWith('--')) {
                throw new UsageError(`--${name} needs a value`, spec.usage);
            }
            values[name] = value;
        } else {
            throw new UsageError(`unknown flag --${name}`, spec.usage);
        }
    }
    for (const name of spec.required ?? []) {
        if (!values[name]) throw new UsageError(`--${name} is required`, spec.usage);
    }
    return { values, switches };
}

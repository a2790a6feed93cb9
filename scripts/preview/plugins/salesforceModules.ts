// Resolves the modules the Salesforce platform provides at runtime and the open-source LWC
// toolchain does not: `@salesforce/apex/*`, `@salesforce/schema/*`, `@salesforce/label/*`,
// `@salesforce/resourceUrl/*`, `@salesforce/user/*`, `@salesforce/i18n/*`, and the few
// `lightning/*` modules lightning-base-components does not ship (mapped to scripts/preview/standins).
//
// It must run before the LWC plugin. `@salesforce/*` imports made from node_modules are left
// alone: lightning-base-components maps its own labels, gates and i18n in its package.json.
// Anything the preview cannot provide fails the build with a message naming the file to add,
// rather than failing later in the browser.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'rollup';
import {
    PACKAGE_DIR,
    listObjectFolders,
    metadataFolders,
    staticResourceFolder,
} from '../../lib/projectPaths.ts';
import { readCustomLabels } from '../labels.ts';
import { ADAPTERS_DIR, STANDINS_DIR } from '../paths.ts';
import { fileOfModuleId } from './typescript.ts';

/** Platform modules with a preview stand-in, for every importer (base components included). */
export const STANDIN_MODULES: Record<string, string> = {
    'lightning/uiRecordApi': 'uiRecordApi.ts',
    'lightning/platformShowToastEvent': 'platformShowToastEvent.ts',
    'lightning/platformResourceLoader': 'platformResourceLoader.ts',
    'lightning/navigation': 'navigation.ts',
    // lightning-base-components' own lightning/navigation re-exports this platform module.
    'force/navigation': 'navigation.ts',
    'lightning/refresh': 'refresh.ts',
    'lightning/messageService': 'messageService.ts',
    '@salesforce/apex': 'apex.ts',
};

/** `@salesforce/i18n/*` values of the preview user. */
const I18N: Record<string, string> = {
    locale: 'en-US',
    lang: 'en-US',
    currency: 'USD',
    timeZone: 'UTC',
    dir: 'ltr',
    firstDayOfWeek: '1',
};

const VIRTUAL_PREFIX = '\0keystone-preview:';
/** Custom field names per object, generated from the metadata (see ../virtualModules.d.ts). */
const OBJECT_FIELDS_MODULE = 'keystone-preview:object-fields';
/**
 * The base components' right-to-left icon libraries (some 1,700 template modules, imported
 * dynamically) are the left-to-right ones for this left-to-right page: a build in half the time.
 */
const RTL_ICON_LIBRARY = /^lightning\/iconSvgTemplates(Utility|Action|Standard|Doctype|Custom)Rtl$/;
const USER_MODULE = join(STANDINS_DIR, '..', 'data', 'previewData.ts');

function isInNodeModules(importer: string | undefined): boolean {
    return importer !== undefined && fileOfModuleId(importer).includes('/node_modules/');
}

function js(value: unknown): string {
    return JSON.stringify(value);
}

/** Does the adapter file export `name` (function, const or export list)? */
export function adapterExports(source: string, name: string): boolean {
    const escaped = name.replace(/[$]/g, '\\$');
    return new RegExp(
        `export\\s+(?:async\\s+)?(?:function|const|let)\\s+${escaped}\\b|export\\s*\\{[^}]*\\b${escaped}\\b[^}]*\\}`,
    ).test(source);
}

/**
 * Custom field API names per object, from every feature's
 * objects/<Object>/fields/<Field>.field-meta.xml (a standard object's fields may come from
 * several features).
 */
export function readCustomObjectFields(packageDir: string = PACKAGE_DIR): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const { name, dir } of listObjectFolders(packageDir)) {
        const fieldsDir = join(dir, 'fields');
        if (!existsSync(fieldsDir)) continue;
        const fields = readdirSync(fieldsDir)
            .filter((file) => file.endsWith('.field-meta.xml'))
            .map((file) => file.slice(0, -'.field-meta.xml'.length));
        result[name] = [...(result[name] ?? []), ...fields].sort();
    }
    return Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)));
}

export interface SalesforceModulesOptions {
    adaptersDir?: string;
    /** The package directory whose `labels` folders hold the custom labels. */
    packageDir?: string;
}

export function salesforceModulesPlugin(options: SalesforceModulesOptions = {}): Plugin {
    const adaptersDir = options.adaptersDir ?? ADAPTERS_DIR;
    const packageDir = options.packageDir ?? PACKAGE_DIR;
    let labels: Map<string, string> | undefined;

    return {
        name: 'keystone-preview-salesforce-modules',
        buildStart() {
            labels = readCustomLabels(packageDir);
            for (const dir of metadataFolders('labels', packageDir)) this.addWatchFile(dir);
        },
        resolveId(source, importer) {
            if (source === OBJECT_FIELDS_MODULE) return VIRTUAL_PREFIX + source;
            if (RTL_ICON_LIBRARY.test(source)) return VIRTUAL_PREFIX + source;
            const standin = STANDIN_MODULES[source];
            if (standin) return join(STANDINS_DIR, standin);
            if (!source.startsWith('@salesforce/') || isInNodeModules(importer)) return null;
            return VIRTUAL_PREFIX + source;
        },
        load(id) {
            if (!id.startsWith(VIRTUAL_PREFIX)) return null;
            const source = id.slice(VIRTUAL_PREFIX.length);
            const rtl = RTL_ICON_LIBRARY.exec(source);
            if (rtl) return `export { default } from ${js(`lightning/iconSvgTemplates${rtl[1]}`)};`;
            if (source === OBJECT_FIELDS_MODULE) {
                for (const dir of metadataFolders('objects', packageDir)) this.addWatchFile(dir);
                return `export default ${js(readCustomObjectFields(packageDir))};`;
            }
            const [, kind = '', ...rest] = source.split('/');
            const name = rest.join('/');

            switch (kind) {
                case 'apex': {
                    const [className = '', methodName = ''] = name.split('.');
                    const file = join(adaptersDir, `${className}.ts`);
                    if (!existsSync(file)) {
                        this.error(
                            `${source}: no preview adapter for Apex class ${className}. Create ` +
                                `scripts/preview/adapters/${className}.ts exporting ${methodName} ` +
                                `(made with apexMethod() from adapters/apexMethod.ts).`,
                        );
                    }
                    this.addWatchFile(file);
                    if (!adapterExports(readFileSync(file, 'utf8'), methodName)) {
                        this.error(
                            `${source}: scripts/preview/adapters/${className}.ts does not export ` +
                                `${methodName}. Add it (made with apexMethod()).`,
                        );
                    }
                    return `export { ${methodName} as default } from ${js(file)};`;
                }
                case 'schema': {
                    const [objectApiName, ...fieldPath] = name.split('.');
                    const reference =
                        fieldPath.length > 0
                            ? { objectApiName, fieldApiName: fieldPath.join('.') }
                            : { objectApiName };
                    return `export default ${js(reference)};`;
                }
                case 'label': {
                    // `c.Name` (or `<namespace>.Name` once the package has one).
                    const labelName = name.slice(name.indexOf('.') + 1);
                    const value = labels?.get(labelName);
                    if (value === undefined) {
                        this.error(
                            `${source}: no custom label ${labelName} in ` +
                                `force-app/**/labels/*.labels-meta.xml`,
                        );
                    }
                    return `export default ${js(value)};`;
                }
                case 'resourceUrl': {
                    if (!staticResourceFolder(name, packageDir)) {
                        this.error(
                            `${source}: no static resource ${name} (no ${name}.resource-meta.xml in any force-app/**/staticresources)`,
                        );
                    }
                    return `export default ${js(`/resource/${name}`)};`;
                }
                case 'user': {
                    if (name === 'Id') {
                        return `export { CURRENT_USER_ID as default } from ${js(USER_MODULE)};`;
                    }
                    if (name === 'isGuest') return 'export default false;';
                    break;
                }
                case 'i18n': {
                    const value = I18N[name];
                    if (value !== undefined) return `export default ${js(value)};`;
                    break;
                }
                case 'messageChannel':
                    return `export default ${js({ channel: name })};`;
                default:
                    break;
            }
            this.error(
                `${source}: the preview does not provide this platform module yet; add it in ` +
                    `scripts/preview/plugins/salesforceModules.ts`,
            );
        },
    };
}

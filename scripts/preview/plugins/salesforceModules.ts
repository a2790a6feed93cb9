// Resolves the modules the Salesforce platform provides at runtime and the open-source LWC
// toolchain does not: `@salesforce/apex/*`, `@salesforce/schema/*`, `@salesforce/label/*`,
// `@salesforce/resourceUrl/*`, `@salesforce/user/*`, `@salesforce/i18n/*`, and the few
// `lightning/*` modules lightning-base-components does not ship (mapped to scripts/preview/standins).
//
// It must run before the LWC plugin. `@salesforce/*` imports made from node_modules are left
// alone: lightning-base-components maps its own labels, gates and i18n in its package.json.
// `@salesforce/apex/Class.method` calls the real method in the preview's local org over HTTP
// (standins/apexMethod.ts); the build fails when the project has no such @AuraEnabled method.
// Anything the preview cannot provide fails the build with a message naming what is missing,
// rather than failing later in the browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'rollup';
import {
    PACKAGE_DIR,
    metadataFiles,
    metadataFolders,
    staticResourceFolder,
} from '../../lib/projectPaths.ts';
import { readCustomLabels } from '../labels.ts';
import { STANDINS_DIR } from '../paths.ts';
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
/**
 * The base components' right-to-left icon libraries (some 1,700 template modules, imported
 * dynamically) are the left-to-right ones for this left-to-right page: a build in half the time.
 */
const RTL_ICON_LIBRARY = /^lightning\/iconSvgTemplates(Utility|Action|Standard|Doctype|Custom)Rtl$/;
const USER_MODULE = join(STANDINS_DIR, 'currentUser.ts');
const APEX_METHOD_MODULE = join(STANDINS_DIR, 'apexMethod.ts');

function isInNodeModules(importer: string | undefined): boolean {
    return importer !== undefined && fileOfModuleId(importer).includes('/node_modules/');
}

function js(value: unknown): string {
    return JSON.stringify(value);
}

/** Is `methodName` a static @AuraEnabled method of this Apex class source? */
export function isAuraEnabledMethod(source: string, methodName: string): boolean {
    const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    return new RegExp(
        `@AuraEnabled\\b[^;{}]*?\\bstatic\\s+[\\w<>,.\\s\\[\\]]+?\\s${methodName}\\s*\\(`,
        'i',
    ).test(withoutComments);
}

/** The .cls file of an Apex class in the package, or undefined. */
function apexClassFile(className: string, packageDir: string): string | undefined {
    const wanted = `${className.toLowerCase()}.cls`;
    return metadataFiles('classes', '.cls', packageDir).find((file) =>
        file.toLowerCase().endsWith(`/${wanted}`),
    );
}

export interface SalesforceModulesOptions {
    /** The package directory: its `labels`, `classes`, `objects` and `staticresources`. */
    packageDir?: string;
}

export function salesforceModulesPlugin(options: SalesforceModulesOptions = {}): Plugin {
    const packageDir = options.packageDir ?? PACKAGE_DIR;
    let labels: Map<string, string> | undefined;

    return {
        name: 'keystone-preview-salesforce-modules',
        buildStart() {
            labels = readCustomLabels(packageDir);
            for (const dir of metadataFolders('labels', packageDir)) this.addWatchFile(dir);
        },
        resolveId(source, importer) {
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
            const [, kind = '', ...rest] = source.split('/');
            const name = rest.join('/');

            switch (kind) {
                case 'apex': {
                    const [className = '', methodName = ''] = name.split('.');
                    const file = apexClassFile(className, packageDir);
                    if (!file) {
                        this.error(`${source}: no Apex class ${className} in force-app/**/classes`);
                    }
                    this.addWatchFile(file);
                    if (!isAuraEnabledMethod(readFileSync(file, 'utf8'), methodName)) {
                        this.error(
                            `${source}: ${className} has no static @AuraEnabled method ${methodName}`,
                        );
                    }
                    return (
                        `import { apexMethod } from ${js(APEX_METHOD_MODULE)};\n` +
                        `export default apexMethod(${js(`${className}.${methodName}`)});`
                    );
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

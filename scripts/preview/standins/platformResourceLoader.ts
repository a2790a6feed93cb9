// Stand-in for lightning/platformResourceLoader: loadScript and loadStyle add a <script> or
// <link> to the document once per URL and resolve when it has loaded, as on the platform.
// URLs come from @salesforce/resourceUrl imports, which the preview serves from
// the package's staticresources folders.

const loaded = new Map<string, Promise<void>>();

function load(key: string, create: () => HTMLScriptElement | HTMLLinkElement): Promise<void> {
    const existing = loaded.get(key);
    if (existing) return existing;
    const promise = new Promise<void>((resolve, reject) => {
        const element = create();
        element.addEventListener('load', () => resolve());
        element.addEventListener('error', () => {
            loaded.delete(key);
            reject(new Error(`Could not load ${key}`));
        });
        document.head.appendChild(element);
    });
    loaded.set(key, promise);
    return promise;
}

export function loadScript(_component: unknown, url: string): Promise<void> {
    return load(`script:${url}`, () => {
        const script = document.createElement('script');
        script.src = url;
        script.async = false;
        return script;
    });
}

export function loadStyle(_component: unknown, url: string): Promise<void> {
    return load(`style:${url}`, () => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = url;
        return link;
    });
}

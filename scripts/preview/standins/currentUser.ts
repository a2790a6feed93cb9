// `@salesforce/user/Id`: the preview user, a user of the preview's local org whose Id the server
// writes into the page (org/previewOrg.ts creates it when the preview starts).
function previewUserId(): string {
    const meta = document.querySelector<HTMLMetaElement>('meta[name="keystone-preview-user-id"]');
    const id = meta?.content ?? '';
    if (!/^005\w{12}(\w{3})?$/.test(id)) {
        throw new Error(
            'The preview page does not name its user: serve it with scripts/preview/server.ts',
        );
    }
    return id;
}

export const CURRENT_USER_ID = previewUserId();

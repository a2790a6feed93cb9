// Local sessions: who a request runs as. A client logs in the ways jsforce does — the SOAP
// `login` call (POST /services/Soap/u/<version>, Connection#login) or the OAuth 2.0
// username-password flow (POST /services/oauth2/token, Connection#login with a client id and
// secret) — or is handed a token (Connection({ instanceUrl, accessToken })). The local org has
// no passwords and no connected apps: every active user whose profile allows the API logs in
// with the one password the server was started with; any client id and secret are accepted.
// Sessions live as long as the server.
import { randomBytes } from 'node:crypto';
import { SObjectValue } from '../interpreter/values.ts';
import type { LocalOrg } from '../runtime/org.ts';

export class LoginError extends Error {
    constructor(
        readonly code: 'INVALID_LOGIN' | 'API_CURRENTLY_DISABLED',
        message: string,
    ) {
        super(message);
        this.name = 'LoginError';
    }
}

export interface SessionUser {
    id: string;
    username: string;
    name: string;
    email: string | null;
    profileId: string | null;
    timeZone: string;
    locale: string;
    language: string;
}

export class Sessions {
    private readonly tokens = new Map<string, string>();

    constructor(
        private readonly org: LocalOrg,
        private readonly password: string,
    ) {}

    /** A session for the user, after checking the password and that the user may use the API. */
    login(username: string, password: string): { token: string; user: SessionUser } {
        const invalid = new LoginError(
            'INVALID_LOGIN',
            'Invalid username, password, security token; or user locked out.',
        );
        if (password !== this.password) throw invalid;
        const [row] = this.org.systemQuery(
            'SELECT Id, IsActive, Profile.PermissionsApiEnabled FROM User WHERE Username = :username',
            { username },
        );
        const id = row?.fields.get('id')?.value;
        if (!row || typeof id !== 'string' || row.fields.get('isactive')?.value !== true)
            throw invalid;
        const profile = row.fields.get('profile')?.value;
        const apiEnabled =
            profile instanceof SObjectValue
                ? profile.fields.get('permissionsapienabled')?.value
                : false;
        if (apiEnabled !== true)
            throw new LoginError('API_CURRENTLY_DISABLED', 'API is disabled for this User');
        return { token: this.issue(id), user: this.user(id) };
    }

    /** A session for a user without a password: for a harness that hands jsforce a token. */
    issue(userId: string): string {
        const token = `${this.org.organizationId.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
        this.tokens.set(token, userId);
        return token;
    }

    /** The user of a session token, or null when the token is unknown or ended. */
    userOf(token: string): string | null {
        return this.tokens.get(token) ?? null;
    }

    end(token: string): void {
        this.tokens.delete(token);
    }

    user(id: string): SessionUser {
        const info = this.org.userInfo(id);
        return {
            id,
            username: info.username,
            name: info.name,
            email: info.email,
            profileId: info.profileId,
            timeZone: info.timeZone,
            locale: info.locale,
            language: info.language,
        };
    }
}

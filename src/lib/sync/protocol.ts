/**
 * The one dependency-free file shared by the browser, the app server and sync-server/:
 * close codes, document-name rules and access levels. Keep it free of imports.
 */

/** Websocket close codes the sync endpoint uses (4000-4999 is the application range). */
export const CloseCode = {
	/** No valid session cookie or sync token on the upgrade. */
	Unauthenticated: 4401,
	/** Signed in, but not a member of this document (or the document name is not one we serve). */
	Forbidden: 4403,
	/** A message was larger than the configured maximum. */
	MessageTooLarge: 4413,
	/** A message could not be decoded as the y-websocket protocol. */
	MalformedMessage: 4400,
	/** The session was revoked (signed out elsewhere, account deleted) or membership removed. */
	AccessRevoked: 4410,
	/** Too many messages from this one connection (a flood); others on the document go on. */
	RateLimited: 4429,
	/** This user already has the maximum number of sockets open on this document. */
	TooManyConnections: 4430,
	/** One presence (awareness) state was larger than the configured maximum. */
	PresenceTooLarge: 4431,
	/** The change would grow the document past its configured maximum size; nothing was stored. */
	DocumentTooLarge: 4432,
	/** The document's rules refuse the change (e.g. deleting another person's chat message). */
	UpdateRefused: 4433,
	/** The server is shutting down; reconnect later. */
	ServerShutdown: 4503
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** What one connection may do with one document. */
export type DocAccess = 'read-write' | 'read-only' | 'none';

export type DocName =
	| { kind: 'eng'; engagementId: string }
	| { kind: 'sub'; engagementId: string }
	| { kind: 'coach'; userId: string };

// Ids are the server's 24-character lowercase ids; anything else is refused before lookup.
const ID = '[a-z0-9]{1,64}';
const DOC_NAME = new RegExp(`^(eng|sub|coach):(${ID})$`);

export function parseDocName(name: string): DocName | null {
	const match = DOC_NAME.exec(name);
	if (!match) {
		return null;
	}
	const [, kind, id] = match as unknown as [string, 'eng' | 'sub' | 'coach', string];
	return kind === 'coach' ? { kind, userId: id } : { kind, engagementId: id };
}

export function engagementDocs(engagementId: string): { shared: string; subscription: string } {
	return { shared: `eng:${engagementId}`, subscription: `sub:${engagementId}` };
}

export function coachDocName(userId: string): string {
	return `coach:${userId}`;
}

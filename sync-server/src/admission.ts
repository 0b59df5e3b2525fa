import type { IncomingMessage } from 'node:http';
import { CloseCode, type DocAccess } from '../../src/lib/sync/protocol';
import type { Principal, SyncHooks, SyncServerConfig } from './config';

/** Why an upgrade was not admitted. Mapped to HTTP or close codes only in `refusalResponse`. */
export type Refusal =
	// A browser page on another site: refused before the handshake, no websocket at all.
	| 'foreign-origin'
	// No session cookie or token: clients must sign in again, so a permanent 44xx close.
	| 'unauthenticated'
	// Not a member, or a document name the app does not serve: permanent 44xx close.
	| 'forbidden'
	// Our hook failed or timed out, or too many upgrades wait: transient, the client retries.
	| 'unavailable';

export type Admission =
	| { ok: true; principal: Principal; docName: string; access: Exclude<DocAccess, 'none'> }
	| { ok: false; refusal: Refusal };

export type RefusalResponse =
	| { kind: 'http'; status: number; reason: string }
	| { kind: 'close'; code: number; reason: string };

export function refusalResponse(refusal: Refusal): RefusalResponse {
	switch (refusal) {
		case 'foreign-origin':
			return { kind: 'http', status: 403, reason: 'Forbidden' };
		case 'unavailable':
			return { kind: 'http', status: 503, reason: 'Service Unavailable' };
		// Browsers cannot read the status of a failed upgrade, but they can read a close code.
		case 'unauthenticated':
			return { kind: 'close', code: CloseCode.Unauthenticated, reason: 'sign in required' };
		case 'forbidden':
			return { kind: 'close', code: CloseCode.Forbidden, reason: 'no access to this document' };
	}
}

const MAX_DOC_NAME_LENGTH = 256;

/** The document name is the URL path after the prefix, URL-decoded; the query is for the hooks. */
export function docNameFromUrl(url: string | undefined, prefix: string): string | null {
	const path = (url ?? '').split('?')[0] ?? '';
	if (!path.startsWith(prefix)) {
		return null;
	}
	try {
		const name = decodeURIComponent(path.slice(prefix.length));
		return name.length > 0 && name.length <= MAX_DOC_NAME_LENGTH ? name : null;
	} catch {
		return null;
	}
}

type AdmissionConfig = SyncHooks &
	Pick<SyncServerConfig, 'allowedOrigin' | 'pathPrefix' | 'authTimeoutMs' | 'logger'>;

/** Origin, then identity, then access: all before any document is touched. */
export async function admit(request: IncomingMessage, config: AdmissionConfig): Promise<Admission> {
	const origin = request.headers.origin;
	if (origin !== undefined && !isOriginAllowed(origin, request, config)) {
		return { ok: false, refusal: 'foreign-origin' };
	}
	try {
		const principal = await withTimeout(config.authenticate(request), config.authTimeoutMs);
		if (!principal) {
			return { ok: false, refusal: 'unauthenticated' };
		}
		const docName = docNameFromUrl(request.url, config.pathPrefix);
		if (docName === null) {
			return { ok: false, refusal: 'forbidden' };
		}
		const access = await withTimeout(config.authorize(principal, docName), config.authTimeoutMs);
		return access === 'none'
			? { ok: false, refusal: 'forbidden' }
			: { ok: true, principal, docName, access };
	} catch (error) {
		config.logger.error('authenticate/authorize hook failed', error);
		return { ok: false, refusal: 'unavailable' };
	}
}

function isOriginAllowed(
	origin: string,
	request: IncomingMessage,
	config: AdmissionConfig
): boolean {
	if (config.isOriginAllowed) {
		return config.isOriginAllowed(origin, request);
	}
	if (config.allowedOrigin !== null) {
		return origin === config.allowedOrigin;
	}
	try {
		return new URL(origin).host === request.headers.host;
	} catch {
		return false;
	}
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`hook timed out after ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

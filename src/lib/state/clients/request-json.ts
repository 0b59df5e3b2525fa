/**
 * The coach's client screens' calls to the JSON API (invites, packages, engagements, import):
 * thin typed functions over the one client (api/client.ts), plus the per-user copies of server
 * lists that let those screens open offline.
 */

import { apiRequest, type ApiResult } from '../../api/client';
import type { EngagementBody, EngagementListBody } from '../../api/engagements';
import type { InvitePreview, InviteView } from '../../api/invites';
import type { ImportReport } from '../../api/data-import';
import type { CatalogPackage, PackageEdit, PackageFields } from '../../api/packages';

const id = encodeURIComponent;

export const listInvites = (): Promise<ApiResult<{ invites: InviteView[] }>> =>
	apiRequest('/api/invites');

export const resendInvite = (inviteId: string): Promise<ApiResult<{ invite: InviteView }>> =>
	apiRequest(`/api/invites/${id(inviteId)}/resend`, { method: 'POST' });

export const revokeInvite = (inviteId: string): Promise<ApiResult<{ invite: InviteView }>> =>
	apiRequest(`/api/invites/${id(inviteId)}/revoke`, { method: 'POST' });

/** What the invitee's page shows; `fetch` is SvelteKit's in a load function. */
export const previewInvite = (
	token: string,
	fetch?: typeof globalThis.fetch
): Promise<ApiResult<{ invite: InvitePreview }>> =>
	apiRequest(`/api/invites/${id(token)}`, { ...(fetch ? { fetch } : {}) });

export const listEngagements = (
	fetch?: typeof globalThis.fetch
): Promise<ApiResult<EngagementListBody>> =>
	apiRequest('/api/engagements', { ...(fetch ? { fetch } : {}) });

/** Writes a catalogue package into the engagement's `sub:` document (the server does it). */
export const assignPackage = (
	engagementId: string,
	packageId: string
): Promise<ApiResult<EngagementBody>> =>
	apiRequest(`/api/engagements/${id(engagementId)}/package`, {
		method: 'POST',
		body: { packageId }
	});

export const listPackages = (): Promise<ApiResult<{ packages: CatalogPackage[] }>> =>
	apiRequest('/api/packages');

export const createPackage = (
	fields: PackageFields
): Promise<ApiResult<{ package: CatalogPackage }>> =>
	apiRequest('/api/packages', { method: 'POST', body: fields });

export const updatePackage = (
	packageId: string,
	edit: PackageEdit
): Promise<ApiResult<{ package: CatalogPackage }>> =>
	apiRequest(`/api/packages/${id(packageId)}`, { method: 'PATCH', body: edit });

/** Archived packages leave the catalogue; clients who have one keep their copy. */
export const archivePackage = (packageId: string): Promise<ApiResult<null>> =>
	apiRequest(`/api/packages/${id(packageId)}`, { method: 'DELETE' });

/** Uploads a coach export as it is (application/zip); the server unpacks, checks and restores. */
export const importArchive = (
	file: Blob,
	fetch?: typeof globalThis.fetch
): Promise<ApiResult<ImportReport>> =>
	apiRequest('/api/import', {
		method: 'POST',
		headers: { 'content-type': 'application/zip' },
		body: file,
		...(fetch ? { fetch } : {})
	});

/** Per-user copies of server lists, so the screens open offline. Not secret; cleared with the user. */
export function saveCopy(key: string, value: unknown): void {
	try {
		localStorage.setItem(key, JSON.stringify(value));
	} catch {
		// Storage full or disabled: the copy is a convenience, the server stays the truth.
	}
}

export function loadCopy<T>(key: string, isValid: (value: unknown) => value is T): T | null {
	try {
		const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
		return isValid(value) ? value : null;
	} catch {
		return null;
	}
}

import type { Role } from './account';

export function homeFor(role: Role): string {
	return role === 'coach' ? '/coach' : '/client';
}

/**
 * Only same-site paths are followed after sign-in: "/x" yes, "//evil.example" or
 * "https://evil.example" no, so a crafted link cannot bounce a user to another site.
 */
export function safeRedirectTarget(value: string | null | undefined): string | null {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
		return null;
	}
	return value;
}

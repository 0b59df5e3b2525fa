const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isMutating(method: string): boolean {
	return MUTATING.has(method.toUpperCase());
}

/**
 * Cross-site request forgery guard. Browsers send Origin with every POST and with websocket
 * upgrades, so a request carrying a different Origin is refused. A request without Origin is not
 * from a browser page (curl, scripts, server-to-server) and cannot carry a victim's cookies by
 * itself, so it passes, unless the browser's own Sec-Fetch-Site marks it as cross-site.
 */
export function isAllowedOrigin(
	headers: { origin?: string | null; secFetchSite?: string | null },
	expectedOrigin: string
): boolean {
	if (headers.origin) {
		return headers.origin === expectedOrigin;
	}
	return headers.secFetchSite !== 'cross-site';
}

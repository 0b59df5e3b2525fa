/**
 * Headers every response carries, whoever produced it (SvelteKit, the static file server, the
 * fallback 404): server/app.ts sets them before handing the request on. Pages get their
 * Content-Security-Policy from `kit.csp` in svelte.config.js instead, since only SvelteKit knows
 * each page's nonce. Not a CSP here: one on service-worker.js would bind the worker itself.
 *
 *     for (const [name, value] of Object.entries(securityHeaders(config.origin))) res.setHeader(name, value);
 */
export function securityHeaders(origin: string | undefined): Record<string, string> {
	const headers: Record<string, string> = {
		// A file is what its Content-Type says, never what a browser guesses from its bytes.
		'x-content-type-options': 'nosniff',
		// Links in chat lead elsewhere; their sites need not learn which client page they were on.
		'referrer-policy': 'same-origin',
		// Calls use the camera and microphone from this origin; nothing else may ask for them.
		'permissions-policy':
			'camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), interest-cohort=()',
		// frame-ancestors 'none' in the CSP, for browsers that only know the older header.
		'x-frame-options': 'DENY'
	};
	if (origin?.startsWith('https:')) {
		// Two years, this host only: once seen over https, never again over plain http.
		headers['strict-transport-security'] = 'max-age=63072000';
	}
	return headers;
}

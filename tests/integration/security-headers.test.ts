import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedConfirmation } from '../helpers/sign-up';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { password, uniqueEmail } from './memberships.helpers';

/**
 * Issue 15, item 6: every response carries the security headers, whoever produced it (a page,
 * the JSON API, a static file, the fallback 404), pages carry a nonce-based CSP that forbids
 * framing, and over https the session cookie is `__Host-` and HSTS is on.
 */

function expectCommonHeaders(response: Response) {
	expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	expect(response.headers.get('referrer-policy')).toBe('same-origin');
	const permissions = response.headers.get('permissions-policy') ?? '';
	expect(permissions).toContain('camera=(self)');
	expect(permissions).toContain('microphone=(self)');
	expect(response.headers.get('x-frame-options')).toBe('DENY');
}

describe('security headers over plain http', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await spawnServer();
	});
	afterAll(async () => {
		await server?.stop();
	});

	it.each(['/login', '/healthz', '/api/me', '/favicon.svg', '/service-worker.js', '/no-such-page'])(
		'%s carries nosniff, Referrer-Policy, Permissions-Policy and no HSTS',
		async (path) => {
			const response = await fetch(new URL(path, server.url));
			await response.arrayBuffer();
			expectCommonHeaders(response);
			expect(response.headers.get('strict-transport-security')).toBeNull();
		}
	);

	it('a page has a CSP with a fresh nonce on its inline scripts and no framing', async () => {
		const csp = async () => {
			const response = await fetch(new URL('/login', server.url));
			const html = await response.text();
			const header = response.headers.get('content-security-policy') ?? '';
			return { header, html };
		};
		const first = await csp();
		expect(first.header).toContain("frame-ancestors 'none'");
		expect(first.header).toContain("object-src 'none'");
		expect(first.header).toContain("default-src 'self'");
		const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(first.header)?.[1];
		expect(nonce).toBeTruthy();
		// Every inline script SvelteKit emitted carries that nonce.
		const scripts = [...first.html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
		expect(scripts.length).toBeGreaterThan(0);
		for (const attributes of scripts) {
			expect(attributes).toContain(`nonce="${nonce}"`);
		}
		const second = await csp();
		expect(second.header).not.toContain(nonce);
	});

	it('a signed-in page (rendered in the browser) has the CSP too', async () => {
		const email = uniqueEmail('csp');
		const signup = await confirmedSignup(server, new URL(server.url).origin, {
			name: 'Cora Csp',
			email
		});
		expect(signup.status).toBe(201);
		const cookie = signup.headers.getSetCookie()[0]!.split(';')[0]!;
		expect(cookie).toMatch(/^tandem_session=/);
		const page = await fetch(new URL('/coach', server.url), { headers: { cookie } });
		await page.text();
		expect(page.status).toBe(200);
		expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
	});
});

describe('over https (ORIGIN https://…)', () => {
	let server: RunningServer;
	const origin = 'https://tandem.example.test';
	beforeAll(async () => {
		// The server itself speaks http, as behind a TLS-terminating proxy; ORIGIN says https.
		server = await spawnServer({ env: { ORIGIN: origin } });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('turns on HSTS everywhere', async () => {
		for (const path of ['/login', '/healthz', '/favicon.svg']) {
			const response = await fetch(new URL(path, server.url));
			await response.arrayBuffer();
			expectCommonHeaders(response);
			expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000');
		}
	});

	it('names the session cookie __Host- (Secure, Path=/, no Domain) and reads only that name', async () => {
		const signup = await confirmedSignup(server, origin, {
			name: 'Cora Https',
			email: uniqueEmail('https')
		});
		expect(signup.status).toBe(201);
		const [setCookie] = signup.headers.getSetCookie();
		expect(setCookie).toMatch(/^__Host-tandem_session=[^;]+;/);
		const attributes = setCookie!.split(';').map((part) => part.trim().toLowerCase());
		expect(attributes).toEqual(expect.arrayContaining(['path=/', 'secure', 'httponly']));
		expect(attributes.some((part) => part.startsWith('domain='))).toBe(false);

		const cookie = setCookie!.split(';')[0]!;
		const me = await fetch(new URL('/api/me', server.url), { headers: { cookie } });
		expect(me.status).toBe(200);
		// The same token under the plain name (as a sibling subdomain could plant it) is not read.
		const token = cookie.slice(cookie.indexOf('=') + 1);
		const planted = await fetch(new URL('/api/me', server.url), {
			headers: { cookie: `tandem_session=${token}` }
		});
		expect(planted.status).toBe(401);
	});
});

/** Signs a coach up through the emailed link (printed, no SMTP); the confirmation's response. */
async function confirmedSignup(
	server: RunningServer,
	origin: string,
	fields: { name: string; email: string }
): Promise<Response> {
	const post = (path: string, body: unknown) =>
		fetch(new URL(path, server.url), {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin },
			body: JSON.stringify(body)
		});
	const requested = await post('/api/auth/signup', { ...fields, password });
	expect(requested.status).toBe(202);
	const token = printedConfirmation(server);
	await expect.poll(() => token(fields.email), { timeout: 10_000 }).toBeDefined();
	return post('/api/auth/signup/confirm', { token: token(fields.email) });
}

import fs from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';

/** The shared Playwright server's DATA_DIR (playwright.config.ts); own servers pass theirs. */
export const sharedDataDir = path.resolve('.e2e-data');

/** Tokens of the links matching `pattern` (one capture group) emailed to `email`, oldest first. */
export function linkTokensFor(dataDir: string, email: string, pattern: RegExp): string[] {
	const dir = path.join(dataDir, 'outbox');
	if (!fs.existsSync(dir)) {
		return [];
	}
	return (
		fs
			.readdirSync(dir)
			.filter((name) => name.endsWith('.eml'))
			.sort()
			.map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
			.filter((text) =>
				(/^To: (.*)$/im.exec(text)?.[1] ?? '').toLowerCase().includes(email.toLowerCase())
			)
			// Quoted-printable soft line breaks may split the link.
			.map((text) => pattern.exec(text.replace(/=\r?\n/g, '')))
			.flatMap((match) => (match ? [match[1]!] : []))
	);
}

/** Sign-up confirmation tokens in `<dataDir>/outbox/*.eml` for one address, oldest first. */
export function confirmationTokensFor(dataDir: string, email: string): string[] {
	return linkTokensFor(dataDir, email, /\/signup\/confirm\/([a-z0-9]+)/i);
}

/** Waits for the newest confirmation link emailed to `email`; its path. */
export async function confirmationPath(dataDir: string, email: string): Promise<string> {
	await expect
		.poll(() => confirmationTokensFor(dataDir, email).length, { timeout: 20_000 })
		.toBeGreaterThan(0);
	return `/signup/confirm/${confirmationTokensFor(dataDir, email).at(-1)!}`;
}

/**
 * A coach signed up through the real API, as a person would: the request, then the emailed
 * link. The session cookie lands in `request`'s context.
 */
export async function signUpCoachByApi(
	request: APIRequestContext,
	dataDir: string,
	coach: { name: string; email: string; password: string }
): Promise<void> {
	const requested = await request.post('/api/auth/signup', { data: coach });
	expect(requested.status(), await requested.text()).toBe(202);
	const token = (await confirmationPath(dataDir, coach.email)).split('/').at(-1);
	const confirmed = await request.post('/api/auth/signup/confirm', { data: { token } });
	expect(confirmed.status(), await confirmed.text()).toBe(201);
}

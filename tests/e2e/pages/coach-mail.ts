import fs from 'node:fs';
import path from 'node:path';
import {
	expect,
	type APIRequestContext,
	type Browser,
	type BrowserContext
} from '@playwright/test';
import type { OwnServer } from '../../fixtures/own-server';
import { signUpCoachByApi } from './signup-mail';

/** Invitation links written to `<DATA_DIR>/outbox/*.eml` for one address, oldest first. */
export function inviteLinksFor(server: OwnServer, email: string): string[] {
	const dir = path.join(server.current.dataDir, 'outbox');
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
			.map((text) => /https?:\/\/[^\s"<>]*\/invite\/([a-z0-9]+)/i.exec(text.replace(/=\r?\n/g, '')))
			.flatMap((match) => (match ? [match[1]!] : []))
	);
}

/** Waits for the newest invitation token sent to `email` (the n-th one when given). */
export async function waitForInviteToken(
	server: OwnServer,
	email: string,
	count = 1,
	timeout = 20_000
): Promise<string> {
	await expect
		.poll(() => inviteLinksFor(server, email).length, { timeout })
		.toBeGreaterThanOrEqual(count);
	return inviteLinksFor(server, email).at(-1)!;
}

export const coachPassword = 'correct-horse-9';

/** A coach signed up through the real API in a fresh browser context. */
export async function signUpCoach(browser: Browser, server: OwnServer): Promise<BrowserContext> {
	const context = await browser.newContext({ baseURL: server.url });
	await signUpCoachByApi(context.request, server.dataDir, {
		name: 'Carla Coach',
		email: 'carla@example.com',
		password: coachPassword
	});
	return context;
}

export async function listInvites(
	request: APIRequestContext
): Promise<{ email: string; status: string; id: string }[]> {
	const response = await request.get('/api/invites');
	expect(response.status()).toBe(200);
	return ((await response.json()) as { invites: { email: string; status: string; id: string }[] })
		.invites;
}

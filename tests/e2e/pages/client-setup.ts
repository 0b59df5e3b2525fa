import { expect, type APIRequestContext } from '@playwright/test';
import type { OwnServer } from '../../fixtures/own-server';
import { signUpCoachByApi } from './signup-mail';

/** Coach-side set-up through the real JSON API, as the coach's screens would call it. */

export async function api<T = Record<string, unknown>>(
	request: APIRequestContext,
	method: 'post' | 'put',
	url: string,
	data: unknown
): Promise<T> {
	const response = await request[method](url, { data });
	expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
	return (await response.json()) as T;
}

export async function signUpCoach(
	request: APIRequestContext,
	server: OwnServer,
	coach: { name: string; email: string; password: string }
): Promise<void> {
	await signUpCoachByApi(request, server.dataDir, coach);
}

/** Invites a client and returns the invite id and the link's path (`/invite/<token>`). */
export async function inviteClient(
	request: APIRequestContext,
	server: OwnServer,
	client: { name: string; email: string }
): Promise<{ inviteId: string; linkPath: string }> {
	const before = linksFor(server, client.email).length;
	const { invite } = await api<{ invite: { id: string } }>(request, 'post', '/api/invites', client);
	// No SMTP in tests: the email goes to the outbox and the server prints the link.
	await expect.poll(() => linksFor(server, client.email).length).toBeGreaterThan(before);
	const link = linksFor(server, client.email).at(-1)!;
	return { inviteId: invite.id, linkPath: new URL(link).pathname };
}

function linksFor(server: OwnServer, email: string): string[] {
	const pattern = /Invite email for (\S+) written to [^\n]*\n\s*Accept link: (\S+)/g;
	return [...server.current.output().matchAll(pattern)]
		.filter((match) => match[1] === email)
		.map((match) => match[2]!);
}

export async function createPackage(
	request: APIRequestContext,
	pkg: { name: string; sessionsTotal: number }
): Promise<string> {
	const { package: created } = await api<{ package: { id: string } }>(
		request,
		'post',
		'/api/packages',
		{
			name: pkg.name,
			sessionsTotal: pkg.sessionsTotal,
			sessionMinutes: 50,
			priceCents: 48000,
			currency: 'EUR',
			noShowConsumesSession: true
		}
	);
	return created.id;
}

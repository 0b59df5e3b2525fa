import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { inviteLinkIn } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import type { RunningServer } from '../helpers/spawn-server';
import { body, password, uniqueEmail, type Json } from './memberships.helpers';

/** Shared by the issue-5 server integration tests (packages, profile, idempotency). */

export const sixSessions = {
	name: 'Six sessions',
	sessionsTotal: 6,
	sessionMinutes: 50,
	priceCents: 45000,
	currency: 'EUR',
	noShowConsumesSession: true
};

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error('condition not met in time');
		}
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** The .eml files in the server's outbox (no SMTP_URL), optionally only those to one address. */
export function outboxMails(server: RunningServer, to?: string): string[] {
	const dir = path.join(server.dataDir, 'outbox');
	if (!fs.existsSync(dir)) {
		return [];
	}
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.eml'))
		.map((file) => fs.readFileSync(path.join(dir, file), 'utf8'))
		.filter((raw) => to === undefined || raw.includes(`To: ${to}`));
}

export async function createPackage(coach: HttpClient, terms: Json = sixSessions): Promise<Json> {
	const response = await coach.post('/api/packages', terms);
	expect(response.status).toBe(201);
	return (await body(response)).package as Json;
}

/** Invites a fresh email (optionally with a package) and accepts the newest link sent to it. */
export async function inviteAndAccept(
	server: RunningServer,
	coach: HttpClient,
	extra: Json = {}
): Promise<{ client: HttpClient; engagementId: string }> {
	const email = uniqueEmail('client');
	const invited = await coach.post('/api/invites', { name: 'Clio Client', email, ...extra });
	expect(invited.status).toBe(201);
	const mails = outboxMails(server, email);
	expect(mails).toHaveLength(1);
	const token = inviteLinkIn(mails[0]!).split('/invite/')[1]!;
	const client = new HttpClient(server.url);
	const accepted = await client.post(`/api/invites/${token}/accept`, { password });
	expect(accepted.status).toBe(201);
	return { client, engagementId: (await body(accepted)).engagementId as string };
}

/** A ws class that sends a browser's Cookie and Origin with the upgrade, as a page would. */
function browserLikeSocket(headers: Record<string, string>) {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	};
}

/** Opens a document with the stock y-websocket client as the user behind `as`, until synced. */
export async function openSynced(server: RunningServer, docName: string, as: HttpClient) {
	const doc = new Y.Doc();
	const headers = { origin: new URL(server.url).origin, cookie: as.cookieHeader };
	const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/sync`, docName, doc, {
		WebSocketPolyfill: browserLikeSocket(headers) as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
	return {
		doc,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

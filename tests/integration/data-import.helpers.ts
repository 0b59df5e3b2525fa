import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { inviteLinkIn, startSmtpSink } from '../../src/lib/server/mail/smtp-sink.testing';
import { mailedConfirmation, signUpCoach } from '../helpers/sign-up';
import { HttpClient } from '../helpers/http-client';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { body, password } from './memberships.helpers';

/** Shared by the import and account deletion integration tests: real servers, SMTP, sockets. */

export type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

/** The value of a parse result the test built itself, or a thrown error naming what failed. */
export function must<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
	if (!result.ok) {
		throw new Error(result.message);
	}
	return result.value;
}

export interface Site {
	server: RunningServer;
	sink: Sink;
	close(): Promise<void>;
}

/** A fresh server (its own DATA_DIR) with its own SMTP sink. */
export async function startSite(): Promise<Site> {
	const sink = await startSmtpSink();
	const server = await spawnServer({ env: { SMTP_URL: sink.url } });
	return {
		server,
		sink,
		async close() {
			await server.stop();
			await sink.close();
		}
	};
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

export const mailsTo = (sink: Sink, to: string) => sink.received.filter((m) => m.to.includes(to));

export async function signup(site: Site, name: string, email: string) {
	const client = new HttpClient(site.server.url);
	const response = await signUpCoach(
		client,
		{ name, email, password },
		mailedConfirmation(site.sink.received)
	);
	expect(response.status).toBe(201);
	return { http: client, user: (await body(response)).user as { id: string; name: string } };
}

/** Reads the newest invitation link sent to `email`. */
export async function inviteToken(site: Site, email: string, count = 1): Promise<string> {
	await waitFor(() => mailsTo(site.sink, email).length >= count, `an invitation to ${email}`);
	const mail = mailsTo(site.sink, email).at(-1)!;
	return inviteLinkIn(mail.raw).split('/invite/')[1]!;
}

/** The coach invites `name <email>`; unless `accept` is false, the client accepts it. */
export async function invite(
	site: Site,
	coach: HttpClient,
	client: { name: string; email: string },
	accept = true
) {
	expect((await coach.post('/api/invites', client)).status).toBe(201);
	const token = await inviteToken(site, client.email);
	if (!accept) {
		return null;
	}
	const http = new HttpClient(site.server.url);
	const accepted = await http.post(`/api/invites/${token}/accept`, { password });
	expect(accepted.status).toBe(201);
	const json = await body(accepted);
	return { http, engagementId: json.engagementId as string, userId: json.user.id as string };
}

/** A ws class that sends a browser's Cookie and Origin with the upgrade, as a page would. */
function browserLikeSocket(headers: Record<string, string>) {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	};
}

export interface OpenDoc {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Resolves with the close code of the first refused or closed connection. */
	closed: Promise<number>;
	destroy(): void;
}

/** Opens a document through the stock y-websocket client, as the signed-in `http` user. */
export async function openDoc(site: Site, http: HttpClient, docName: string): Promise<OpenDoc> {
	const doc = new Y.Doc();
	const headers = { origin: new URL(site.server.url).origin, cookie: http.cookieHeader };
	const provider = new WebsocketProvider(
		`${site.server.url.replace('http', 'ws')}/sync`,
		docName,
		doc,
		{
			WebSocketPolyfill: browserLikeSocket(headers) as unknown as typeof globalThis.WebSocket,
			disableBc: true
		}
	);
	const closed = new Promise<number>((resolve) =>
		provider.on('connection-close', (event) => event && resolve(event.code))
	);
	const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
	try {
		await Promise.race([
			synced,
			closed.then((code) => Promise.reject(new Error(`${docName} refused with ${code}`)))
		]);
	} catch (error) {
		provider.destroy();
		doc.destroy();
		throw error;
	}
	return {
		doc,
		provider,
		closed,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Writes with `fn` through a fresh connection and waits until another connection sees it. */
export async function writeDoc(
	site: Site,
	http: HttpClient,
	docName: string,
	fn: (doc: Y.Doc) => void
): Promise<void> {
	const writer = await openDoc(site, http, docName);
	fn(writer.doc);
	const target = Y.encodeStateVector(writer.doc);
	const reader = await openDoc(site, http, docName);
	try {
		await waitFor(
			() => Buffer.from(Y.encodeStateVector(reader.doc)).equals(Buffer.from(target)),
			`${docName} to reach the server`
		);
	} finally {
		reader.destroy();
		writer.destroy();
	}
}

/** The document's current state on the server, as a fresh replica sees it. */
export async function readState(site: Site, http: HttpClient, docName: string) {
	const reader = await openDoc(site, http, docName);
	try {
		return Y.encodeStateAsUpdate(reader.doc);
	} finally {
		reader.destroy();
	}
}

/** Every file under `dir` (recursively), with its raw bytes: the database, -wal, -shm, outbox. */
export function filesUnder(dir: string): { file: string; bytes: Buffer }[] {
	return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
		if (!entry.isFile()) {
			return [];
		}
		const file = path.join(entry.parentPath, entry.name);
		return [{ file, bytes: fs.readFileSync(file) }];
	});
}

/** Which of `needles` occur in which file, as UTF-8 or UTF-16LE (SQLite can store either). */
export function occurrences(dir: string, needles: string[]): string[] {
	const hits: string[] = [];
	for (const { file, bytes } of filesUnder(dir)) {
		for (const needle of needles) {
			if (
				bytes.includes(Buffer.from(needle, 'utf8')) ||
				bytes.includes(Buffer.from(needle, 'utf16le'))
			) {
				hits.push(`${path.relative(dir, file)}: ${needle}`);
			}
		}
	}
	return hits;
}

import { expect } from 'vitest';
import WebSocket from 'ws';
import type { IssuedPeer } from '../../src/lib/api/calls';
import { peerOptions } from '../../src/lib/calls/peer-options';
import { inviteLinkIn, startSmtpSink } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import { mailedConfirmation, signUpCoach } from '../helpers/sign-up';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';

/** Shared by the call signaling tests: a real server with accounts made through the API. */
export const password = 'correct-horse-9';
let counter = 0;

export class CallsWorld {
	private constructor(
		readonly server: RunningServer,
		private readonly sink: Awaited<ReturnType<typeof startSmtpSink>>
	) {}

	static async start(env: Record<string, string> = {}): Promise<CallsWorld> {
		const sink = await startSmtpSink();
		const server = await spawnServer({ env: { SMTP_URL: sink.url, ...env } });
		return new CallsWorld(server, sink);
	}

	async stop(): Promise<void> {
		await this.server.stop();
		await this.sink.close();
	}

	async signupCoach(name: string): Promise<HttpClient> {
		const http = new HttpClient(this.server.url);
		const email = `coach${++counter}-${Date.now()}@example.com`;
		const confirmed = await signUpCoach(
			http,
			{ name, email, password },
			mailedConfirmation(this.sink.received)
		);
		expect(confirmed.status).toBe(201);
		return http;
	}

	/** Invites `email` and returns the token from the mail that arrived. */
	async invite(coach: HttpClient, email: string): Promise<string> {
		const before = this.sink.received.length;
		const response = await coach.post('/api/invites', { name: 'Cli', email });
		expect(response.status).toBe(201);
		for (let count = before + 1; count <= before + 5; count++) {
			const mails = await this.sink.waitFor(count);
			const found = mails.slice(before).find((m) => m.to.includes(email));
			if (found) {
				return inviteLinkIn(found.raw).split('/invite/')[1]!;
			}
		}
		throw new Error(`no invitation to ${email}`);
	}

	/** A new client account with an active engagement with `coach`. */
	async clientOf(coach: HttpClient): Promise<{ http: HttpClient; email: string }> {
		const email = `client${++counter}-${Date.now()}@example.com`;
		const token = await this.invite(coach, email);
		const http = new HttpClient(this.server.url);
		expect((await http.post(`/api/invites/${token}/accept`, { password })).status).toBe(201);
		return { http, email };
	}
}

export async function issuePeer(user: HttpClient): Promise<IssuedPeer> {
	const response = await user.post('/api/calls/peer');
	expect(response.status).toBe(201);
	return (await response.json()) as IssuedPeer;
}

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One PeerJS signaling connection: every frame received, in order. */
export class Signaling {
	readonly received: Json[] = [];
	/** The close code and reason, once the socket has closed. */
	readonly closedWith: Promise<{ code: number; reason: string }>;
	readonly closed: Promise<number>;

	constructor(
		readonly ws: WebSocket,
		readonly peerId: string
	) {
		ws.on('message', (data: Buffer) => this.received.push(JSON.parse(data.toString()) as Json));
		this.closedWith = new Promise((resolve) =>
			ws.once('close', (code: number, reason: Buffer) =>
				resolve({ code, reason: reason.toString() })
			)
		);
		this.closed = this.closedWith.then(({ code }) => code);
	}

	send(type: string, dst?: string, payload: Json = {}): void {
		this.ws.send(JSON.stringify({ type, dst, payload }));
	}

	async next(type: string, timeoutMs = 5000): Promise<Json> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = this.received.find((m) => m.type === type);
			if (found) {
				this.received.splice(this.received.indexOf(found), 1);
				return found;
			}
			if (Date.now() > deadline) {
				throw new Error(`no ${type} for ${this.peerId}; got ${JSON.stringify(this.received)}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
}

/** Raw PeerJS signaling sockets to one server, as the browser's PeerJS client opens them. */
export class SignalingPool {
	readonly #sockets: WebSocket[] = [];
	#counter = 0;

	constructor(readonly serverUrl: string) {}

	/** The URL PeerJS 1.5 opens (its Socket class): `<path>/peerjs?key=…&id=…&token=…&version=…`. */
	url(issued: IssuedPeer, token: string): string {
		const o = peerOptions(issued, new URL(this.serverUrl));
		const path = o.path!.endsWith('/') ? o.path! : `${o.path!}/`;
		const scheme = o.secure ? 'wss' : 'ws';
		return `${scheme}://${o.host}:${o.port}${path}peerjs?key=${o.key}&id=${issued.peerId}&token=${token}&version=1.5.5`;
	}

	/** Opens signaling as a page would; resolves to the HTTP status when the upgrade is refused. */
	connect(
		issued: IssuedPeer,
		as: { cookie?: string; origin?: string; peerId?: string }
	): Promise<Signaling | number> {
		const headers: Record<string, string> = { origin: as.origin ?? new URL(this.serverUrl).origin };
		if (as.cookie) {
			headers.cookie = as.cookie;
		}
		const id = as.peerId ?? issued.peerId;
		const token = `tok${++this.#counter}`;
		const ws = new WebSocket(this.url({ ...issued, peerId: id }, token), { headers });
		this.#sockets.push(ws);
		return new Promise((resolve, reject) => {
			ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
			ws.once('error', reject);
			ws.once('open', () => resolve(new Signaling(ws, id)));
		});
	}

	/** A signed-in user's signaling socket on a freshly issued id, once the server said OPEN. */
	async open(user: HttpClient): Promise<Signaling> {
		const signaling = await this.connect(await issuePeer(user), { cookie: user.cookieHeader });
		if (typeof signaling === 'number') {
			throw new Error(`signaling refused with ${signaling}`);
		}
		await signaling.next('OPEN');
		return signaling;
	}

	closeAll(): void {
		this.#sockets.forEach((ws) => ws.terminate());
	}
}

import { expect } from 'vitest';
import type { IssuedPeer } from '../../src/lib/calls/peer-options';
import { inviteLinkIn, startSmtpSink } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
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
		expect((await http.post('/api/auth/signup', { name, email, password })).status).toBe(201);
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

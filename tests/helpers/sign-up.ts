import Database from 'better-sqlite3';
import path from 'node:path';
import { expect } from 'vitest';
import {
	decodeQuotedPrintable,
	type ReceivedMail
} from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from './http-client';
import type { RunningServer } from './spawn-server';

export interface SignupFields {
	name: string;
	email: string;
	password: string;
}

/** Where a test finds the confirmation token sent to `email`, once it is there. */
export type ConfirmationSource = (email: string) => string | undefined;

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Without SMTP the server prints each confirmation link (the newest one wins). */
export function printedConfirmation(server: RunningServer): ConfirmationSource {
	return (email) => {
		const pattern = new RegExp(
			`Sign-up email for ${escape(email.trim().toLowerCase())} queued\\n\\s*Confirm link: \\S+/signup/confirm/([a-z0-9]+)`,
			'g'
		);
		return [...server.output().matchAll(pattern)].at(-1)?.[1];
	};
}

/** With SMTP, the newest confirmation email to `email` in the sink. */
export function mailedConfirmation(received: ReceivedMail[]): ConfirmationSource {
	return (email) => {
		const address = email.trim().toLowerCase();
		const mail = received.filter((m) => m.to.includes(address)).at(-1);
		return mail && /\/signup\/confirm\/([a-z0-9]+)/.exec(decodeQuotedPrintable(mail.raw))?.[1];
	};
}

/**
 * Signs a coach up as a person would: the request (always 202), then the emailed link. Resolves
 * with the confirmation response (201 `{ user }` and the session cookie, kept by `client`).
 */
export async function signUpCoach(
	client: HttpClient,
	fields: SignupFields,
	source: ConfirmationSource
): Promise<Response> {
	const requested = await client.post('/api/auth/signup', fields);
	expect(requested.status, await requested.clone().text()).toBe(202);
	// Polled by hand, not expect.poll: this also runs in beforeAll hooks.
	let token: string | undefined;
	await waitUntil(
		() => (token = source(fields.email)) !== undefined,
		`a sign-up confirmation for ${fields.email}`
	);
	return client.post('/api/auth/signup/confirm', { token });
}

/**
 * `signUpCoach` with the link from the SMTP sink's `received` when the server mails, else from
 * the server's console (no SMTP); the new coach's client and user.
 */
export async function signedUpCoach(
	server: RunningServer,
	fields: SignupFields,
	received?: ReceivedMail[]
) {
	const client = new HttpClient(server.url);
	const source = received ? mailedConfirmation(received) : printedConfirmation(server);
	const response = await signUpCoach(client, fields, source);
	expect(response.status).toBe(201);
	// The confirmation email has left before the test goes on, so tests counting emails see only theirs.
	await waitUntil(() => !confirmationPending(server), 'the sign-up email to leave the queue');
	const { user } = (await response.json()) as { user: { id: string; name: string; email: string } };
	return { client, user };
}

function confirmationPending(server: RunningServer): boolean {
	const db = new Database(path.join(server.dataDir, 'tandem.sqlite'), { readonly: true });
	try {
		const row = db
			.prepare(
				"SELECT count(*) AS n FROM mail_queue WHERE status = 'pending' AND message LIKE '%/signup/confirm/%'"
			)
			.get() as { n: number };
		return row.n > 0;
	} finally {
		db.close();
	}
}

async function waitUntil(
	condition: () => boolean,
	what: string,
	timeoutMs = 10_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

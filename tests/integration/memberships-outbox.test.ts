import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteLinkIn } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { body, password, signupCoach, uniqueEmail } from './memberships.helpers';

describe('invites without SMTP (outbox)', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await spawnServer({ env: { SMTP_URL: '' } });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('writes a .eml with the link into DATA_DIR/outbox and prints the link', async () => {
		const coach = await signupCoach(server);
		const email = uniqueEmail('outbox');
		const response = await coach.client.post('/api/invites', { name: 'Otto', email });
		expect(response.status).toBe(201);
		expect((await body(response)).invite.delivery.status).toBe('outbox');
		const dir = path.join(server.dataDir, 'outbox');
		// The coach's own sign-up confirmation is in the outbox too; the invitation is the one to them.
		const files = fs
			.readdirSync(dir)
			.filter((f) => f.endsWith('.eml'))
			.filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes(`To: ${email}`));
		expect(files).toHaveLength(1);
		const raw = fs.readFileSync(path.join(dir, files[0]!), 'utf8');
		expect(raw).toContain(`To: ${email}`);
		const link = inviteLinkIn(raw);
		expect(link.startsWith(`${server.url}/invite/`)).toBe(true);
		expect(server.output()).toContain(`Accept link: ${link}`);
		const token = link.split('/invite/')[1]!;
		const accept = await new HttpClient(server.url).post(`/api/invites/${token}/accept`, {
			password
		});
		expect(accept.status).toBe(201);
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxMailer } from './outbox-mailer';
import { inviteLinkIn } from './smtp-sink.testing';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('OutboxMailer', () => {
	it('writes the full MIME message as a .eml file in the outbox directory', async () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-outbox-'));
		dirs.push(root);
		const dir = path.join(root, 'outbox');
		const mailer = new OutboxMailer({ dir, from: 'Tandem <t@tandem.test>' });
		const outcome = await mailer.send({
			to: 'cli@example.com',
			subject: 'Invitation',
			text: 'Your link: http://127.0.0.1:3000/invite/abcdefghijkmnpqrstuvwxyz234567abcdefghijkmnpqrstuv',
			html: '<p>hi</p>'
		});
		expect(outcome.status).toBe('outbox');
		const files = fs.readdirSync(dir);
		expect(files).toHaveLength(1);
		expect(files[0]).toMatch(/\.eml$/);
		const raw = fs.readFileSync(path.join(dir, files[0]!), 'utf8');
		expect(raw).toMatch(/^To: cli@example\.com\r$/m);
		expect(raw).toContain('Subject: Invitation');
		expect(inviteLinkIn(raw)).toBe(
			'http://127.0.0.1:3000/invite/abcdefghijkmnpqrstuvwxyz234567abcdefghijkmnpqrstuv'
		);
	});
});

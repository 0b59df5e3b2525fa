import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AVAILABILITY_MESSAGES } from '../../src/lib/domain/scheduling-availability';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { body, signupCoach } from './memberships.helpers';
import { allDay } from './scheduling.helpers';

describe('availability validation', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await spawnServer({ env: { SMTP_URL: '' } });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('answers 400 naming each bad booking rule in words, and keeps the saved availability', async () => {
		const { client: coach } = await signupCoach(server);
		const good = allDay('UTC');
		expect((await coach.request('PUT', '/api/availability', good)).status).toBe(200);
		const refused = await coach.request('PUT', '/api/availability', {
			...good,
			cancelNoticeHours: -1,
			maxDaysAhead: 0
		});
		expect(refused.status).toBe(400);
		const answer = await body(refused);
		expect(answer).toEqual({
			error: AVAILABILITY_MESSAGES.maxDaysAhead,
			code: 'invalid-input',
			fields: {
				maxDaysAhead: AVAILABILITY_MESSAGES.maxDaysAhead,
				cancelNoticeHours: AVAILABILITY_MESSAGES.cancelNoticeHours
			}
		});
		expect(JSON.stringify(answer)).not.toContain('"maxDaysAhead" must');
		const kept = await body(await coach.get('/api/availability'));
		expect(kept.availability).toMatchObject({ maxDaysAhead: 365, cancelNoticeHours: 24 });
	});
});

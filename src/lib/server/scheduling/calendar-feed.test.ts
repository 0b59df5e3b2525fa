import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicUser } from '../../domain/account';
import { databasePerTest, ENGINES, insertUser } from '../database/engines.testing';
import { CalendarFeeds } from './calendar-feed';
import { FeedSeal } from './feed-seal';

const ORIGIN = 'https://tandem.test';
const user: PublicUser = { id: 'u-feed', email: 'u-feed@example.com', name: 'U', role: 'coach' };
const tokenOf = (url: string) => /\/calendar\/([a-z2-7]+)\.ics$/.exec(url)![1]!;

describe.each(ENGINES)('CalendarFeeds on %s', (engine) => {
	const databases = databasePerTest(engine);
	let keyDir: string;
	let feeds: CalendarFeeds;

	beforeEach(async () => {
		keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-feed-key-'));
		await insertUser(databases.current, { id: user.id });
		feeds = new CalendarFeeds({
			database: databases.current,
			// No sessions: this test is about the link, not the events in it.
			bookings: { forUser: () => [] },
			seal: new FeedSeal(path.join(keyDir, 'calendar-feed.key')),
			now: () => Date.UTC(2026, 0, 5)
		});
	});
	afterEach(() => fs.rmSync(keyDir, { recursive: true, force: true }));

	it('shows the same link until it is rotated, then only the new one works', async () => {
		const first = await feeds.status(user, ORIGIN);
		expect(first.url).toMatch(/^https:\/\/tandem\.test\/calendar\/[a-z2-7]+\.ics$/);
		expect(await feeds.status(user, ORIGIN)).toEqual(first);
		expect(await feeds.render(tokenOf(first.url))).toContain('BEGIN:VCALENDAR');

		const rotated = await feeds.rotate(user, ORIGIN);
		expect(rotated).not.toBe(first.url);
		expect((await feeds.status(user, ORIGIN)).url).toBe(rotated);
		expect(await feeds.render(tokenOf(first.url))).toBeNull();
		expect(await feeds.render(tokenOf(rotated))).toContain('BEGIN:VCALENDAR');
	});

	it('a revoked link stops working and the next ask makes a new one', async () => {
		const { url } = await feeds.status(user, ORIGIN);
		await feeds.revoke(user);
		expect(await feeds.render(tokenOf(url))).toBeNull();
		const again = await feeds.status(user, ORIGIN);
		expect(again.url).not.toBe(url);
		expect(await feeds.render(tokenOf(again.url))).toContain('BEGIN:VCALENDAR');
	});

	it('refuses a malformed or unknown token without a lookup hit', async () => {
		expect(await feeds.render('NOT-A-TOKEN')).toBeNull();
		expect(await feeds.render('a'.repeat(52))).toBeNull();
	});

	it('keeps only a hash and a sealed copy of the token', async () => {
		const { url } = await feeds.status(user, ORIGIN);
		const row = await databases.current.db
			.selectFrom('calendar_feeds')
			.selectAll()
			.executeTakeFirstOrThrow();
		const stored = Buffer.concat([Buffer.from(row.token_hash), Buffer.from(row.token_sealed!)]);
		expect(stored.includes(Buffer.from(tokenOf(url)))).toBe(false);
	});
});

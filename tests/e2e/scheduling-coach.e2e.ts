import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import {
	assignPackage,
	bookingsOf,
	CLIENT_ZONE,
	clientSessions,
	COACH_ZONE,
	openHoursSoon,
	SchedulePage,
	SlotPickerModel,
	timeIn,
	zonedContexts
} from './pages/scheduling-pages';

test('the coach sets weekly hours, rules and a day off in the availability editor', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer, zonedContexts);
	const page = await practice.coach.newPage();
	await page.goto('/coach/schedule');
	await page.getByRole('link', { name: 'Availability' }).click();
	await expect(page.getByRole('heading', { name: 'Availability', level: 1 })).toBeVisible();
	await expectNoA11yViolations(page);

	// The zone is typed with suggestions: the browser's zone first, each with its offset now.
	const zone = page.getByLabel('Time zone');
	await expect(zone).toHaveValue(COACH_ZONE);
	await expect(page.locator('datalist option').first()).toHaveAttribute('value', COACH_ZONE);
	await expect(page.locator('datalist option[value="Europe/Berlin"]')).toHaveText(
		/^Europe\/Berlin \(UTC\+0[12]:00\)$/
	);
	// An unknown zone is named as such, tied to the field, and nothing is saved.
	await zone.fill('Europe/Atlantis');
	await zone.blur();
	const unknown =
		'Unknown time zone. Type a place such as Europe/Berlin and pick it from the list.';
	await expect(zone).toHaveAttribute('aria-invalid', 'true');
	await expect(zone).toHaveAccessibleDescription(new RegExp(`${unknown}$`));
	await page.getByRole('button', { name: 'Save availability' }).click();
	await expect(zone).toBeFocused();
	await expect(page.getByText('Availability saved.')).toHaveCount(0);
	await expectNoA11yViolations(page);
	await zone.fill('europe/berlin');
	await zone.blur();
	await expect(zone).toHaveValue('Europe/Berlin');
	await expect(zone).not.toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText(/\(Europe\/Berlin, now UTC\+0[12]:00\)/)).toBeVisible();
	await page.getByRole('button', { name: 'Add hours on Monday' }).click();
	await page.getByLabel('Monday until, range 1').fill('17:00');
	await page.getByRole('button', { name: 'Add hours on Monday' }).click();
	await page.getByLabel('Monday until, range 2').fill('20:00');
	await page.getByRole('button', { name: 'Add hours on Saturday' }).click();
	await page.getByLabel('Saturday from, range 1').fill('10:00');
	await page.getByLabel('Saturday until, range 1').fill('12:00');
	await page.getByLabel('Buffer between sessions (minutes)').fill('15');
	await page.getByLabel('Minimum notice (minutes)').fill('120');
	await page.getByLabel('Clients may book up to (days ahead)').fill('21');
	await page.getByLabel('Clients may cancel or move until (hours before)').fill('12');
	await page.getByLabel('Date', { exact: true }).fill('2099-12-24');
	await page.getByRole('button', { name: 'Add date' }).click();
	await expect(page.getByText('Day off', { exact: true })).toBeVisible();
	await expectNoA11yViolations(page);
	await page.getByRole('button', { name: 'Save availability' }).click();
	await expect(page.getByText('Availability saved.')).toBeVisible();

	const saved = await (await practice.coach.request.get('/api/availability')).json();
	expect(saved.availability).toMatchObject({
		timeZone: 'Europe/Berlin',
		bufferMinutes: 15,
		minNoticeMinutes: 120,
		maxDaysAhead: 21,
		cancelNoticeHours: 12,
		overrides: [{ date: '2099-12-24', intervals: [] }]
	});
	expect(saved.availability.weekly.mon).toEqual([
		{ start: '09:00', end: '17:00' },
		{ start: '17:00', end: '20:00' }
	]);
	expect(saved.availability.weekly.sat).toEqual([{ start: '10:00', end: '12:00' }]);
	expect(saved.availability.weekly.sun).toEqual([]);

	// A range that ends before it starts is refused before it reaches the server.
	await page.getByLabel('Saturday until, range 1').fill('09:00');
	await page.getByRole('button', { name: 'Save availability' }).click();
	await expect(page.getByRole('alert')).toContainText('must end after it starts');

	// Reloaded, the editor shows what the server kept.
	await page.reload();
	await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
	await expect(page.getByLabel('Saturday until, range 1')).toHaveValue('12:00');
});

test('self-booking off: the coach books a phone session, moves and cancels it; the client follows', async ({
	browser,
	ownServer
}) => {
	// Two people, several screens and axe on each: more than the default 30 s on a busy machine.
	test.slow();
	const practice = await createPractice(browser, ownServer, zonedContexts);
	const phone = await practice.client.request.put('/api/me/phone', {
		data: { phone: '+49 170 1234567' }
	});
	expect(phone.status()).toBe(200);
	await assignPackage(practice, { sessions: 4, selfBooking: false });
	const { firstSlot } = await openHoursSoon(practice.coach.request);

	const clientPage = await practice.client.newPage();
	// The client app tells the server where the client is (so the coach sees it below).
	const reported = clientPage.waitForResponse((r) => r.url().endsWith('/api/me/time-zone'));
	await clientPage.goto('/client/book');
	expect((await reported).status()).toBe(200);
	await expect(clientPage.getByText('Your coach books your sessions.')).toBeVisible();
	await expect(new SlotPickerModel(clientPage).slots).toHaveCount(0);
	await expectNoA11yViolations(clientPage);

	const coachPage = await practice.coach.newPage();
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	await coachPage.getByRole('tab', { name: 'Book' }).click();
	const picker = new SlotPickerModel(coachPage);
	const coachTime = timeIn(firstSlot, COACH_ZONE);
	await expect(picker.slots.first()).toHaveText(coachTime, { timeout: 15_000 });
	await expectNoA11yViolations(coachPage);
	// The chosen time also where the client is (Kolkata is the client browser's zone).
	await picker.slot(coachTime).click();
	await expect(picker.region.getByRole('group', { name: 'Confirm booking' })).toContainText(
		`${timeIn(firstSlot, CLIENT_ZONE)} for ${practice.clientName} (Kolkata)`
	);
	await picker.book(coachTime, 'Phone');
	await expect(coachPage.getByRole('heading', { name: 'Session booked' })).toBeVisible();
	const confirmation = coachPage.getByRole('region', { name: 'Session booked' });
	await expect(confirmation).toContainText(`Call ${practice.clientName} at +49 170 1234567`);
	await expect(confirmation.getByRole('link', { name: '+49 170 1234567' })).toHaveAttribute(
		'href',
		'tel:+491701234567'
	);
	// The tab lists this client's upcoming sessions (from the sub: document).
	const tabList = coachPage.getByRole('region', { name: `Sessions with ${practice.clientName}` });
	await expect(tabList).toContainText(`${coachTime} – `, { timeout: 15_000 });
	await expect(tabList).toContainText(`Phone · ${practice.clientName}`);
	await expectNoA11yViolations(coachPage);

	// The client's dashboard shows it from the sub: document the server wrote.
	await clientPage.goto('/client');
	const sessions = clientSessions(clientPage);
	await expect(sessions).toContainText(`${timeIn(firstSlot, CLIENT_ZONE)} – `, { timeout: 15_000 });
	await expect(sessions).toContainText(`Phone · ${practice.coachName}`);

	// The coach moves it half an hour later from the schedule…
	const schedule = new SchedulePage(coachPage);
	await schedule.goto();
	await schedule.booking(practice.clientName).getByRole('button', { name: 'Reschedule' }).click();
	const later = timeIn(firstSlot + 30 * 60_000, COACH_ZONE);
	await expect(schedule.upcoming.getByRole('button', { name: later, exact: true })).toBeVisible();
	await schedule.upcoming.getByRole('button', { name: later, exact: true }).click();
	await schedule.upcoming.getByRole('button', { name: `Move to ${later}` }).click();
	await expect(schedule.booking(practice.clientName)).toContainText(`${later} – `);
	await expect(sessions).toContainText(`${timeIn(firstSlot + 30 * 60_000, CLIENT_ZONE)} – `);
	const [moved] = await bookingsOf(practice.coach.request);
	expect(Date.parse(moved!.startsAt)).toBe(firstSlot + 30 * 60_000);

	// …and cancels it; the client's list empties.
	await schedule.booking(practice.clientName).getByRole('button', { name: 'Cancel' }).click();
	await schedule
		.booking(practice.clientName)
		.getByRole('button', { name: 'Yes, cancel it' })
		.click();
	await expect(schedule.upcoming).toContainText('No sessions booked.');
	await expect(sessions).toContainText('No sessions booked.');
	expect((await bookingsOf(practice.coach.request))[0]).toMatchObject({ status: 'cancelled' });
});

test('each person has a private calendar link; reset makes a new one and the old stops working', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer, zonedContexts);
	const page = await practice.coach.newPage();
	await new SchedulePage(page).goto();
	const link = page.getByLabel('Your calendar link');
	await expect(link).toHaveValue(/\/calendar\/.+\.ics$/);
	const first = await link.inputValue();
	const anonymous = await browser.newContext();
	const feed = await anonymous.request.get(first);
	expect(feed.status()).toBe(200);
	expect(feed.headers()['content-type']).toContain('text/calendar');
	expect(await feed.text()).toContain('BEGIN:VCALENDAR');
	await expectNoA11yViolations(page);

	await page.getByRole('button', { name: 'Reset link' }).click();
	await page.getByRole('button', { name: /Yes, reset/ }).click();
	await expect(link).not.toHaveValue(first);
	const second = await link.inputValue();
	expect((await anonymous.request.get(first)).status()).toBe(404);
	expect((await anonymous.request.get(second)).status()).toBe(200);

	// The link stays the same on later visits until it is reset again.
	await page.reload();
	await expect(link).toHaveValue(second);
	await anonymous.close();
});

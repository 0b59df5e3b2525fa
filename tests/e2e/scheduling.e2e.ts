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

const POLICY = 'Changes are possible up to 24 hours before a session; after that, ask your coach.';

test('the client self-books, the coach sees it in the agenda and starts it, the client joins', async ({
	browser,
	ownServer
}) => {
	// Two people, several screens and axe on each: more than the default 30 s on a busy machine.
	test.slow();
	const practice = await createPractice(browser, ownServer, zonedContexts);
	await assignPackage(practice, { sessions: 3, selfBooking: true });
	const { firstSlot } = await openHoursSoon(practice.coach.request);

	const clientPage = await practice.client.newPage();
	await clientPage.goto('/client/book');
	const picker = new SlotPickerModel(clientPage);
	// Chromium names Kolkata by its older alias; either is the browser's own zone.
	await expect(
		clientPage.getByText(/shown in your time zone \(Asia\/(Kolkata|Calcutta)\)/)
	).toBeVisible();
	// The first open time, in the client's own zone (Kolkata's half-hour offset included).
	const clientTime = timeIn(firstSlot, CLIENT_ZONE);
	await expect(picker.slots.first()).toHaveText(clientTime, { timeout: 15_000 });
	await expectNoA11yViolations(clientPage);
	await picker.book(clientTime);
	await expect(clientPage.getByRole('heading', { name: 'Session booked' })).toBeVisible();
	await expect(clientPage.getByText(`${clientTime} – `)).toBeVisible();
	await expectNoA11yViolations(clientPage);

	const [booking] = await bookingsOf(practice.coach.request);
	expect(booking).toMatchObject({ status: 'confirmed', kind: 'video' });
	expect(Date.parse(booking!.startsAt)).toBe(firstSlot);

	// The coach's agenda and upcoming list, in the coach's zone.
	const coachPage = await practice.coach.newPage();
	const schedule = new SchedulePage(coachPage);
	await schedule.goto();
	const coachTime = timeIn(firstSlot, COACH_ZONE);
	await expect(schedule.agenda).toContainText(`${coachTime}–`);
	await expect(schedule.agenda).toContainText(`${practice.clientName} · Video`);
	await expect(schedule.booking(practice.clientName)).toContainText(coachTime);
	await expectNoA11yViolations(coachPage);

	// The booking is within ten minutes: the coach starts the call from it.
	const start = schedule.booking(practice.clientName).getByRole('link', { name: 'Start session' });
	await expect(start).toHaveAttribute(
		'href',
		`/coach/clients/${practice.engagementId}/call?mode=video&booking=${booking!.id}`
	);
	await start.click();
	await expect(coachPage).toHaveURL(
		new RegExp(`/coach/clients/${practice.engagementId}/call\\?mode=video&booking=${booking!.id}$`)
	);

	// The client's dashboard lists it from the sub: document, with Join to the waiting room.
	await clientPage.goto('/client');
	const sessions = clientSessions(clientPage);
	await expect(sessions).toContainText(`${clientTime} – `);
	await expect(sessions).toContainText(`Video · ${practice.coachName}`);
	await expectNoA11yViolations(clientPage);
	await sessions.getByRole('link', { name: 'Join', exact: true }).click();
	await expect(clientPage).toHaveURL(`/client/session?engagement=${practice.engagementId}`);
});

test('a slot taken a moment earlier: one booking, and the client is told to pick another', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer, zonedContexts);
	await assignPackage(practice, { sessions: 2, selfBooking: true });
	const { firstSlot } = await openHoursSoon(practice.coach.request);
	const page = await practice.client.newPage();
	await page.goto('/client/book');
	const picker = new SlotPickerModel(page);
	const taken = timeIn(firstSlot, CLIENT_ZONE);
	await picker.slot(taken).click();

	// The coach books the same slot first, through the same API.
	const coachBooking = await practice.coach.request.post(
		`/api/engagements/${practice.engagementId}/bookings`,
		{ data: { startsAt: new Date(firstSlot).toISOString(), kind: 'audio', timeZone: 'UTC' } }
	);
	expect(coachBooking.status()).toBe(201);

	await picker.region.getByRole('button', { name: `Book ${taken}` }).click();
	await expect(page.getByRole('alert')).toHaveText('This time was just taken. Pick another.');
	await expect(picker.slot(taken)).toHaveCount(0);
	await expect(picker.slots.first()).toBeVisible();
	const bookings = await bookingsOf(practice.client.request);
	expect(bookings.filter((b) => Date.parse(b.startsAt) === firstSlot)).toHaveLength(1);
	await expectNoA11yViolations(page);

	// The second session of two is the last one: after it, the picker says why no more.
	await picker.book(await picker.slots.first().innerText());
	await expect(page.getByRole('heading', { name: 'Session booked' })).toBeVisible();
	await page.getByRole('button', { name: 'Book another' }).click();
	await expect(page.getByText('There are no sessions left in your package to book.')).toBeVisible();
	await expect(picker.slots).toHaveCount(0);
});

test('offline, the slot picker says booking needs a connection instead of offering slots', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer, zonedContexts);
	await assignPackage(practice, { sessions: 3, selfBooking: true });
	await openHoursSoon(practice.coach.request);
	const page = await practice.client.newPage();
	await page.goto('/client/book');
	const picker = new SlotPickerModel(page);
	await expect(picker.slots.first()).toBeVisible({ timeout: 15_000 });

	await practice.client.setOffline(true);
	await expect(picker.offlineNote).toBeVisible();
	await expect(picker.slots).toHaveCount(0);
	await expectNoA11yViolations(page);

	await practice.client.setOffline(false);
	await expect(picker.offlineNote).toHaveCount(0);
	await expect(picker.slots.first()).toBeVisible();
});

test('the slot picker pages to later dates up to the coach’s horizon, and back', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer, zonedContexts);
	await assignPackage(practice, { sessions: 3, selfBooking: true });
	await openHoursSoon(practice.coach.request);
	const page = await practice.client.newPage();
	await page.goto('/client/book');
	const picker = new SlotPickerModel(page);
	await expect(picker.slots.first()).toBeVisible({ timeout: 15_000 });
	const earlier = picker.region.getByRole('button', { name: 'Earlier dates' });
	const later = picker.region.getByRole('button', { name: 'Later dates' });
	await expect(earlier).toBeDisabled();

	// The coach takes bookings 14 days ahead: one more page, then the end is named.
	await later.click();
	await expect(picker.slots).toHaveCount(0);
	await expect(picker.region.getByText('No open times on these dates.')).toBeVisible();
	await expect(later).toBeDisabled();
	await expect(
		picker.region.getByText('Sessions can be booked up to 14 days ahead.')
	).toBeVisible();
	await expectNoA11yViolations(page);

	await earlier.click();
	await expect(picker.slots.first()).toBeVisible();
	await expect(earlier).toBeDisabled();
});

test('inside the coach’s notice period the client cannot cancel and is told why; the coach can', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer, zonedContexts);
	await assignPackage(practice, { sessions: 3, selfBooking: true });
	const { firstSlot } = await openHoursSoon(practice.coach.request, { cancelNoticeHours: 24 });
	const page = await practice.client.newPage();
	await page.goto('/client/book');
	const picker = new SlotPickerModel(page);
	await expect(page.getByText(POLICY)).toBeVisible();
	await picker.book(timeIn(firstSlot, CLIENT_ZONE));
	await expect(page.getByRole('heading', { name: 'Session booked' })).toBeVisible();

	await page.goto('/client');
	const sessions = clientSessions(page);
	// The policy is shown ahead, and inside the window the buttons say why they are off.
	await expect(sessions.getByText(POLICY, { exact: true })).toBeVisible();
	for (const name of ['Cancel', 'Reschedule']) {
		const button = sessions.getByRole('button', { name });
		await expect(button).toBeDisabled();
		await expect(button).toHaveAccessibleDescription(
			`Too close to the start to change here. ${POLICY}`
		);
	}
	await expectNoA11yViolations(page);
	// The server stays the authority: asked directly, it refuses too.
	const [booking] = await bookingsOf(practice.client.request);
	const refused = await practice.client.request.post(`/api/bookings/${booking!.id}/cancel`, {
		data: {}
	});
	expect(refused.status()).toBe(409);
	expect(await refused.json()).toMatchObject({ code: 'too-late' });
	expect((await bookingsOf(practice.client.request))[0]).toMatchObject({ status: 'confirmed' });

	const coachPage = await practice.coach.newPage();
	const schedule = new SchedulePage(coachPage);
	await schedule.goto();
	await schedule.booking(practice.clientName).getByRole('button', { name: 'Cancel' }).click();
	await schedule
		.booking(practice.clientName)
		.getByRole('button', { name: 'Yes, cancel it' })
		.click();
	await expect(schedule.upcoming).toContainText('No sessions booked.');
	await expect(sessions).toContainText('No sessions booked.');
});

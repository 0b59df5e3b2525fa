import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { ClientDashboardPage, CoachProfilePage } from './pages/client-pages';

test('coach edits the profile offline, the client sees it after the coach reconnects', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	const coachPage = await practice.coach.newPage();
	const profile = new CoachProfilePage(coachPage);
	await profile.goto();
	await expect(profile.name).toHaveValue(practice.coachName);
	await expectNoA11yViolations(coachPage);

	await practice.coach.setOffline(true);
	await profile.bio.fill('I help new managers find their feet.');
	await profile.greeting.fill('Hi Cody, looking forward to our first session!');
	await profile.addLinkRow('Book a call', 'https://cal.example.com/carla');
	await profile.choosePhoto();
	await expect(profile.photo).toBeVisible();
	await profile.save.click();
	await expect(profile.publishStatus).toContainText('waiting to publish');
	await expectNoA11yViolations(coachPage);

	// The photo was shrunk in the browser before it was stored.
	const photo = await profile.photo.evaluate((img: HTMLImageElement) => ({
		width: img.naturalWidth,
		height: img.naturalHeight,
		length: img.src.length,
		type: /^data:(image\/[a-z]+);/.exec(img.src)?.[1]
	}));
	expect(photo.width).toBeLessThanOrEqual(256);
	expect(photo.height).toBeLessThanOrEqual(256);
	expect(Math.max(photo.width, photo.height)).toBe(256);
	expect(photo.length).toBeLessThanOrEqual(64 * 1024);
	expect(['image/webp', 'image/jpeg']).toContain(photo.type);

	// Not published yet: the client still sees no greeting.
	const clientPage = await practice.client.newPage();
	const dashboard = new ClientDashboardPage(clientPage);
	await dashboard.goto();
	await expect(
		clientPage.getByText(`${practice.coachName} has not written a profile yet.`)
	).toBeVisible();
	await expect(dashboard.greeting).toHaveCount(0);

	await practice.coach.setOffline(false);
	await expect(profile.publishStatus).toHaveText('Saved on this device · published', {
		timeout: 15_000
	});

	await clientPage.reload();
	await expect(dashboard.greeting).toHaveText('Hi Cody, looking forward to our first session!');
	await expect(dashboard.bio).toHaveText('I help new managers find their feet.');
	await expect(clientPage.getByRole('link', { name: 'Book a call' })).toHaveAttribute(
		'href',
		'https://cal.example.com/carla'
	);
	await expect(dashboard.coachPhoto).toHaveAttribute('src', /^data:image\/(webp|jpeg);base64,/);
	await expectNoA11yViolations(clientPage);

	// The coach's own copy lives in the coach: document: a reload shows the saved values.
	await coachPage.reload();
	await expect(profile.greeting).toHaveValue('Hi Cody, looking forward to our first session!');
	await expect(coachPage.getByLabel('Link 1 address')).toHaveValue('https://cal.example.com/carla');
});

test('a refused profile shows why and is not reported as published', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer);
	const coachPage = await practice.coach.newPage();
	const profile = new CoachProfilePage(coachPage);
	await profile.goto();
	// A link the browser accepts as a URL but the document refuses (not a web address).
	await profile.addLinkRow('Mail me', 'mailto:carla@example.com');
	await profile.save.click();
	await expect(coachPage.getByRole('alert')).toHaveText('Links must be web addresses.');
	await expect(profile.publishStatus).toHaveCount(0);
});

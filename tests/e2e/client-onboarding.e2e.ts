import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { createPractice, password } from '../fixtures/practice';
import { ClientDashboardPage, InvitePage, WelcomePage } from './pages/client-pages';
import { NotesPage } from './pages/notes-pages';
import { api, createPackage, inviteClient, signUpCoach } from './pages/client-setup';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';

const coach = { name: 'Carla Coach', email: 'carla@example.com', password };

test('a new client accepts the invite, learns how Tandem works, and sees greeting and package, also offline', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const coachContext = await browser.newContext({ baseURL: ownServer.url });
	const clientContext = await browser.newContext({ baseURL: ownServer.url });
	await signUpCoach(coachContext.request, ownServer, coach);
	await api(coachContext.request, 'put', '/api/profile', {
		bio: 'Career coach for people changing direction.',
		photo: null,
		links: [{ label: 'My website', url: 'https://carla.example.com' }],
		greeting: 'Welcome, Dana! I am glad you are here.'
	});
	const { linkPath } = await inviteClient(coachContext.request, ownServer, {
		name: 'Dana Client',
		email: 'dana@example.com'
	});

	const page = await clientContext.newPage();
	const invite = new InvitePage(page);
	expect(await invite.open(linkPath)).toBe(200);
	await expect(invite.heading).toHaveText('Carla Coach invited you to Tandem');
	await expect(invite.name).toHaveValue('Dana Client');
	await expectNoA11yViolations(page);
	await invite.createAccount({ name: 'Dana D. Client', password: 'dana-password-1' });

	const welcome = new WelcomePage(page);
	await expect(welcome.heading).toBeVisible();
	await expect(page.getByRole('heading', { level: 2 })).toHaveText([
		'Chat and notes with your coach',
		'Works offline',
		'Sessions by video'
	]);
	await expectNoA11yViolations(page);
	await welcome.continue.click();

	await expect(page).toHaveURL(/\/client$/);
	await expect(page.getByRole('heading', { name: 'Hello, Dana D. Client' })).toBeVisible();
	const dashboard = new ClientDashboardPage(page);
	await expect(dashboard.greeting).toHaveText('Welcome, Dana! I am glad you are here.');
	await expect(dashboard.bio).toHaveText('Career coach for people changing direction.');
	await expect(page.getByRole('link', { name: 'My website' })).toHaveAttribute(
		'href',
		'https://carla.example.com'
	);
	await expect(dashboard.packageSection).toContainText('No package yet');
	await expect(dashboard.notesSection).toContainText('No shared notes yet');
	await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();

	// The coach assigns a package to the now active client: it reaches the open dashboard live.
	const list = (await (await coachContext.request.get('/api/engagements')).json()) as {
		engagements: { id: string; status: string }[];
	};
	const engagementId = list.engagements.find((e) => e.status === 'active')!.id;
	const packageId = await createPackage(coachContext.request, {
		name: 'Career sprint',
		sessionsTotal: 6
	});
	await api(coachContext.request, 'post', `/api/engagements/${engagementId}/package`, {
		packageId
	});
	await expect(dashboard.packageSection).toContainText('Career sprint', { timeout: 15_000 });
	await expect(dashboard.sessionsUsed).toHaveAccessibleName('0 used · 0 booked · 6 remaining of 6');
	await expect(dashboard.sessionsRemaining).toHaveText('6 sessions remaining');
	await expectNoA11yViolations(page);

	// A shared note written in the Notes tab shows among the recent ones (from the Dexie index).
	await new NotesPage(page).create('shared', 'Goals for March');
	await expect(dashboard.notesSection.getByText('Goals for March')).toBeVisible();

	// After a reload with the server gone, everything still comes from this device.
	await waitForServiceWorkerControl(page);
	await ownServer.stop();
	await page.reload();
	await expect(dashboard.greeting).toHaveText('Welcome, Dana! I am glad you are here.');
	await expect(dashboard.packageSection).toContainText('Career sprint');
	await expect(dashboard.sessionsRemaining).toHaveText('6 sessions remaining');
	await expect(dashboard.notesSection.getByText('Goals for March')).toBeVisible();
});

test('unknown, revoked and used links each get a clear page', async ({ browser, ownServer }) => {
	const coachContext = await browser.newContext({ baseURL: ownServer.url });
	const clientContext = await browser.newContext({ baseURL: ownServer.url });
	await signUpCoach(coachContext.request, ownServer, coach);
	const page = await clientContext.newPage();
	const invite = new InvitePage(page);

	expect(await invite.open('/invite/notarealtoken123')).toBe(404);
	await expect(invite.heading).toHaveText('This invitation link is not valid');
	await expectNoA11yViolations(page);

	const revoked = await inviteClient(coachContext.request, ownServer, {
		name: 'Rene Revoked',
		email: 'rene@example.com'
	});
	await api(coachContext.request, 'post', `/api/invites/${revoked.inviteId}/revoke`, {});
	expect(await invite.open(revoked.linkPath)).toBe(410);
	await expect(invite.heading).toHaveText('This invitation can no longer be used');
	await expect(page.getByText('withdrawn by the coach')).toBeVisible();
	await expect(page.getByText('Ask your coach for a new invitation')).toBeVisible();
	await expectNoA11yViolations(page);

	const used = await inviteClient(coachContext.request, ownServer, {
		name: 'Uma Used',
		email: 'uma@example.com'
	});
	const usedToken = used.linkPath.split('/').at(-1)!;
	await api(clientContext.request, 'post', `/api/invites/${usedToken}/accept`, {
		password: 'uma-password-1'
	});
	expect(await invite.open(used.linkPath)).toBe(410);
	await expect(invite.heading).toHaveText('This invitation was already accepted');
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
	await expectNoA11yViolations(page);
});

test('an existing client accepts a second coach by signing in with their password', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer);
	const secondCoach = await browser.newContext({ baseURL: ownServer.url });
	await signUpCoach(secondCoach.request, ownServer, {
		name: 'Sam Second',
		email: 'sam@example.com',
		password
	});
	const { linkPath } = await inviteClient(secondCoach.request, ownServer, {
		name: 'Cody Client',
		email: 'cody@example.com'
	});

	// A fresh browser: the client is not signed in here.
	const fresh = await browser.newContext({ baseURL: ownServer.url });
	const page = await fresh.newPage();
	const invite = new InvitePage(page);
	await invite.open(linkPath);
	await expect(invite.heading).toHaveText('Sam Second invited you to Tandem');
	await expect(page.getByText('already has a Tandem account')).toBeVisible();
	await expect(invite.name).toHaveCount(0);
	await expectNoA11yViolations(page);

	await invite.signIn('not-the-password');
	await expect(invite.alert).toContainText('enter its password');
	await invite.signIn(password);
	await expect(new WelcomePage(page).heading).toBeVisible();
	await new WelcomePage(page).continue.click();
	await expect(page.getByRole('heading', { name: `Hello, ${practice.clientName}` })).toBeVisible();
	await expect(new ClientDashboardPage(page).coachHeading).toBeVisible();
});

test('accepting while offline is refused with a clear message', async ({ browser, ownServer }) => {
	const coachContext = await browser.newContext({ baseURL: ownServer.url });
	await signUpCoach(coachContext.request, ownServer, coach);
	const { linkPath } = await inviteClient(coachContext.request, ownServer, {
		name: 'Olive Offline',
		email: 'olive@example.com'
	});
	const clientContext = await browser.newContext({ baseURL: ownServer.url });
	const page = await clientContext.newPage();
	const invite = new InvitePage(page);
	await invite.open(linkPath);
	await expect(invite.create).toBeEnabled();

	await clientContext.setOffline(true);
	await expect(invite.offlineNotice).toBeVisible();
	await expect(invite.create).toBeDisabled();
	await expectNoA11yViolations(page);

	await clientContext.setOffline(false);
	await expect(invite.offlineNotice).toHaveCount(0);
	await invite.createAccount({ password: 'olive-password-1' });
	await expect(new WelcomePage(page).heading).toBeVisible();
});

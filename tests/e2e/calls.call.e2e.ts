import { expect, test } from '../fixtures/own-server';
import { expectNoA11yViolations } from './a11y';
import { callStarters, ClientSessionPage, CoachCallPage } from './pages/call-pages';
import { practiceWithPackage, requireTestNetwork } from './pages/call-setup';
import { ClientDashboardPage } from './pages/client-pages';

// Real server, real PeerJS signalling, real WebRTC between two browser contexts with Chromium's
// fake camera and microphone; run inside scripts/with-test-network.sh (see docs/calls-ui.md).

test.beforeAll(requireTestNetwork);

test('the client waits in the waiting room, the coach starts a video call, both see live video; audio only; the coach ends and records it', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(150_000);
	const practice = await practiceWithPackage(browser, ownServer);
	const clientHome = await practice.client.newPage();
	const dashboard = new ClientDashboardPage(clientHome);
	await dashboard.goto();
	await expect(dashboard.sessionsRemaining).toHaveText(/5\s+sessions remaining/, {
		timeout: 15_000
	});
	// The client has no way to start a call.
	await expect(callStarters(clientHome)).toHaveCount(0);

	// The client opens the session early: device check, then the waiting room.
	const clientPage = await practice.client.newPage();
	const client = new ClientSessionPage(clientPage);
	await clientPage.goto('/client/session');
	await expectNoA11yViolations(clientPage);
	await client.enterWaitingRoom();
	await expect(client.status).toHaveText(/waiting room.*Carla Coach is in/);
	await expect(callStarters(clientPage)).toHaveCount(0);
	await expectNoA11yViolations(clientPage);

	// The coach starts a video call from the client's page; the client's dashboard says so.
	const coachPage = await practice.coach.newPage();
	const coach = new CoachCallPage(coachPage);
	await coach.startFromClientPage(practice.engagementId, 'video');
	await expect(coach.preview).toBeVisible();
	await expect(clientHome.getByText('Your coach is starting the session')).toBeVisible();
	await expect(clientHome.getByRole('link', { name: 'Join' })).toHaveAttribute(
		'href',
		`/client/session?engagement=${practice.engagementId}`
	);
	await expectNoA11yViolations(coachPage);
	await coach.start.click();

	// Both see the other's camera: frames arrive, not just an element.
	await coach.expectLiveRemoteVideo();
	await client.expectLiveRemoteVideo();
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText(
		'Session with Carla Coach'
	);
	await expect(coach.timer).toHaveText(/^\d+:\d\d$/);
	await expect(client.timer).toHaveText(/^\d+:\d\d$/);
	await expect(coachPage.getByText('of 30 min')).toBeVisible();
	await client.expectAudioFlowing();
	await expectNoA11yViolations(coachPage);
	await expectNoA11yViolations(clientPage);

	// Mute is a toggle the screen reader hears.
	await coach.mute.click();
	await expect(coach.mute).toHaveAttribute('aria-pressed', 'true');
	await coach.mute.click();

	// The coach switches to audio only: the client's view of the coach goes to audio, sound goes on.
	await coach.audioOnly.click();
	await expect(client.remoteVideo).toHaveCount(0);
	await expect(clientPage.getByText('Carla Coach (audio only)')).toBeVisible();
	await expect(coach.localVideo).toHaveCount(0);
	await client.expectAudioFlowing();
	await coach.expectAudioFlowing();

	// The coach ends the session for both and records it as completed.
	await coach.end.click();
	await expect(coachPage).toHaveURL(/\/record\?kind=video&startedAt=\d+&endedAt=\d+$/);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('The session has ended');
	await expect(clientHome.getByText('Your coach is starting the session')).toHaveCount(0);
	await coachPage.getByRole('radio', { name: /Completed/ }).check();
	await coachPage.getByRole('button', { name: 'Save session' }).click();
	await expect(coachPage).toHaveURL(new RegExp(`/coach/clients/${practice.engagementId}$`));

	// The client's view shows one session fewer remaining.
	await expect(dashboard.sessionsRemaining).toHaveText(/4\s+sessions remaining/, {
		timeout: 15_000
	});
	await expect(callStarters(clientHome)).toHaveCount(0);
});

test('an audio call: the client joins from the banner, sound flows both ways, no video anywhere, the five-minute warning shows', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	// Five-minute sessions: the five-minute warning shows from the start.
	const practice = await practiceWithPackage(browser, ownServer, { sessionMinutes: 5 });
	const coachPage = await practice.coach.newPage();
	const coach = new CoachCallPage(coachPage);
	await coach.startFromClientPage(practice.engagementId, 'audio');
	// An audio session asks for no camera: there is no preview.
	await expect(coachPage.getByText('You will join with audio only.')).toBeVisible();
	await expect(coach.preview).toHaveCount(0);
	await coach.start.click();
	await expect(coach.status).toHaveText('Waiting for Cody Client to join…');

	// The coach is in first: the client's dashboard offers to join.
	const clientPage = await practice.client.newPage();
	const client = new ClientSessionPage(clientPage);
	await clientPage.goto('/client');
	await expect(clientPage.getByText('Your coach is starting the session')).toBeVisible();
	await clientPage.getByRole('link', { name: 'Join', exact: true }).click();
	await expect(clientPage).toHaveURL(/\/client\/session\?engagement=/);
	await expect(clientPage.getByText('Your coach is starting the session.')).toBeVisible();
	// An audio session: the client's device check asks for no camera either.
	await expect(clientPage.getByText('You will join with audio only.')).toBeVisible();
	await expect(client.preview).toHaveCount(0);
	await client.join.click();

	await client.expectAudioFlowing();
	await coach.expectAudioFlowing();
	await expect(clientPage.getByText('Carla Coach (audio only)')).toBeVisible();
	await expect(coachPage.getByText('Cody Client (audio only)')).toBeVisible();
	await expect(client.remoteVideo).toHaveCount(0);
	await expect(coach.remoteVideo).toHaveCount(0);
	await expect(client.localVideo).toHaveCount(0);
	for (const page of [coachPage, clientPage]) {
		await expect(page.getByRole('status').filter({ hasText: 'minutes left' })).toHaveText(
			'5 minutes left of the 5-minute session.'
		);
	}
	// The client answered without a camera: nothing of theirs is sent as video.
	expect(await coach.inboundBytes('video')).toBe(0);
	await expectNoA11yViolations(clientPage);

	await coach.end.click();
	await expect(coachPage).toHaveURL(/\/record\?kind=audio&/);
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('The session has ended');
});

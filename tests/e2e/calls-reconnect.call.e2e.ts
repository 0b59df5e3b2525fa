import { expect, test } from '../fixtures/own-server';
import { ClientSessionPage, CoachCallPage } from './pages/call-pages';
import { practiceWithPackage, requireTestNetwork, setTestNetwork } from './pages/call-setup';

test.beforeAll(requireTestNetwork);

test('a dropped connection says so on both sides and reconnects by itself', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(150_000);
	const practice = await practiceWithPackage(browser, ownServer);
	const clientPage = await practice.client.newPage();
	const client = new ClientSessionPage(clientPage);
	await clientPage.goto('/client/session');
	await client.enterWaitingRoom();
	const coachPage = await practice.coach.newPage();
	const coach = new CoachCallPage(coachPage);
	await coach.startFromClientPage(practice.engagementId, 'video');
	await coach.start.click();
	await client.expectLiveRemoteVideo();

	// The network between the two goes away (signalling on loopback stays up).
	setTestNetwork(false);
	try {
		await expect(coach.status).toHaveText('Connection lost. Reconnecting…', { timeout: 30_000 });
		await expect(client.status).toHaveText('Connection lost. Reconnecting…', { timeout: 30_000 });
	} finally {
		setTestNetwork(true);
	}

	// Back: the coach calls again and frames flow on both sides; nobody clicked anything.
	await coach.expectLiveRemoteVideo();
	await client.expectLiveRemoteVideo();
	await expect(coach.status).toHaveText('');
	await expect(client.status).toHaveText('');
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText(
		'Session with Carla Coach'
	);
});

test('a server restart: the call goes on, signalling comes back under new ids, and ending still reaches the client', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(150_000);
	const practice = await practiceWithPackage(browser, ownServer);
	const clientPage = await practice.client.newPage();
	const client = new ClientSessionPage(clientPage);
	await clientPage.goto('/client/session');
	await client.enterWaitingRoom();
	const coachPage = await practice.coach.newPage();
	const coach = new CoachCallPage(coachPage);
	await coach.startFromClientPage(practice.engagementId, 'video');
	await coach.start.click();
	await client.expectLiveRemoteVideo();

	// The server forgets every peer id when it restarts; media is peer to peer and goes on.
	await ownServer.restart();
	await expect(coach.status).toHaveText('Connection to the server lost. Reconnecting…');
	await client.expectLiveRemoteVideo();

	// Signalling is back (with new ids, published again), and the call is live.
	await expect(coach.status).toHaveText('', { timeout: 45_000 });
	await expect(client.status).toHaveText('', { timeout: 45_000 });
	await coach.expectLiveRemoteVideo();
	await client.expectLiveRemoteVideo();

	await coach.end.click();
	await expect(clientPage.getByRole('heading', { level: 1 })).toHaveText('The session has ended', {
		timeout: 15_000
	});
});

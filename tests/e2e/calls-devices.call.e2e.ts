import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/own-server';
import { expectNoA11yViolations } from './a11y';
import { ClientSessionPage, CoachCallPage } from './pages/call-pages';
import { practiceWithPackage, requireTestNetwork } from './pages/call-setup';

test.beforeAll(requireTestNetwork);

/**
 * Makes this page's getUserMedia fail the way a browser does when the person refuses the camera
 * (`NotAllowedError`) or has no device at all (`NotFoundError`).
 */
async function breakDevices(page: Page, failure: 'camera-denied' | 'nothing'): Promise<void> {
	await page.addInitScript((kind) => {
		const devices = navigator.mediaDevices;
		const real = devices.getUserMedia.bind(devices);
		devices.getUserMedia = async (constraints) => {
			if (kind === 'nothing') {
				throw new DOMException('Requested device not found', 'NotFoundError');
			}
			if (constraints?.video) {
				throw new DOMException('Permission denied', 'NotAllowedError');
			}
			return real(constraints);
		};
	}, failure);
}

test('a client who refuses the camera joins with audio only and still sees the coach', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	const practice = await practiceWithPackage(browser, ownServer);
	const clientPage = await practice.client.newPage();
	await breakDevices(clientPage, 'camera-denied');
	const client = new ClientSessionPage(clientPage);
	await clientPage.goto('/client/session');
	await expect(client.deviceCheck).toContainText(
		"Access to your camera was denied. Allow it in your browser's site settings and try again. You can still join with audio only."
	);
	await expect(clientPage.getByText('You will join with audio only.')).toBeVisible();
	await expect(client.preview).toHaveCount(0);
	await expectNoA11yViolations(clientPage);
	await client.join.click();

	const coachPage = await practice.coach.newPage();
	const coach = new CoachCallPage(coachPage);
	await coach.startFromClientPage(practice.engagementId, 'video');
	await coach.start.click();
	await client.expectLiveRemoteVideo();
	await coach.expectAudioFlowing();
	await expect(coachPage.getByText('Cody Client (audio only)')).toBeVisible();
	await expect(coach.remoteVideo).toHaveCount(0);
});

test('a client without camera or microphone joins listen-only and receives the coach', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	const practice = await practiceWithPackage(browser, ownServer);
	const clientPage = await practice.client.newPage();
	await breakDevices(clientPage, 'nothing');
	const client = new ClientSessionPage(clientPage);
	await clientPage.goto('/client/session');
	await expect(client.deviceCheck).toContainText('No camera was found.');
	await expect(client.deviceCheck).toContainText(
		'No microphone was found. You can still join to listen (the other person will not hear you).'
	);
	await expect(
		clientPage.getByText('You will join listen-only: the other person will not hear or see you.')
	).toBeVisible();
	await client.join.click();

	const coachPage = await practice.coach.newPage();
	const coach = new CoachCallPage(coachPage);
	await coach.startFromClientPage(practice.engagementId, 'video');
	await coach.start.click();
	await client.expectLiveRemoteVideo();
	await client.expectAudioFlowing();
	// Nothing comes back from a listen-only client.
	await expect(coach.status).toHaveText('');
	expect(await coach.inboundBytes('audio')).toBe(0);
	expect(await coach.inboundBytes('video')).toBe(0);
});

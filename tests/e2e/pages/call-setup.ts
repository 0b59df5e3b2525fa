import os from 'node:os';
import { execFileSync } from 'node:child_process';
import type { Browser } from '@playwright/test';
import type { OwnServer } from '../../fixtures/own-server';
import { createPractice, type Practice } from '../../fixtures/practice';
import { api } from './client-setup';
import { recordPeerConnections } from './call-pages';

/** The veth pair scripts/with-test-network.sh creates; calls connect over these addresses only. */
export const TEST_HOSTS = [
	{ dev: 'v0', cidr: '10.213.0.1/24' },
	{ dev: 'v1', cidr: '10.213.0.2/24' }
] as const;

/**
 * Call specs must run inside the test network: outside it Chromium would use the machine's
 * outward interface, which is not a test target. Fails loudly instead of skipping.
 */
export function requireTestNetwork(): void {
	const names = Object.keys(os.networkInterfaces());
	if (!TEST_HOSTS.every(({ dev }) => names.includes(dev))) {
		throw new Error(
			'Call tests must run inside the test network namespace: ' +
				'scripts/with-test-network.sh npx playwright test --project calls'
		);
	}
}

/** Takes the test hosts' addresses away (the network drops) or gives them back. */
export function setTestNetwork(up: boolean): void {
	for (const { dev, cidr } of TEST_HOSTS) {
		execFileSync('ip', ['addr', up ? 'add' : 'del', cidr, 'dev', dev]);
	}
}

/** A coach and client with a package of five sessions, whose pages record their peer connections. */
export async function practiceWithPackage(
	browser: Browser,
	server: OwnServer,
	options: { sessionMinutes?: number } = {}
): Promise<Practice> {
	const practice = await createPractice(browser, server);
	const { package: pkg } = await api<{ package: { id: string } }>(
		practice.coach.request,
		'post',
		'/api/packages',
		{
			name: 'Five sessions',
			sessionsTotal: 5,
			sessionMinutes: options.sessionMinutes ?? 30,
			priceCents: 25000,
			currency: 'EUR',
			noShowConsumesSession: false
		}
	);
	await api(practice.coach.request, 'post', `/api/engagements/${practice.engagementId}/package`, {
		packageId: pkg.id
	});
	await practice.coach.addInitScript(recordPeerConnections);
	await practice.client.addInitScript(recordPeerConnections);
	return practice;
}

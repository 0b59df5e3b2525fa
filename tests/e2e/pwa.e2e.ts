import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures/own-server';
import { SignupPage } from './pages/auth-pages';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';

const password = 'correct-horse-9';

test('after one online visit, the app renders with the server down', async ({
	page,
	ownServer
}) => {
	// Sign-up, its emailed confirmation and the service worker's first install (which fetches every
	// built asset) together outlast the default bound on a loaded 2-core machine.
	test.setTimeout(90_000);
	await page.goto(`${ownServer.url}/signup`);
	await new SignupPage(page).signUpAndConfirm(
		{ name: 'Olive Offline', email: 'olive@example.com', password },
		ownServer.dataDir
	);
	await expect(page.getByRole('heading', { name: 'Welcome, Olive Offline' })).toBeVisible();
	await waitForServiceWorkerControl(page);

	await ownServer.stop();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Welcome, Olive Offline' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();

	// A full navigation to an app route with no cached copy renders from the app shell.
	await page.goto(`${ownServer.url}/coach?from=shell`);
	await expect(page.getByRole('heading', { name: 'Welcome, Olive Offline' })).toBeVisible();
});

test('a new build shows the update prompt, and accepting it activates the new version', async ({
	page,
	ownServer
}) => {
	test.setTimeout(180_000);
	const root = path.resolve(import.meta.dirname, '../..');
	const buildB = '.e2e-build-b';
	fs.rmSync(path.join(root, buildB), { recursive: true, force: true });
	// A second, real build: its service worker differs from the running one by its version.
	execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
		cwd: root,
		env: { ...process.env, BUILD_DIR: buildB },
		stdio: 'inherit'
	});
	const versionOf = (dir: string) =>
		(
			JSON.parse(fs.readFileSync(path.join(root, dir, 'client/_app/version.json'), 'utf8')) as {
				version: string;
			}
		).version;
	const [versionA, versionB] = [versionOf('build'), versionOf(buildB)];
	expect(versionA).not.toBe(versionB);

	await page.goto(`${ownServer.url}/login`);
	await waitForServiceWorkerControl(page);
	const cachesNow = () => page.evaluate(() => caches.keys());
	expect(await cachesNow()).toContain(`assets-${versionA}`);

	await ownServer.restart({ buildDir: buildB });
	await page.reload();
	const prompt = page
		.getByRole('status')
		.filter({ hasText: 'A new version of Tandem is available.' });
	await expect(prompt).toBeVisible({ timeout: 20_000 });

	await prompt.getByRole('button', { name: 'Reload' }).click();
	await expect(prompt).toBeHidden({ timeout: 20_000 });
	await expect.poll(cachesNow, { timeout: 20_000 }).toContain(`assets-${versionB}`);
	expect(await cachesNow()).not.toContain(`assets-${versionA}`);
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

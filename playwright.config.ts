import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (these machines cannot fetch one).
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
// Chosen once in the main process (workers inherit the environment), varied per run so that
// two test runs on one machine do not fight over a port.
process.env.E2E_PORT ??= String(4200 + (process.pid % 2000));
const port = Number(process.env.E2E_PORT);
export const baseURL = `http://127.0.0.1:${port}`;
// Flags the machine needs: no sandbox as root, and no background calls to Google's services,
// which this closed network refuses by the dozen.
const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	// Per run, like the port: concurrent runs must not delete each other's traces.
	outputDir: `test-results/run-${port}`,
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 30_000,
	expect: { timeout: 5_000 },
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL,
		trace: 'retain-on-failure',
		launchOptions: { executablePath, args: chromiumArgs }
	},
	projects: [
		{ name: 'chromium', use: { browserName: 'chromium' }, testIgnore: '**/*.call.e2e.ts' },
		{
			// WebRTC calls: a fake camera and microphone that need no permission prompt. Run inside
			// scripts/with-test-network.sh (see docs/calls-ui.md): on loopback alone ICE never connects.
			name: 'calls',
			testMatch: '**/*.call.e2e.ts',
			use: {
				browserName: 'chromium',
				launchOptions: {
					executablePath,
					args: [
						...chromiumArgs,
						'--use-fake-device-for-media-stream',
						'--use-fake-ui-for-media-stream'
					]
				}
			}
		}
	],
	webServer: {
		// The production entry over the built app, with a throwaway data directory.
		command: `rm -rf .e2e-data && DATA_DIR=.e2e-data PORT=${port} HOST=127.0.0.1 ORIGIN=${baseURL} node --import tsx server/index.ts`,
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'pipe'
	}
});

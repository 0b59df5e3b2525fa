import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { COACH, PASSWORD } from './practice';

// Debian's Chromium with the flags of playwright.config.ts: no sandbox as root, and no
// background calls to Google's services, which this closed network refuses.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath, args });
}

/**
 * A browser whose profile (service worker, caches, IndexedDB, cookies) lives in a folder on
 * disk, so it can be closed and reopened to measure a cold start of the installed app.
 */
export class ProfileBrowser {
	readonly userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-client-bench-profile-'));
	#context: BrowserContext | null = null;

	constructor(readonly baseURL: string) {}

	get context(): BrowserContext {
		if (!this.#context) {
			throw new Error('the browser is closed');
		}
		return this.#context;
	}

	async open(): Promise<BrowserContext> {
		this.#context = await chromium.launchPersistentContext(this.userDataDir, {
			executablePath,
			args,
			baseURL: this.baseURL
		});
		return this.#context;
	}

	async close(): Promise<void> {
		await this.#context?.close();
		this.#context = null;
	}

	async dispose(): Promise<void> {
		await this.close();
		fs.rmSync(this.userDataDir, { recursive: true, force: true });
	}
}

export async function signInAsCoach(context: BrowserContext): Promise<void> {
	const response = await context.request.post('/api/auth/login', {
		data: { email: COACH.email, password: PASSWORD }
	});
	if (!response.ok()) {
		throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
	}
}

export async function waitForServiceWorkerControl(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
		}
	});
}

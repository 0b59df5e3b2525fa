import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';

/** What "readable" means: the newest message is on screen and the whole history is there. */
export interface ChatExpectation {
	lastText: string;
	/** Messages before the rendered page, as the "Show earlier messages (N)" button counts them. */
	hidden: number;
}

/** Milliseconds since the navigation started (the document's performance.timeOrigin). */
export interface LoadMarks {
	htmlServed: number;
	domContentLoaded: number;
	opening: number | null;
	readable: number;
}

declare global {
	interface Window {
		__benchMarks?: { opening: number | null; readable: number | null };
	}
}

/**
 * Installed before any page script: checks once per animation frame (no MutationObserver, which
 * would itself slow a 10,000-node render) and records the first frame at which the document is
 * opening, and then readable. Stops after 60 s. Plain JavaScript source on purpose: tsx compiles
 * this file with helpers (`__name`) that do not exist in the page, so a serialized function breaks.
 */
function chatWatcherSource(expected: ChatExpectation): string {
	return `(() => {
		const expected = ${JSON.stringify(expected)};
		const marks = { opening: null, readable: null };
		window.__benchMarks = marks;
		const isReadable = () => {
			const chat = document.querySelector('section[aria-label="Conversation"]');
			const list = chat && chat.querySelector('ol.messages');
			const item = list && list.lastElementChild;
			const last = item && item.querySelector('.text');
			if (!last || last.textContent !== expected.lastText) {
				return false;
			}
			const box = list.getBoundingClientRect();
			const line = last.getBoundingClientRect();
			const inView = line.height > 0 && line.top >= box.top - 1 && line.bottom <= box.bottom + 1;
			const earlier = [...chat.querySelectorAll('button')].some((button) =>
				button.textContent.includes('(' + expected.hidden + ')')
			);
			return inView && (expected.hidden === 0 || earlier);
		};
		const tick = () => {
			const now = performance.now();
			if (marks.opening === null) {
				const statuses = [...document.querySelectorAll('[role="status"]')];
				if (statuses.some((status) => status.textContent.includes('Opening'))) {
					marks.opening = now;
				}
			}
			if (isReadable()) {
				marks.readable = now;
			} else if (now < 60000) {
				requestAnimationFrame(tick);
			}
		};
		requestAnimationFrame(tick);
	})();`;
}

export async function installChatWatcher(
	context: BrowserContext,
	expected: ChatExpectation
): Promise<void> {
	await context.addInitScript({ content: chatWatcherSource(expected) });
}

/** What the page shows when it never became readable, to tell a slow page from a wrong one. */
async function describeFailure(page: Page, error: unknown): Promise<Error> {
	const shot = path.join(os.tmpdir(), 'tandem-client-bench-failure.png');
	await page.screenshot({ path: shot }).catch(() => undefined);
	const text = await page
		.evaluate(() => document.body.innerText.slice(-600))
		.catch(() => '(page gone)');
	return new Error(
		`the chat never became readable (${String(error)}); screenshot ${shot}; page ends with:\n${text}`
	);
}

async function readMarks(page: Page, timeoutMs = 30_000): Promise<LoadMarks> {
	try {
		await page.waitForFunction(() => window.__benchMarks?.readable != null, undefined, {
			timeout: timeoutMs,
			polling: 50
		});
	} catch (error) {
		throw await describeFailure(page, error);
	}
	return page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		const marks = window.__benchMarks!;
		return {
			htmlServed: nav.responseEnd,
			domContentLoaded: nav.domContentLoadedEventEnd,
			opening: marks.opening,
			readable: marks.readable!
		};
	});
}

/** A full navigation to the chat; times come from the new document's own clock. */
export async function timeNavigation(page: Page, url: string): Promise<LoadMarks> {
	await page.goto(url, { waitUntil: 'commit' });
	return readMarks(page);
}

/**
 * From a click on the client in the coach's list (an in-app navigation in a tab that already
 * runs the app) to the readable chat.
 */
export async function timeInAppNavigation(
	page: Page,
	engagementId: string,
	beforeClick: () => Promise<void> = async () => {}
): Promise<{ readable: number }> {
	await page.goto('/coach');
	const link = page.locator(`a[href="/coach/clients/${engagementId}"]`).first();
	await link.waitFor({ timeout: 15_000 });
	await beforeClick();
	// Clicked from inside the page, so the start is on the page's clock, without a CDP round trip.
	// The watcher started with this document and keeps checking frames until the chat is readable.
	const clickedAt = await link.evaluate((element: HTMLAnchorElement) => {
		const at = performance.now();
		element.click();
		return at;
	});
	const marks = await readMarks(page);
	return { readable: marks.readable - clickedAt };
}

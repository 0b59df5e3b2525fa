import type { Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { assignPackage, openHoursSoon } from './pages/scheduling-pages';

/** The narrowest phones people use, and the common one where the overflow was reported. */
const WIDTHS = [390, 320] as const;

/** No sideways scrolling: the page is never wider than the screen. */
async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
	const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
		const root = document.scrollingElement!;
		// The innermost elements that stick out on the right name the culprit in the failure.
		const wide = [...document.body.querySelectorAll('*')].filter(
			(el) => el.getBoundingClientRect().right > root.clientWidth + 0.5
		);
		const culprits = wide
			.filter((el) => !wide.some((other) => other !== el && el.contains(other)))
			.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
		return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
	});
	expect(scrollWidth, `${where} scrolls sideways: ${culprits.join(', ')}`).toBeLessThanOrEqual(
		clientWidth
	);
}

/** Every entry of the section navigation is on screen, whole, without scrolling anything. */
async function expectNavReachable(page: Page, nav: string, width: number): Promise<void> {
	const links = page.getByRole('navigation', { name: nav }).getByRole('link');
	expect(await links.count()).toBeGreaterThan(1);
	for (const link of await links.all()) {
		await expect(link).toBeVisible();
		const box = (await link.boundingBox())!;
		const name = await link.textContent();
		expect(box.x, `${name} starts off screen`).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width, `${name} is cut at the right edge`).toBeLessThanOrEqual(width);
	}
}

/** Opens each screen (and each tab of a tabbed screen) and checks it fits. */
async function checkScreens(
	page: Page,
	nav: string,
	width: number,
	screens: readonly { path: string; ready: RegExp; tabs?: readonly string[]; shared?: boolean }[]
): Promise<void> {
	for (const screen of screens) {
		await page.goto(screen.path);
		await expect(page.getByRole('heading', { level: 1, name: screen.ready })).toBeVisible();
		if (!screen.shared) {
			await expectNavReachable(page, nav, width);
		}
		await expectNoHorizontalScroll(page, `${screen.path} at ${width} px`);
		for (const tab of screen.tabs ?? []) {
			await page.getByRole('tab', { name: tab }).click();
			await expect(page.getByRole('tabpanel')).toBeVisible();
			await expectNoHorizontalScroll(page, `${screen.path} (${tab}) at ${width} px`);
		}
		if (width === 320) {
			await expectNoA11yViolations(page);
		}
	}
}

for (const width of WIDTHS) {
	test(`every coach and client screen fits a ${width} px phone, nav entries all reachable`, async ({
		browser,
		ownServer
	}) => {
		// About thirty screens and tabs (and axe at 320 px): slow on a loaded machine.
		test.setTimeout(360_000);
		const practice = await createPractice(browser, ownServer);
		await assignPackage(practice, { sessions: 4, selfBooking: true });
		await openHoursSoon(practice.coach.request);
		const tabs = ['Chat', 'Notes', 'Goals', 'Sessions', 'Book'];
		const coachScreens = [
			{ path: '/coach', ready: /Welcome/ },
			{ path: `/coach/clients/${practice.engagementId}`, ready: /Cody Client/, tabs },
			{ path: '/coach/clients/invite', ready: /Invite a client/ },
			{ path: '/coach/messages', ready: /Messages/ },
			{ path: '/coach/schedule', ready: /Schedule/ },
			{ path: '/coach/schedule/availability', ready: /Availability/ },
			{ path: '/coach/packages', ready: /Packages/ },
			{ path: '/coach/profile', ready: /Profile/ },
			// Outside the coach's section: no section navigation there.
			{ path: '/settings', ready: /Settings/, shared: true },
			{ path: '/notifications', ready: /Notifications/, shared: true }
		];
		const clientScreens = [
			{ path: '/client', ready: /Hello/, tabs: ['Chat', 'Notes', 'Goals'] },
			{ path: '/client/book', ready: /Book a session/ },
			{ path: '/client/sessions', ready: /Your sessions/ },
			{ path: '/client/profile', ready: /Your profile/ },
			{ path: '/settings', ready: /Settings/, shared: true }
		];
		const coachPage = await practice.coach.newPage();
		const clientPage = await practice.client.newPage();
		await coachPage.setViewportSize({ width, height: 780 });
		await clientPage.setViewportSize({ width, height: 780 });
		await checkScreens(coachPage, 'Coach', width, coachScreens);
		await checkScreens(clientPage, 'Client', width, clientScreens);
	});
}

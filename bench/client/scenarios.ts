import type { Page } from '@playwright/test';
import { signInAsCoach, waitForServiceWorkerControl, type ProfileBrowser } from './browser';
import {
	installChatWatcher,
	timeInAppNavigation,
	timeNavigation,
	type ChatExpectation,
	type LoadMarks
} from './readable';
import { formatProfile, startProfile, stopProfile } from './profile';
import { summarize, type Scenario } from './report';

interface Setup {
	profile: ProfileBrowser;
	chat: ChatExpectation;
	chatUrl: string;
}

async function openProfile(setup: Setup): Promise<Page> {
	const context = await setup.profile.open();
	await installChatWatcher(context, setup.chat);
	return context.pages()[0] ?? context.newPage();
}

/**
 * Signs in and opens the chat with the server up, so the whole history reaches IndexedDB and the
 * service worker installs. Returns the time this first, online open took to be readable.
 */
export async function warmUpOnline(setup: Setup): Promise<LoadMarks> {
	const page = await openProfile(setup);
	await signInAsCoach(setup.profile.context);
	const marks = await timeNavigation(page, setup.chatUrl);
	await page
		.getByRole('status')
		.filter({ hasText: 'All changes saved' })
		.waitFor({ timeout: 30_000 });
	await waitForServiceWorkerControl(page);
	// y-indexeddb stores what arrived in its own transactions; give them a moment to commit.
	await page.waitForTimeout(1_000);
	return marks;
}

function milestones(all: readonly LoadMarks[]): Scenario['milestones'] {
	const openings = all.map((marks) => marks.opening).filter((value) => value !== null);
	return {
		htmlServed: summarize(all.map((marks) => marks.htmlServed)).median,
		domContentLoaded: summarize(all.map((marks) => marks.domContentLoaded)).median,
		opening: openings.length > 0 ? summarize(openings).median : null
	};
}

function navigationScenario(label: string, all: readonly LoadMarks[]): Scenario {
	return { label, readable: all.map((marks) => marks.readable), milestones: milestones(all) };
}

/** With the server stopped: the three ways a coach opens the chat, `runs` times each. */
export async function measureOffline(
	setup: Setup & { engagementId: string; runs: number; log: (line: string) => void }
): Promise<Scenario[]> {
	const { profile, chatUrl, runs, log } = setup;
	let page = profile.context.pages()[0] ?? (await profile.context.newPage());

	const reloads: LoadMarks[] = [];
	for (let run = 0; run < runs; run += 1) {
		reloads.push(await timeNavigation(page, chatUrl));
	}
	log(
		`navigation in an open tab: ${reloads.map((marks) => Math.round(marks.readable)).join(', ')} ms`
	);

	const inApp: number[] = [];
	for (let run = 0; run < runs; run += 1) {
		inApp.push((await timeInAppNavigation(page, setup.engagementId)).readable);
	}
	log(`from the client list: ${inApp.map(Math.round).join(', ')} ms`);

	const cold: LoadMarks[] = [];
	for (let run = 0; run < runs; run += 1) {
		await profile.close();
		page = await openProfile(setup);
		cold.push(await timeNavigation(page, chatUrl));
	}
	log(`browser restarted: ${cold.map((marks) => Math.round(marks.readable)).join(', ')} ms`);

	return [
		navigationScenario('address bar, app already open in the tab', reloads),
		navigationScenario('address bar, browser just started', cold),
		{ label: 'click in the client list (in-app navigation)', readable: inApp }
	];
}

/**
 * BENCH_PROFILE=1: one more in-app open and one more address-bar open, under V8's sampling
 * profiler, to see where the main thread spends the time before the chat is readable.
 */
export async function profileOffline(
	setup: Setup & { engagementId: string; clientDir: string }
): Promise<string[]> {
	const page = setup.profile.context.pages()[0] ?? (await setup.profile.context.newPage());
	let cdp: Awaited<ReturnType<typeof startProfile>> | null = null;
	const inApp = await timeInAppNavigation(page, setup.engagementId, async () => {
		cdp = await startProfile(page);
	});
	const first = formatProfile(
		`click in the client list, readable after ${Math.round(inApp.readable)} ms`,
		await stopProfile(cdp!, setup.clientDir)
	);
	await page.goto('/coach');
	cdp = await startProfile(page);
	const marks = await timeNavigation(page, setup.chatUrl);
	const second = formatProfile(
		`address bar, readable after ${Math.round(marks.readable)} ms`,
		await stopProfile(cdp, setup.clientDir)
	);
	return [first, second];
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { describeMachine, formatMachine } from './lib/machine';
import { launchBrowser, ProfileBrowser } from './client/browser';
import { removeSnapshot, root, snapshotBuild } from './client/build';
import { writeDocsSection } from './client/docs-section';
import { firstVisitWeight, precacheWeight } from './client/js-weight';
import { measureDocCosts } from './client/doc-costs';
import { createPractice, startServer, type BenchServer } from './client/practice';
import {
	chunkTable,
	docCostTable,
	readableTable,
	weightTable,
	type ClientBenchResults
} from './client/report';
import { measureOffline, profileOffline, warmUpOnline } from './client/scenarios';
import { messageText, seedChat } from './client/seed-chat';

/*
 * `npm run bench:client`: how fast the local-first client shows a 10,000-message chat with the
 * server down, and how much JavaScript a first visit downloads. See docs/performance.md.
 */
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LIMIT_MS = 5 * 60_000;

const cleanups: (() => Promise<void> | void)[] = [];
const log = (line: string) => console.log(`[bench:client] ${line}`);

async function cleanUp(): Promise<void> {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await Promise.resolve()
			.then(cleanup)
			.catch((error: unknown) => console.error('cleanup failed:', error));
	}
}

async function measureWeights(browser: Browser, server: BenchServer, buildDir: string) {
	const clientDir = path.join(buildDir, 'client');
	const weights = [];
	for (const target of ['login', 'coach'] as const) {
		weights.push(await firstVisitWeight({ browser, baseURL: server.url, clientDir, target }));
	}
	return { weights, precache: precacheWeight(clientDir) };
}

async function run(): Promise<ClientBenchResults> {
	const machine = describeMachine();
	const buildDir = snapshotBuild(log);
	cleanups.push(() => removeSnapshot(buildDir));
	const server = await startServer(buildDir);
	cleanups.push(async () => {
		await server.stop();
		fs.rmSync(server.dataDir, { recursive: true, force: true });
	});
	log(`server on ${server.url}`);
	const practice = await createPractice(server);
	const seeded = Date.now();
	const update = await seedChat(server.url, practice, MESSAGES);
	log(
		`${MESSAGES} messages on the server in ${Date.now() - seeded} ms (${update.byteLength} bytes)`
	);
	const docCosts = measureDocCosts(update);

	const browser = await launchBrowser();
	cleanups.push(() => browser.close());
	const { weights, precache } = await measureWeights(browser, server, buildDir);
	await browser.close();

	const profile = new ProfileBrowser(server.url);
	cleanups.push(() => profile.dispose());
	const chat = { lastText: messageText(MESSAGES), hidden: Math.max(0, MESSAGES - 200) };
	const chatUrl = `/coach/clients/${practice.engagementId}`;
	const online = await warmUpOnline({ profile, chat, chatUrl });
	log(`online first open: readable after ${Math.round(online.readable)} ms`);
	await server.stop();
	log('server stopped; measuring offline opens');
	const loadBefore = os.loadavg()[0]!.toFixed(2);
	const scenarios = await measureOffline({
		profile,
		chat,
		chatUrl,
		engagementId: practice.engagementId,
		runs: RUNS,
		log
	});
	if (process.env.BENCH_PROFILE === '1') {
		const clientDir = path.join(buildDir, 'client');
		const setup = { profile, chat, chatUrl, engagementId: practice.engagementId, clientDir };
		for (const summary of await profileOffline(setup)) {
			console.log(`\n${summary}`);
		}
	}
	return {
		when: new Date().toISOString().slice(0, 16).replace('T', ' '),
		commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim(),
		machine,
		loadDuringRuns: `${loadBefore} → ${os.loadavg()[0]!.toFixed(2)}`,
		messages: MESSAGES,
		docBytes: update.byteLength,
		docCosts,
		online,
		scenarios,
		weights,
		precache
	};
}

function print(results: ClientBenchResults): void {
	console.log(`\n${formatMachine(results.machine)}`);
	console.log(`Load average (1 min) during the offline runs: ${results.loadDuringRuns}\n`);
	console.log(readableTable(results.scenarios));
	console.log(`\n${docCostTable(results.docCosts)}`);
	console.log(`\n${weightTable(results.weights, results.precache)}\n`);
	for (const weight of results.weights) {
		console.log(`${chunkTable(weight)}\n`);
	}
}

const watchdog = setTimeout(() => {
	console.error(`bench:client took over ${LIMIT_MS / 60_000} minutes; stopping`);
	void cleanUp().finally(() => process.exit(1));
}, LIMIT_MS);
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

try {
	const results = await run();
	print(results);
	if (process.env.BENCH_WRITE_DOCS !== '0') {
		await writeDocsSection(results);
		log('wrote the "Local-first client" section of docs/performance.md');
	}
} catch (error) {
	console.error(error);
	process.exitCode = 1;
} finally {
	clearTimeout(watchdog);
	await cleanUp();
}

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

/** The app built and served, a coach with one client, and the chat written to the server. */
async function prepare() {
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
	log(`${MESSAGES} messages on the server in ${Date.now() - seeded} ms (${update.byteLength} B)`);
	return { buildDir, server, practice, update };
}

async function measureOpens(prepared: Awaited<ReturnType<typeof prepare>>) {
	const { buildDir, server, practice } = prepared;
	const profile = new ProfileBrowser(server.url);
	cleanups.push(() => profile.dispose());
	const chat = { lastText: messageText(MESSAGES), hidden: Math.max(0, MESSAGES - 200) };
	const setup = { profile, chat, chatUrl: `/coach/clients/${practice.engagementId}` };
	const online = await warmUpOnline(setup);
	log(`online first open: readable after ${Math.round(online.readable)} ms`);
	await server.stop();
	log('server stopped; measuring offline opens');
	const loadBefore = os.loadavg()[0]!.toFixed(2);
	const offline = { ...setup, engagementId: practice.engagementId };
	const scenarios = await measureOffline({ ...offline, runs: RUNS, log });
	const loadDuringRuns = `${loadBefore} → ${os.loadavg()[0]!.toFixed(2)}`;
	if (process.env.BENCH_PROFILE === '1') {
		const clientDir = path.join(buildDir, 'client');
		for (const summary of await profileOffline({ ...offline, clientDir })) {
			console.log(`\n${summary}`);
		}
	}
	return { online, scenarios, loadDuringRuns };
}

async function run(): Promise<ClientBenchResults> {
	const machine = describeMachine();
	const prepared = await prepare();
	const browser = await launchBrowser();
	cleanups.push(() => browser.close());
	const { weights, precache } = await measureWeights(browser, prepared.server, prepared.buildDir);
	await browser.close();
	const opens = await measureOpens(prepared);
	return {
		when: new Date().toISOString().slice(0, 16).replace('T', ' '),
		// "-dirty": the build included uncommitted changes of the working tree.
		commit: execFileSync('git', ['describe', '--always', '--dirty'], { cwd: root })
			.toString()
			.trim(),
		machine,
		messages: MESSAGES,
		docBytes: prepared.update.byteLength,
		docCosts: measureDocCosts(prepared.update),
		weights,
		precache,
		...opens
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
		writeDocsSection(results);
		log('wrote the "Local-first client" section of docs/performance.md');
	}
} catch (error) {
	console.error(error);
	process.exitCode = 1;
} finally {
	clearTimeout(watchdog);
	await cleanUp();
}

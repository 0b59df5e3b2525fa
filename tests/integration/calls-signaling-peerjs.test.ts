import { chromium, type Browser, type Page } from '@playwright/test';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedPeer } from '../../src/lib/api/calls';
import { peerOptions } from '../../src/lib/calls/peer-options';
import type { HttpClient } from '../helpers/http-client';
import { CallsWorld } from './calls-signaling.helpers';

/**
 * The real PeerJS client (the same build the app bundles) in Chromium against /peerjs, with the
 * options peerOptions() builds: proves the URL, key and admission line up with what the browser
 * actually opens. Signaling only, so no network namespace is needed: an OFFER reaching the other
 * page (or being refused) does not depend on ICE ever connecting.
 */
const peerjsBundle = path.resolve(import.meta.dirname, '../../node_modules/peerjs/dist/peerjs.js');

let world: CallsWorld;
let browser: Browser;

type PeerPage = Page & { peerId: string };

/** A page of the app, signed in as `user`, with a PeerJS Peer open on an issued id. */
async function peerPage(user: HttpClient): Promise<PeerPage> {
	const context = await browser.newContext();
	const url = new URL(world.server.url);
	await context.addCookies([
		{ name: 'tandem_session', value: user.cookie('tandem_session')!, url: url.origin }
	]);
	const page = await context.newPage();
	await page.goto(`${url.origin}/healthz`);
	await page.addScriptTag({ path: peerjsBundle });
	const issued = await page.evaluate(async () => {
		const response = await fetch('/api/calls/peer', { method: 'POST' });
		return (await response.json()) as IssuedPeer;
	});
	const options = peerOptions(issued, url);
	await page.evaluate(
		({ id, options }) =>
			new Promise<void>((resolve, reject) => {
				const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
				const peer = new w.peerjs.Peer(id, options);
				w.peer = peer;
				w.errors = [];
				w.incoming = [];
				peer.on('error', (e: { type: string; message: string }) =>
					w.errors.push(`${e.type}: ${e.message}`)
				);
				peer.on('call', (call: { peer: string }) => w.incoming.push(call.peer));
				peer.on('connection', (conn: { peer: string }) => w.incoming.push(conn.peer));
				peer.once('open', () => resolve());
				peer.once('error', (e: Error) => reject(e));
			}),
		{ id: issued.peerId, options }
	);
	return Object.assign(page, { peerId: issued.peerId });
}

/** Starts a media call to `dst` with a canvas stream (no camera needed). */
function callFrom(page: Page, dst: string): Promise<void> {
	return page.evaluate((dst) => {
		const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
		const stream = document.createElement('canvas').captureStream();
		w.peer.call(dst, stream);
	}, dst);
}

const incoming = (page: Page) =>
	page.evaluate(() => (window as unknown as { incoming: string[] }).incoming);
const errors = (page: Page) =>
	page.evaluate(() => (window as unknown as { errors: string[] }).errors);

let coach: HttpClient;
let client: HttpClient;

beforeAll(async () => {
	world = await CallsWorld.start();
	coach = await world.signupCoach('Coach Cora');
	client = (await world.clientOf(coach)).http;
	browser = await chromium.launch({
		executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
});

afterAll(async () => {
	await browser?.close();
	await world?.stop();
});

describe('the PeerJS client against /peerjs', () => {
	it("delivers the coach's call to the client", async () => {
		const coachPage = await peerPage(coach);
		const clientPage = await peerPage(client);
		await callFrom(coachPage, clientPage.peerId);
		await expect.poll(() => incoming(clientPage)).toEqual([coachPage.peerId]);
		expect(await errors(coachPage)).toEqual([]);
	});

	it("refuses the client's call to the coach: the client's PeerJS gets the server's ERROR", async () => {
		const coachPage = await peerPage(coach);
		const clientPage = await peerPage(client);
		await callFrom(clientPage, coachPage.peerId);
		await expect
			.poll(() => errors(clientPage))
			.toEqual(['server-error: Only the coach can start a call.']);
		expect(await incoming(coachPage)).toEqual([]);
	});
});

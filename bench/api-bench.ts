import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
	decodeQuotedPrintable,
	inviteLinkIn,
	startSmtpSink,
	type ReceivedMail
} from '../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../tests/helpers/http-client';
import { describeMachine, formatMachine } from './lib/machine';
import { percentile } from './lib/stats';

/*
 * `npm run bench:api [-- --app <dir>] [--samples 400] [--concurrency 8] [--warmup 40]`: starts
 * the built app of <dir> (default: this checkout; run `npm run build` there first) the way
 * `npm start` does, on port 0 with a fresh DATA_DIR, mailing to an in-process SMTP sink. It
 * signs coaches up and invites clients through the real endpoints, then times, sequentially
 * and with `concurrency` requests in flight:
 *   sign-in   POST /api/auth/login (argon2 verification included, the bulk of it)
 *   me        GET /api/me (the cheapest authenticated request: session lookup + user)
 *   book      POST /api/engagements/:id/bookings by a self-booking client
 *   cancel    POST /api/bookings/:id/cancel (which frees the slot for the next booking)
 *   invite    POST /api/invites (a new client each time; the email goes through the queue)
 * Each concurrent lane has its own coach and client, so bookings never contend for a slot.
 * The script lives in this checkout and only the server comes from <dir>, so the same
 * measurement runs against another checkout (the baseline) unchanged.
 */
const { values: args } = parseArgs({
	options: {
		app: { type: 'string', default: path.resolve(import.meta.dirname, '..') },
		samples: { type: 'string', default: '400' },
		concurrency: { type: 'string', default: '8' },
		warmup: { type: 'string', default: '40' }
	}
});
const APP = path.resolve(args.app!);
const SAMPLES = Number(args.samples);
const CONCURRENCY = Number(args.concurrency);
const WARMUP = Number(args.warmup);
const PASSWORD = 'correct-horse-9';
const log = (line: string) => console.log(`[bench:api] ${line}`);

interface Server {
	url: string;
	stop(): Promise<void>;
}

async function startServer(smtpUrl: string): Promise<Server> {
	if (!fs.existsSync(path.join(APP, 'build', 'handler.js'))) {
		throw new Error(`${APP} has no build/: run \`npm run build\` there first`);
	}
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-api-'));
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: APP,
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			SMTP_URL: smtpUrl,
			// The bench sends thousands of invitations; the anti-spam allowance would stop it.
			TANDEM_MAIL_PER_HOUR: '1000000',
			TANDEM_MAIL_PER_HOUR_NEW: '1000000'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
		child.stdout.on('data', () => {
			const match = /Tandem listening on (http:\/\/\S+)/.exec(output);
			if (match?.[1]) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${output}`));
		});
	});
	return {
		url,
		async stop() {
			child.kill('SIGTERM');
			await exited;
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

async function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const found = find();
		if (found !== undefined) {
			return found;
		}
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

async function expectStatus(response: Response, status: number, what: string) {
	if (response.status !== status) {
		throw new Error(`${what}: ${response.status} ${await response.text()}`);
	}
	return (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const mailTo = (received: ReceivedMail[], email: string, pattern: RegExp) =>
	received.find((m) => m.to.includes(email) && pattern.test(decodeQuotedPrintable(m.raw)));

interface Lane {
	coach: HttpClient;
	coachEmail: string;
	client: HttpClient;
	engagementId: string;
	packageId: string;
}

/** A coach (signed up by email link) and a self-booking client who accepted an invitation. */
async function lane(url: string, received: ReceivedMail[], n: number): Promise<Lane> {
	const coach = new HttpClient(url);
	const coachEmail = `bench-coach-${n}@example.com`;
	const fields = { name: `Coach ${n}`, email: coachEmail, password: PASSWORD };
	await expectStatus(await coach.post('/api/auth/signup', fields), 202, 'sign-up');
	const confirmation = await waitFor(
		() => mailTo(received, coachEmail, /\/signup\/confirm\//),
		'the sign-up email'
	);
	const token = /\/signup\/confirm\/([a-z0-9]+)/.exec(decodeQuotedPrintable(confirmation.raw))![1];
	await expectStatus(await coach.post('/api/auth/signup/confirm', { token }), 201, 'confirm');
	const pkg = await expectStatus(
		await coach.post('/api/packages', {
			name: 'Package',
			sessionsTotal: 10,
			sessionMinutes: 60,
			priceCents: 0,
			currency: 'EUR',
			noShowConsumesSession: true,
			selfBooking: true
		}),
		201,
		'package'
	);
	const day = [{ start: '00:00', end: '24:00' }];
	const availability = {
		timeZone: 'UTC',
		weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
		bufferMinutes: 0,
		minNoticeMinutes: 60,
		maxDaysAhead: 365,
		cancelNoticeHours: 0,
		overrides: []
	};
	await expectStatus(
		await coach.request('PUT', '/api/availability', availability),
		200,
		'availability'
	);
	const clientEmail = `bench-client-${n}@example.com`;
	const packageId = pkg.package.id as string;
	await expectStatus(
		await coach.post('/api/invites', { name: `Client ${n}`, email: clientEmail, packageId }),
		201,
		'invite'
	);
	const invitation = await waitFor(
		() => mailTo(received, clientEmail, /\/invite\//),
		'the invitation'
	);
	const client = new HttpClient(url);
	const inviteToken = inviteLinkIn(invitation.raw).split('/invite/')[1]!;
	const accepted = await expectStatus(
		await client.post(`/api/invites/${inviteToken}/accept`, { password: PASSWORD }),
		201,
		'accept'
	);
	return { coach, coachEmail, client, engagementId: accepted.engagementId as string, packageId };
}

type Step = (lane: Lane, i: number) => Promise<void>;

/** Times `step` in every lane `perLane` times; the per-request latencies in ms and the wall time. */
async function timed(lanes: Lane[], perLane: number, step: Step) {
	const latencies: number[] = [];
	const started = performance.now();
	await Promise.all(
		lanes.map(async (l) => {
			for (let i = 0; i < perLane; i += 1) {
				const t = performance.now();
				await step(l, i);
				latencies.push(performance.now() - t);
			}
		})
	);
	return { latencies, seconds: (performance.now() - started) / 1000 };
}

let invited = 0;
// Three days ahead on a whole hour: inside every lane's availability, outside the notice.
const slot = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 72 * 3_600_000);
const bookings = new Map<Lane, string>();

const steps: Record<string, Step> = {
	'sign-in (argon2)': async (l) => {
		const response = await l.coach.post('/api/auth/login', {
			email: l.coachEmail,
			password: PASSWORD
		});
		await expectStatus(response, 200, 'sign-in');
	},
	'GET /api/me': async (l) => {
		await expectStatus(await l.coach.get('/api/me'), 200, 'me');
	},
	'book (client)': async (l) => {
		const booked = await expectStatus(
			await l.client.post(`/api/engagements/${l.engagementId}/bookings`, {
				startsAt: slot.toISOString(),
				kind: 'video',
				timeZone: 'UTC'
			}),
			201,
			'book'
		);
		bookings.set(l, booked.booking.id as string);
	},
	'cancel (client)': async (l) => {
		const id = bookings.get(l);
		await expectStatus(await l.client.post(`/api/bookings/${id}/cancel`, {}), 200, 'cancel');
	},
	'invite (coach)': async (l) => {
		invited += 1;
		await expectStatus(
			await l.coach.post('/api/invites', {
				name: 'Invited Person',
				email: `bench-invitee-${invited}@example.com`,
				packageId: l.packageId
			}),
			201,
			'invite'
		);
	}
};

interface Result {
	metric: string;
	mode: string;
	n: number;
	mean: number;
	p50: number;
	p99: number;
	perSecond: number;
}

function summary(metric: string, mode: string, run: Awaited<ReturnType<typeof timed>>): Result {
	const sorted = [...run.latencies].sort((a, b) => a - b);
	return {
		metric,
		mode,
		n: sorted.length,
		mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
		p50: percentile(sorted, 50),
		p99: percentile(sorted, 99),
		perSecond: sorted.length / run.seconds
	};
}

/** Booking and cancelling alternate (a slot is booked once), so they run as one pair per turn. */
async function measure(
	lanes: Lane[],
	perLane: number
): Promise<Map<string, Awaited<ReturnType<typeof timed>>>> {
	const runs = new Map<string, Awaited<ReturnType<typeof timed>>>();
	for (const name of ['sign-in (argon2)', 'GET /api/me', 'invite (coach)']) {
		runs.set(name, await timed(lanes, perLane, steps[name]!));
	}
	const book = { latencies: [] as number[], seconds: 0 };
	const cancel = { latencies: [] as number[], seconds: 0 };
	const started = performance.now();
	await Promise.all(
		lanes.map(async (l) => {
			for (let i = 0; i < perLane; i += 1) {
				let t = performance.now();
				await steps['book (client)']!(l, i);
				book.latencies.push(performance.now() - t);
				t = performance.now();
				await steps['cancel (client)']!(l, i);
				cancel.latencies.push(performance.now() - t);
			}
		})
	);
	// Each ran about half the wall time; the throughput column counts the pair.
	book.seconds = cancel.seconds = (performance.now() - started) / 1000;
	runs.set('book (client)', book);
	runs.set('cancel (client)', cancel);
	return runs;
}

function table(results: Result[]): string {
	const head = ['request', 'mode', 'n', 'mean ms', 'p50 ms', 'p99 ms', 'req/s'];
	const rows = results.map((r) => [
		r.metric,
		r.mode,
		String(r.n),
		r.mean.toFixed(2),
		r.p50.toFixed(2),
		r.p99.toFixed(2),
		r.perSecond.toFixed(1)
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
	const line = (cells: string[]) =>
		'| ' +
		cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') +
		' |';
	return [
		line(head),
		'|' +
			widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') +
			'|',
		...rows.map(line)
	].join('\n');
}

async function main(): Promise<void> {
	log(formatMachine(describeMachine()).replace(/\n/g, '\n[bench:api] '));
	log(
		`app ${APP}; ${SAMPLES} samples per request and mode, ${WARMUP} warm-up, concurrency ${CONCURRENCY}`
	);
	const sink = await startSmtpSink();
	const server = await startServer(sink.url);
	try {
		const lanes = await Promise.all(
			Array.from({ length: CONCURRENCY }, (_, n) => lane(server.url, sink.received, n))
		);
		log(`${lanes.length} coaches and clients signed up`);
		await measure(lanes, Math.max(1, Math.ceil(WARMUP / lanes.length)));
		const results: Result[] = [];
		const sequential = await measure(lanes.slice(0, 1), SAMPLES);
		for (const [name, run] of sequential) {
			results.push(summary(name, 'sequential', run));
		}
		const concurrent = await measure(lanes, Math.ceil(SAMPLES / lanes.length));
		for (const [name, run] of concurrent) {
			results.push(summary(name, `${lanes.length} in flight`, run));
		}
		console.log(table(results));
	} finally {
		await server.stop();
		await sink.close();
	}
}

await main();

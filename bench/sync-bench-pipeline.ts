import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { CommitQueue } from '../sync-server/src/commit-queue';
import { localFanOut } from '../sync-server/src/persistence';
import { Room, type Peer } from '../sync-server/src/room';
import { SqlitePersistence } from '../sync-server/src/sqlite-persistence';
import { marker, scanMarkers } from './lib/markers';
import { summarize } from './lib/stats';

// `npm run bench:sync -- ` is the end-to-end bench; this one isolates the commit pipeline
// (room → group commit → SQLite append → relay) in one process, without websockets,
// so a change to it can be compared A/B even on a busy machine. One document, 20 peers, one
// writer offering small appends at each rate in BENCH_PIPELINE_RATES for BENCH_STEP_SECONDS.
// Latency = from applyClientUpdate to the relay (peer.send) of the batch that carries it; CPU
// is the whole process's (both threads, and the driver), per edit: steadier than latency on a
// busy machine.
const rates = (process.env.BENCH_PIPELINE_RATES ?? '2000,8000,16000,32000,64000')
	.split(',')
	.map(Number)
	.filter((rate) => rate > 0);
const stepSeconds = Number(process.env.BENCH_STEP_SECONDS ?? 3);
// NORMAL is the app's default (SYNC_DURABILITY=crash); BENCH_SQLITE_SYNC=FULL is power-loss.
const synchronous = process.env.BENCH_SQLITE_SYNC === 'FULL' ? 'FULL' : 'NORMAL';
const TICK_MS = 1;

function updates(count: number): Uint8Array[] {
	const doc = new Y.Doc();
	const text = doc.getText('notes');
	const out: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => out.push(update));
	while (out.length < count) {
		if (out.length % 1000 === 999) {
			doc.clientID = Math.floor(Math.random() * 2 ** 32);
		}
		text.insert(text.length, `${marker(out.length)} ok `);
	}
	return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function step(room: Room, edits: Uint8Array[], rate: number, sentAt: Float64Array) {
	const started = performance.now();
	let sent = 0;
	while (sent < edits.length) {
		const due = Math.min(
			edits.length,
			Math.floor(((performance.now() - started) / 1000) * rate) + 1
		);
		for (; sent < due; sent++) {
			sentAt[sent] = performance.now();
			room.applyClientUpdate(edits[sent]!);
		}
		await sleep(TICK_MS);
	}
	await room.flush();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-pipeline-'));
const persistence = new SqlitePersistence({ filename: path.join(dir, 'docs.sqlite'), synchronous });
// BENCH_PIPELINE_DEPTH: appends in flight at once (the server's default if unset; 1 = off).
const depth = Number(process.env.BENCH_PIPELINE_DEPTH) || undefined;
const commits = new CommitQueue(persistence, console, depth);
let latencies: number[] = [];
let sentAt = new Float64Array(0);
let offset = 0;
const watcher: Peer = {
	awarenessIds: new Set(),
	close: () => {},
	send: (message) => {
		const now = performance.now();
		scanMarkers(Buffer.from(message.buffer, message.byteOffset, message.byteLength), (seq) =>
			latencies.push(now - (sentAt[seq - offset] ?? Number.NaN))
		);
	}
};
const silent: Peer = { awarenessIds: new Set(), close: () => {}, send: () => {} };
const room = new Room('bench', await persistence.load('bench'), {
	commits,
	fanOut: localFanOut,
	onIdle: () => {},
	onBroken: () => console.error('store failed'),
	onCommitted: () => {}
});
room.join(watcher);
for (let i = 0; i < 19; i++) {
	room.join(silent);
}
console.log(
	`pipeline bench, synchronous=${synchronous}, load average ${os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}`
);
const all = updates(rates.reduce((sum, rate) => sum + rate * stepSeconds, 0));
for (const rate of rates) {
	const edits = all.slice(offset, offset + rate * stepSeconds);
	latencies = [];
	sentAt = new Float64Array(edits.length);
	const before = { ...commits.stats };
	const cpu = process.cpuUsage();
	const wall = performance.now();
	await step(room, edits, rate, sentAt);
	const used = process.cpuUsage(cpu);
	const s = summarize(latencies.filter(Number.isFinite), edits.length);
	const transactions = commits.stats.transactions - before.transactions;
	const ms = performance.now() - wall;
	console.log(
		`${rate} edits/s: p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, max ${s.max.toFixed(1)} ms, ` +
			`achieved ${Math.round((edits.length / ms) * 1000)}/s, ${transactions} commits, ` +
			`cpu ${Math.round(((used.user + used.system) / 1000 / ms) * 100)}% ` +
			`(${((used.user + used.system) / edits.length).toFixed(1)} µs/edit), lost ${s.lost}`
	);
	offset += edits.length;
}
room.destroy();
await commits.drain();
await persistence.close();
fs.rmSync(dir, { recursive: true, force: true });

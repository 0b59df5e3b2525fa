import type { LightClient } from './client';
import { scanMarkers } from './markers';
import { summarize, type LatencySummary } from './stats';

export interface EditRun {
	writer: LightClient;
	receivers: LightClient[];
	/** Update frames whose markers are firstSeq, firstSeq + 1, ... */
	frames: Uint8Array[];
	firstSeq: number;
	ratePerSecond: number;
	/** How long to wait for stragglers after the last send before counting them lost. */
	drainMs: number;
}

export interface EditRunResult extends LatencySummary {
	/** Share of one core the client process used while sending and receiving. */
	clientCpu: number;
}

const TICK_MS = 5;

/**
 * The writer sends `frames` at a fixed rate (in small bursts every tick, catching up on timer
 * lateness); every receiver records, per edit, receive time minus send time. All clients live in
 * this process, so both times come from the same clock.
 */
export async function runEdits(run: EditRun): Promise<EditRunResult> {
	const sentAt = new Float64Array(run.frames.length).fill(Number.NaN);
	const latencies: number[] = [];
	const onFrame = (data: Buffer, receivedAt: number) =>
		scanMarkers(data, (seq) => {
			const sent = sentAt[seq - run.firstSeq];
			if (sent !== undefined && !Number.isNaN(sent)) {
				latencies.push(receivedAt - sent);
			}
		});
	run.receivers.forEach((client) => client.onFrame(onFrame));
	const cpuBefore = process.cpuUsage();
	const started = performance.now();

	await sendAtRate(run, sentAt);
	const expected = run.frames.length * run.receivers.length;
	const deadline = performance.now() + run.drainMs;
	while (latencies.length < expected && performance.now() < deadline) {
		await sleep(10);
	}

	const cpu = process.cpuUsage(cpuBefore);
	const wallMs = performance.now() - started;
	run.receivers.forEach((client) => client.onFrame(null));
	return { ...summarize(latencies, expected), clientCpu: (cpu.user + cpu.system) / 1000 / wallMs };
}

async function sendAtRate(run: EditRun, sentAt: Float64Array): Promise<void> {
	const started = performance.now();
	let sent = 0;
	while (sent < run.frames.length) {
		const due = Math.min(
			run.frames.length,
			Math.floor(((performance.now() - started) / 1000) * run.ratePerSecond) + 1
		);
		for (; sent < due; sent++) {
			sentAt[sent] = performance.now();
			run.writer.send(run.frames[sent]!);
		}
		await sleep(TICK_MS);
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

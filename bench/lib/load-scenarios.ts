import { closeAll, LightClient } from './client';
import type { BenchConfig } from './config';
import { sleep } from './edit-run';
import { readSyncPayload } from './frames';
import { marker } from './markers';
import type { BenchServer } from './servers';
import { chatLength, type ChatHistory } from './updates';

export interface MemoryResult {
	baselineMb: number;
	/** All connections open, documents still empty: what the connections alone cost. */
	connectedMb: number;
	loadedMb: number;
	docs: number;
	connections: number;
}

// A history frame is ~30 KB; anything this large on a watcher means its document is loaded.
const LOADED_FRAME_BYTES = 1_000;
const BATCH_DOCS = 50;

/**
 * Opens `connectionsPerDoc` idle connections on each of `docs` documents, reads the server's
 * VmRSS, then seeds one history per document and reads it again (each after a forced GC).
 */
export async function measureMemory(
	server: BenchServer,
	config: BenchConfig['memory'],
	histories: Uint8Array[]
): Promise<MemoryResult> {
	const baselineMb = await settledRss(server);
	const clients: LightClient[] = [];
	let loaded = 0;
	for (let first = 0; first < config.docs; first += BATCH_DOCS) {
		const batch: Promise<LightClient[]>[] = [];
		for (let doc = first; doc < Math.min(config.docs, first + BATCH_DOCS); doc++) {
			batch.push(openDoc({ server, doc, config, onLoaded: () => loaded++ }));
		}
		clients.push(...(await Promise.all(batch)).flat());
	}
	const connectedMb = await settledRss(server);
	for (let doc = 0; doc < config.docs; doc++) {
		clients[doc * config.connectionsPerDoc]!.send(histories[doc % histories.length]!);
	}
	for (let waited = 0; loaded < config.docs && waited < 120_000; waited += 50) {
		await sleep(50);
	}
	if (loaded < config.docs) {
		throw new Error(`only ${loaded} of ${config.docs} documents confirmed loaded`);
	}
	const loadedMb = await settledRss(server);
	await closeAll(clients);
	return { baselineMb, connectedMb, loadedMb, docs: config.docs, connections: clients.length };
}

async function settledRss(server: BenchServer): Promise<number> {
	await sleep(2_000);
	await server.gc();
	await sleep(1_000);
	return server.rssMb();
}

/** Opens one document's connections; the first is the seeder, the second watches for the seed. */
async function openDoc(options: {
	server: BenchServer;
	doc: number;
	config: BenchConfig['memory'];
	onLoaded: () => void;
}): Promise<LightClient[]> {
	const { server, doc, config, onLoaded } = options;
	const url = `${server.baseUrl}mem-${doc}`;
	const opened = Array.from({ length: config.connectionsPerDoc }, () => new LightClient(url));
	const watcher = opened[1];
	let seen = false;
	watcher?.onFrame((data) => {
		if (!seen && data.length > LOADED_FRAME_BYTES) {
			seen = true;
			watcher.onFrame(null);
			onLoaded();
		}
	});
	await Promise.all(opened.map((client) => client.opened));
	return opened;
}

export interface FetchResult {
	ms: number;
	/** Server CPU time spent while this client was being served, in ms (10 ms resolution). */
	serverCpuMs: number;
	frames: Buffer[];
}

/** Connects a fresh client and times connect → the frame that completes the document. */
export async function fetchDoc(
	server: BenchServer,
	docName: string,
	lastSeq: number
): Promise<FetchResult> {
	const needle = marker(lastSeq);
	const frames: Buffer[] = [];
	const cpuBefore = server.cpuMs();
	const started = performance.now();
	const client = new LightClient(`${server.baseUrl}${docName}`);
	const ms = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${docName} did not arrive in 60 s`)), 60_000);
		client.onFrame((data, receivedAt) => {
			frames.push(data);
			if (data.includes(needle)) {
				clearTimeout(timer);
				resolve(receivedAt - started);
			}
		});
	});
	const serverCpuMs = server.cpuMs() - cpuBefore;
	await client.close();
	return { ms, serverCpuMs, frames };
}

export interface ColdLoadResult {
	warm: FetchResult[];
	cold: FetchResult[];
	/** Messages found in the first fetched copy, decoded with Yjs after timing. */
	verifiedMessages: number;
}

/**
 * Seeds a chat of N messages one update at a time, then times fresh clients: "warm" while
 * another client keeps the document loaded, "cold" after everyone left and the server had
 * `unloadWaitMs` to drop it from memory (a server that never unloads serves cold from memory).
 */
export async function measureColdLoad(
	server: BenchServer,
	chat: ChatHistory,
	options: { runs: number; unloadWaitMs: number }
): Promise<ColdLoadResult> {
	const holder = new LightClient(`${server.baseUrl}chat`);
	await holder.opened;
	chat.frames.forEach((frame) => holder.send(frame));
	const first = await fetchDoc(server, 'chat', chat.lastSeq);
	const verifiedMessages = chatLength(first.frames.map(readSyncPayload));
	const warm: FetchResult[] = [];
	for (let run = 0; run < options.runs; run++) {
		warm.push(await fetchDoc(server, 'chat', chat.lastSeq));
	}
	await closeAll([holder]);
	const cold: FetchResult[] = [];
	for (let run = 0; run < options.runs; run++) {
		await sleep(options.unloadWaitMs);
		cold.push(await fetchDoc(server, 'chat', chat.lastSeq));
	}
	return { warm, cold, verifiedMessages };
}

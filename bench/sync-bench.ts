import { loadBenchConfig, type Scenario } from './lib/config';
import { updateFrame } from './lib/frames';
import { EditSource } from './lib/edit-source';
import { describeMachine, formatMachine } from './lib/machine';
import { formatResults, type Results } from './lib/report';
import { measureColdLoad, measureMemory } from './lib/load-scenarios';
import { log, measureFanOut, measurePropagation } from './lib/scenarios';
import { launch, oursAvailable, OURS_UNLOAD_MS, refDir, type ServerKind } from './lib/server-kinds';
import { ensureReference, pinSelfToCore0, type BenchServer } from './lib/servers';
import { chatHistory, noteHistory } from './lib/updates';

// `npm run bench:sync`: our sync server against the reference y-websocket server, same
// workloads, same client process. See docs/performance.md for the method.
const TIME_LIMIT_MS = 15 * 60_000;
const limit = setTimeout(() => {
	console.error('bench: time limit reached, aborting');
	process.exit(2);
}, TIME_LIMIT_MS);

const config = loadBenchConfig();
const started = Date.now();
console.log(formatMachine(describeMachine()));
console.log(`clients pinned to core 0: ${pinSelfToCore0() ? 'yes' : 'no (taskset missing)'}`);
if (config.servers.includes('reference')) {
	ensureReference(refDir);
}
const withOurs = config.servers.includes('ours') && oursAvailable();
if (config.servers.includes('ours') && !withOurs) {
	console.log('our sync server (sync-server/src/index.ts) is not available yet: reference only');
}
const kinds: ServerKind[] = [
	...(config.servers.includes('reference') ? (['reference'] as const) : []),
	...(withOurs ? (['ours'] as const) : [])
];

const runs = (scenario: Scenario) => config.scenarios.has(scenario);
console.log(`scenarios: ${[...config.scenarios].join(', ')}`);
log('generating workloads with Yjs...');
const source = new EditSource();
const histories = runs('memory')
	? Array.from({ length: config.memory.variants }, (_, seed) =>
			updateFrame(noteHistory(seed + 1, config.memory.textBytes))
		)
	: [];
const chat = chatHistory(runs('cold-load') ? config.coldLoad.messages : 0);
const results: Results = {};
const side = (kind: ServerKind) => (kind === 'ours' ? 'ours' : 'reference');

async function eachServer(
	name: Scenario,
	serverKinds: ServerKind[],
	run: (server: BenchServer, kind: ServerKind) => Promise<void>
): Promise<void> {
	if (!runs(name)) {
		return;
	}
	for (const kind of serverKinds) {
		log(`${name} — ${kind}`);
		const server = await launch(kind);
		try {
			await run(server, kind);
		} finally {
			await server.stop();
		}
	}
}

await eachServer('propagation', kinds, async (server, kind) => {
	(results[side(kind)] ??= {}).propagation = await measurePropagation(
		server,
		config.propagation,
		source
	);
});
await eachServer('fan-out', kinds, async (server, kind) => {
	(results[side(kind)] ??= {}).fanOut = await measureFanOut(server, config.fanOut, source);
});
await eachServer('memory', kinds, async (server, kind) => {
	(results[side(kind)] ??= {}).memory = await measureMemory(server, config.memory, histories);
});
const coldKinds = kinds.map((kind): ServerKind =>
	kind === 'reference' ? 'reference-durable' : kind
);
await eachServer('cold-load', coldKinds, async (server, kind) => {
	const unloadWaitMs = kind === 'ours' ? OURS_UNLOAD_MS + 800 : 500;
	const cold = await measureColdLoad(server, chat, { runs: config.coldLoad.runs, unloadWaitMs });
	(results[side(kind)] ??= {}).coldLoad = cold;
	log(`  ${cold.verifiedMessages} messages verified`);
});

console.log(`\n${formatResults(results, config)}`);
console.log(`\ntotal time ${((Date.now() - started) / 1000).toFixed(0)} s`);
clearTimeout(limit);

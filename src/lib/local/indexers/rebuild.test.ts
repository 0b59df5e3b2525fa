/**
 * The index is derived: whatever sequence of edits, syncs and restarts it followed, it must hold
 * exactly what a rebuild from the same documents produces.
 *
 * Replay a failure:  INDEX_SEED=<seed> npx vitest run --project unit rebuild.test
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildActor, sequentialIds, steppingClock } from '../../../../tests/factories/actors';
import { randomCoachOp, randomEngagementOp } from '../../../../tests/factories/doc-operations';
import { createRng, type Rng } from '../../../../tests/helpers/yjs-harness';
import type { Actor } from '../../docs/actor';
import * as coachDoc from '../../docs/coach-doc';
import * as eng from '../../docs/engagement-doc';
import { remoteOrigin } from '../../docs/origin';
import { openIndexDb, type TandemIndexDb } from '../db';
import { attachCoachIndexer } from './coach-indexer';
import { attachEngagementIndexer, type DetachIndexer } from './engagement-indexer';
import { rebuildIndex } from './rebuild';
import { snapshotIndex } from './snapshot';

const RUNS = process.env.INDEX_SEED ? 1 : 6;
const FIRST_SEED = Number(process.env.INDEX_SEED ?? Math.floor(Math.random() * 2 ** 31));
const STEPS = 250;
const COACH = 'coach';

/** One document on this device (indexed) and on another device (its writes arrive remotely). */
interface Pair {
	name: string;
	local: Y.Doc;
	other: Y.Doc;
	toLocal: Uint8Array[];
	toOther: Uint8Array[];
	attach: () => DetachIndexer;
	detach: DetachIndexer | null;
	randomOp: (doc: Y.Doc, actor: Actor, rng: Rng) => string;
}

function createPair(
	name: string,
	migrate: (doc: Y.Doc) => unknown,
	options: Pick<Pair, 'randomOp'> & { attach: (doc: Y.Doc) => DetachIndexer }
): Pair {
	const local = new Y.Doc();
	const other = new Y.Doc();
	migrate(local);
	migrate(other);
	const pair: Pair = {
		name,
		local,
		other,
		toLocal: [],
		toOther: [],
		attach: () => options.attach(local),
		detach: null,
		randomOp: options.randomOp
	};
	// Only each side's own writes travel; remote applications are not echoed back.
	local.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== remoteOrigin && origin !== provider) {
			pair.toOther.push(update);
		}
	});
	// The other device's updates arrive with a provider object as origin, as y-websocket's do.
	other.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== remoteOrigin && origin !== provider) {
			pair.toLocal.push(update);
		}
	});
	return pair;
}

const provider = { name: 'fake-websocket-provider' };

function deliver(rng: Rng, pair: Pair): void {
	for (const update of pair.toLocal.splice(0, 1 + rng.int(pair.toLocal.length))) {
		Y.applyUpdate(pair.local, update, rng.chance(0.5) ? provider : remoteOrigin);
	}
	for (const update of pair.toOther.splice(0, 1 + rng.int(pair.toOther.length))) {
		Y.applyUpdate(pair.other, update, remoteOrigin);
	}
}

/** Goal deletion is not among the shared fuzz operations; the index must follow it too. */
function engagementOp(doc: Y.Doc, actor: Actor, rng: Rng): string {
	const goals = eng.listGoals(doc);
	if (goals.length > 0 && rng.chance(0.08)) {
		return `deleteGoal ${eng.deleteGoal(doc, actor, { goalId: rng.pick(goals).id }).ok}`;
	}
	return randomEngagementOp(doc, actor, rng);
}

const databases: TandemIndexDb[] = [];
afterEach(async () => {
	for (const db of databases.splice(0)) {
		await db.delete();
	}
});

function freshDb(name: string): TandemIndexDb {
	const db = openIndexDb(name);
	databases.push(db);
	return db;
}

interface Run {
	rng: Rng;
	pairs: Pair[];
	actors: Record<string, Actor>;
	trace: string[];
}

async function step({ rng, pairs, actors, trace }: Run, canRestart: boolean) {
	const pair = rng.pick(pairs);
	const roll = canRestart ? rng.next() : rng.next() * 0.9;
	if (roll < 0.55) {
		const onLocal = rng.chance(0.5);
		const isCoachDoc = pair.name.startsWith('coach:');
		const actor = isCoachDoc || onLocal ? actors.coachHere! : actors.clientThere!;
		const doc = onLocal ? pair.local : pair.other;
		trace.push(`${pair.name} ${onLocal ? 'here' : 'there'} ${pair.randomOp(doc, actor, rng)}`);
	} else if (roll < 0.8) {
		deliver(rng, pair);
		trace.push(`${pair.name} deliver`);
	} else if (roll < 0.9) {
		// Let some batches reach Dexie while others are still being collected.
		await new Promise((resolve) => setTimeout(resolve, rng.int(3)));
		trace.push('tick');
	} else if (pair.detach) {
		// The app closes this document; the index keeps its rows and edits go on elsewhere.
		pair.detach();
		pair.detach = null;
		trace.push(`${pair.name} detach`);
	} else {
		pair.detach = pair.attach();
		trace.push(`${pair.name} attach`);
	}
}

async function runScenario(seed: number, trace: string[]): Promise<void> {
	const rng = createRng(seed);
	const incremental = freshDb(`rebuild-${seed}-incremental`);
	const options = { db: incremental, userId: COACH, debounceMs: rng.int(3) };
	const engagementIds = ['e1', 'e2'];
	const pairs = [
		...engagementIds.map((engagementId) =>
			createPair(`eng:${engagementId}`, eng.migrate, {
				randomOp: engagementOp,
				attach: (doc) => attachEngagementIndexer({ ...options, doc, engagementId })
			})
		),
		createPair(`coach:${COACH}`, coachDoc.migrate, {
			randomOp: randomCoachOp,
			attach: (doc) => attachCoachIndexer({ ...options, doc })
		})
	];
	pairs.forEach((pair) => (pair.detach = pair.attach()));
	const clock = steppingClock(Date.UTC(2026, 0, 5), 7_000);
	const actors = {
		coachHere: buildActor(COACH, { now: clock, newId: sequentialIds('here') }),
		clientThere: buildActor('client', { now: clock, newId: sequentialIds('there') })
	};
	const run = { rng, pairs, actors, trace };
	for (let i = 0; i < STEPS; i++) {
		await step(run, true);
	}
	// Reattaching reconciles everything, so end with a stretch of purely incremental upkeep.
	pairs.forEach((pair) => (pair.detach ??= pair.attach()));
	trace.push('all attached');
	for (let i = 0; i < STEPS / 2; i++) {
		await step(run, false);
	}
	for (const pair of pairs) {
		deliver(rng, pair);
		await pair.detach!.flush();
	}
	const rebuilt = freshDb(`rebuild-${seed}-rebuilt`);
	await rebuildIndex({
		db: rebuilt,
		userId: COACH,
		docs: {
			engagements: engagementIds.map((engagementId, i) => ({ engagementId, doc: pairs[i]!.local })),
			coach: pairs[2]!.local
		}
	});
	const expected = await snapshotIndex(rebuilt);
	expect(expected.notes!.length + expected.goals!.length).toBeGreaterThan(0);
	expect(await snapshotIndex(incremental)).toEqual(expected);
}

describe('the Dexie index is derived from the documents', () => {
	const seeds = Array.from({ length: RUNS }, (_, i) => (FIRST_SEED + i) % 2 ** 31);
	it.each(seeds)('incremental indexing equals a rebuild (INDEX_SEED=%i)', async (seed) => {
		const trace: string[] = [];
		try {
			await runScenario(seed, trace);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			throw new Error(
				`Index mismatch, replay with INDEX_SEED=${seed}\nlast steps:\n  ${trace.slice(-20).join('\n  ')}\n${message}`,
				{ cause: error }
			);
		}
	});
});

/**
 * Convergence fuzzing of our own schemas: 3-5 devices edit `eng:`, `sub:` and `coach:` documents
 * through the typed verbs while updates arrive in random order, connections drop, apps restart
 * from IndexedDB and docs get compacted. In the end every replica must hold the same document and
 * derive the same answers from it.
 *
 * Replay a failure:  FUZZ_SEED=<seed> npx vitest run --project unit convergence.fuzz
 * Run longer:        FUZZ_RUNS=200 npx vitest run --project unit convergence.fuzz
 * Explore new seeds: FUZZ_RANDOM=1 FUZZ_RUNS=200 npx vitest run --project unit convergence.fuzz
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
	randomCoachOp,
	randomEngagementOp,
	randomSubscriptionOp
} from '../../../tests/factories/doc-operations';
import { ReplicaIndexes } from '../../../tests/helpers/replica-indexes';
import {
	createRng,
	YjsHarness,
	type ConvergenceCheck,
	type HarnessPeer,
	type Rng
} from '../../../tests/helpers/yjs-harness';
import { createActor, type Actor } from './actor';
import * as coachDoc from './coach-doc';
import * as eng from './engagement-doc';
import * as sub from './subscription-doc';
import { topLevelJson } from './top-level';

const RUNS = process.env.FUZZ_SEED ? 1 : Number(process.env.FUZZ_RUNS ?? 40);
// Fixed seeds by default so CI judges every change against the same scenarios; FUZZ_RANDOM=1
// explores new ones (run it locally or in a nightly job, and pin any failure as a regression seed).
const FIRST_SEED = Number(
	process.env.FUZZ_SEED ?? (process.env.FUZZ_RANDOM ? Math.floor(Math.random() * 2 ** 31) : 1)
);
const STEPS = 200;

function expectUniqueIds(ids: readonly string[], what: string, peer: HarnessPeer): void {
	const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
	expect(duplicates, `duplicate ${what} ids on peer ${peer.index}`).toEqual([]);
}

/** Invariants of `eng:` checked after every convergence; more checks can be appended. */
export const engagementChecks: ConvergenceCheck[] = [
	(peers) => {
		for (const peer of peers) {
			expectUniqueIds(
				eng.listMessages(peer.doc).map((m) => m.id),
				'message',
				peer
			);
			for (const note of eng.listNotes(peer.doc)) {
				expectUniqueIds(
					note.comments.map((c) => c.id),
					'comment',
					peer
				);
			}
			for (const goal of eng.listGoals(peer.doc)) {
				expect(goal.completedAt === null).toBe(goal.status === 'open');
			}
		}
	}
];

/** Invariants of `sub:`: no duplicated entries, and every replica counts the same sessions. */
export const subscriptionChecks: ConvergenceCheck[] = [
	(peers) => {
		const usages = peers.map((peer) => {
			expectUniqueIds(
				sub.listLedger(peer.doc).map((e) => e.id),
				'session',
				peer
			);
			return sub.usage(peer.doc);
		});
		for (const usage of usages) {
			expect(usage).toEqual(usages[0]);
			expect(usage.remaining).toBeGreaterThanOrEqual(0);
		}
	}
];

/** Invariants of `coach:`: private notes keep unique ids and their engagement. */
export const coachChecks: ConvergenceCheck[] = [
	(peers) => {
		for (const peer of peers) {
			const notes = ['e1', 'e2'].flatMap((id) => coachDoc.listPrivateNotes(peer.doc, id));
			expectUniqueIds(
				notes.map((n) => n.id),
				'private note',
				peer
			);
			expect(notes.every((n) => n.visibility === 'private')).toBe(true);
		}
	}
];

// What must be equal across replicas: every top-level type as a stock client sees it, and
// what our read functions make of it (their ordering must not depend on arrival order).
const describeEngagement = (doc: Y.Doc) => ({
	raw: topLevelJson(doc, eng.TOP_LEVEL),
	messages: eng.listMessages(doc),
	notes: eng.listNotes(doc),
	goals: eng.listGoals(doc)
});
const describeSubscription = (doc: Y.Doc) => ({
	raw: topLevelJson(doc, sub.TOP_LEVEL),
	sessions: sub.listSessions(doc),
	usage: sub.usage(doc)
});

const describeCoach = (doc: Y.Doc) => ({
	raw: topLevelJson(doc, coachDoc.TOP_LEVEL),
	notes: ['e1', 'e2'].map((id) => coachDoc.listPrivateNotes(doc, id)),
	greeting: coachDoc.readGreeting(doc),
	profile: coachDoc.readProfile(doc)
});

interface Device {
	coach: Actor;
	client: Actor;
	role: 'coach' | 'client';
}

/** Devices share one id sequence (unique, replayable) and each has its own skewed clock. */
function createDevices(rng: Rng, count: number): Device[] {
	let nextId = 0;
	let time = Date.UTC(2026, 0, 1);
	const newId = () => `id-${++nextId}`;
	return Array.from({ length: count }, (_, index) => {
		const skew = rng.int(120_000) - 60_000;
		const now = () => (time += 1 + rng.int(5_000)) + skew;
		return {
			coach: createActor({ userId: 'coach', now, newId }),
			client: createActor({ userId: 'client', now, newId }),
			role: index === 0 ? 'coach' : index === 1 ? 'client' : rng.pick(['coach', 'client'] as const)
		};
	});
}

async function networkEvent(rng: Rng, harnesses: YjsHarness[], trace: string[]): Promise<void> {
	const roll = rng.next();
	const device = rng.int(harnesses[0]!.peers.length);
	const each = async (fn: (h: YjsHarness, peer: HarnessPeer) => void | Promise<void>) => {
		for (const harness of harnesses) {
			await fn(harness, harness.peers[device]!);
		}
	};
	if (roll < 0.6) {
		const count = 1 + rng.int(12);
		harnesses.forEach((h) => h.deliver(count));
		trace.push(`deliver ${count}`);
	} else if (roll < 0.75) {
		await each((h, peer) => h.disconnect(peer));
		trace.push(`disconnect ${device}`);
	} else if (roll < 0.9) {
		await each((h, peer) => h.reconnect(peer));
		trace.push(`reconnect ${device}`);
	} else if (roll < 0.96) {
		await each((h, peer) => h.restart(peer));
		trace.push(`restart ${device}`);
	} else {
		const harness = rng.pick(harnesses);
		await harness.compact(harness.peers[device]!);
		trace.push(`compact ${device}`);
	}
}

async function runScenario(seed: number, trace: string[]): Promise<void> {
	const rng = createRng(seed);
	const peers = 3 + rng.int(3);
	// Every replica's Dexie index, kept by the real indexers, must equal a rebuild from its doc.
	const engagementIndexes = new ReplicaIndexes({
		name: `fuzz-${seed}-eng-index`,
		doc: { kind: 'engagement', engagementId: 'e1' },
		userId: 'coach'
	});
	const coachIndexes = new ReplicaIndexes({
		name: `fuzz-${seed}-coach-index`,
		doc: { kind: 'coach' },
		userId: 'coach'
	});
	const engagement = await YjsHarness.create({
		peers,
		rng,
		name: `fuzz-${seed}-eng`,
		prepare: (doc) => {
			eng.migrate(doc);
			engagementIndexes.attach(doc);
		},
		afterConverge: [...engagementChecks, engagementIndexes.check]
	});
	const subscription = await YjsHarness.create({
		peers,
		rng,
		name: `fuzz-${seed}-sub`,
		prepare: (doc) => sub.migrate(doc),
		afterConverge: subscriptionChecks
	});
	const coach = await YjsHarness.create({
		peers,
		rng,
		name: `fuzz-${seed}-coach`,
		prepare: (doc) => {
			coachDoc.migrate(doc);
			coachIndexes.attach(doc);
		},
		afterConverge: [...coachChecks, coachIndexes.check]
	});
	const devices = createDevices(rng, peers);
	try {
		for (let step = 0; step < STEPS; step++) {
			const index = rng.int(peers);
			const device = devices[index]!;
			const roll = rng.next();
			if (roll < 0.55) {
				const actor = device.role === 'coach' ? device.coach : device.client;
				const doc = engagement.peers[index]!.doc;
				trace.push(`${index} ${randomEngagementOp(doc, actor, rng)}`);
			} else if (roll < 0.65 && device.role === 'coach') {
				const doc = subscription.peers[index]!.doc;
				trace.push(`${index} ${randomSubscriptionOp(doc, device.coach, rng)}`);
			} else if (roll < 0.72 && device.role === 'coach') {
				const doc = coach.peers[index]!.doc;
				trace.push(`${index} ${randomCoachOp(doc, device.coach, rng)}`);
			} else {
				await networkEvent(rng, [engagement, subscription, coach], trace);
			}
			if (step === STEPS / 2 && rng.chance(0.5)) {
				await engagement.converge(describeEngagement);
				trace.push('converged mid-run');
			}
		}
		await engagement.converge(describeEngagement);
		await subscription.converge(describeSubscription);
		await coach.converge(describeCoach);
	} finally {
		await engagement.destroy();
		await subscription.destroy();
		await coach.destroy();
		await engagementIndexes.destroy();
		await coachIndexes.destroy();
	}
}

describe('schema convergence under random delivery, disconnects, restarts and compaction', () => {
	const seeds = Array.from({ length: RUNS }, (_, i) => (FIRST_SEED + i) % 2 ** 31);
	it.each(seeds)(
		'converges (FUZZ_SEED=%i)',
		async (seed) => {
			const trace: string[] = [];
			try {
				await runScenario(seed, trace);
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				throw new Error(
					`Fuzz failure, replay with FUZZ_SEED=${seed}\nlast steps:\n  ${trace.slice(-25).join('\n  ')}\n${message}`,
					{ cause: error }
				);
			}
		},
		60_000
	);
});

import * as Y from 'yjs';
import { EngagementUpdatePolicy } from '../server/engagement-update-policy';
import * as eng from '../src/lib/docs/engagement-doc';
import { createActor } from '../src/lib/docs/actor';
import { DocState } from '../sync-server/src/doc-state';
import { StructIndex } from '../sync-server/src/update-inspection';

// `npx tsx bench/update-policy-bench.ts`: main-thread cost per client update of the eng: update
// policy (StructIndex + rules), against accepting the same updates unchecked. See
// docs/performance.md, "Update inspection".

function chatUpdates(count: number): { update: Uint8Array; userId: string }[] {
	const out: { update: Uint8Array; userId: string }[] = [];
	const docs = [new Y.Doc(), new Y.Doc()];
	const actors = ['coach', 'client'].map((userId) => createActor({ userId }));
	docs.forEach((doc, i) => {
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== 'peer') {
				out.push({ update, userId: actors[i]!.userId });
				Y.applyUpdate(docs[1 - i]!, update, 'peer');
			}
		});
	});
	docs.forEach((doc) => eng.migrate(doc));
	for (let i = 0; i < count; i++) {
		const who = i % 2;
		eng.sendMessage(docs[who]!, actors[who]!, { text: `Message ${i} about the plan.` });
		if (i % 10 === 0) {
			const last = eng.listMessages(docs[1 - who]!).at(-1)!;
			eng.markRead(docs[1 - who]!, actors[1 - who]!, { messageId: last.id });
		}
	}
	return out;
}

function typingUpdates(count: number): { update: Uint8Array; userId: string }[] {
	const doc = new Y.Doc();
	const out: { update: Uint8Array; userId: string }[] = [];
	doc.on('update', (update: Uint8Array) => out.push({ update, userId: 'coach' }));
	const text = doc.getText('notes');
	let seed = 1;
	const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	for (let i = 0; i < count; i++) {
		text.insert(Math.floor(next() * (text.length + 1)), 'k');
	}
	return out;
}

function run(updates: { update: Uint8Array; userId: string }[], checked: boolean): number {
	const state = new DocState([]);
	const owners = new Map<number, string>();
	const policy = new EngagementUpdatePolicy({
		ownerOf: (_doc, client) => owners.get(client) ?? null,
		claim: (_doc, client, user) => void owners.set(client, user)
	});
	const index = checked ? new StructIndex(state.snapshot()) : null;
	state.onAccepted = (structs, ds) => index?.add(structs, ds);
	const started = performance.now();
	for (const { update, userId } of updates) {
		state.accept(update, 'pending', {
			check: index
				? (structs, ds) => {
						if (policy.check(index.inspect('eng:x', structs, ds), { userId })) {
							throw new Error('refused a legitimate update');
						}
					}
				: undefined
		});
		state.takePending();
	}
	return ((performance.now() - started) * 1000) / updates.length;
}

for (const [name, updates] of [
	['chat, 4,000 messages + read markers', chatUpdates(4000)],
	['note typing, 5,000 keystrokes at random places', typingUpdates(5000)]
] as const) {
	const best = (checked: boolean) =>
		Math.min(...[1, 2, 3, 4, 5].map(() => run([...updates], checked)));
	const plain = best(false);
	const checked = best(true);
	console.log(
		`${name}: ${updates.length} updates, unchecked ${plain.toFixed(1)} µs/update, ` +
			`checked ${checked.toFixed(1)} µs/update (+${(checked - plain).toFixed(1)} µs)`
	);
}

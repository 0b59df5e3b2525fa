import * as Y from 'yjs';
import {
	GOAL_STATUSES,
	MAX_DESCRIPTION_LENGTH,
	MAX_TITLE_LENGTH,
	isIsoDate,
	textProblem,
	type Goal
} from '../domain/engagement';
import { write, type Actor } from './actor';
import { mapFields, num, numOrNull, oneOf, text, textOrNull } from './fields';
import { done, refused, type WriteResult } from './result';
import { goalsMap } from './engagement-schema';

/*
 * Goals are Y.Maps keyed by id, so concurrent edits of different fields (one renames, the other
 * completes) both survive; the same field resolves last-writer-wins.
 */

function goalMap(doc: Y.Doc, goalId: string): Y.Map<unknown> | null {
	const value = goalsMap(doc).get(goalId);
	return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

function toGoal(map: Y.Map<unknown>, fallbackId: string): Goal {
	const fields = mapFields(map);
	const status = oneOf(fields, 'status', GOAL_STATUSES, 'open');
	return Object.freeze({
		id: text(fields, 'id', fallbackId),
		title: text(fields, 'title'),
		description: text(fields, 'description'),
		status,
		dueDate: textOrNull(fields, 'dueDate'),
		authorId: text(fields, 'authorId'),
		createdAt: num(fields, 'createdAt'),
		updatedAt: num(fields, 'updatedAt'),
		// Both keys are written together, but a foreign writer might not: status is the truth.
		completedAt: status === 'done' ? (numOrNull(fields, 'completedAt') ?? 0) : null
	});
}

export function getGoal(doc: Y.Doc, goalId: string): Goal | null {
	const map = goalMap(doc, goalId);
	return map ? toGoal(map, goalId) : null;
}

/** Open goals first, then by due date (undated last), then creation time and id. */
export function listGoals(doc: Y.Doc): readonly Goal[] {
	const goals: Goal[] = [];
	for (const [id, value] of goalsMap(doc).entries()) {
		if (value instanceof Y.Map) {
			goals.push(toGoal(value as Y.Map<unknown>, id));
		}
	}
	const due = (goal: Goal) => goal.dueDate ?? '9999-99-99';
	return Object.freeze(
		goals.sort(
			(a, b) =>
				(a.status === b.status ? 0 : a.status === 'open' ? -1 : 1) ||
				due(a).localeCompare(due(b)) ||
				a.createdAt - b.createdAt ||
				(a.id < b.id ? -1 : 1)
		)
	);
}

interface GoalInput {
	title: string;
	description?: string;
	dueDate?: string | null;
}

function goalProblem(input: Partial<GoalInput>): string | null {
	if (input.title !== undefined) {
		const problem = textProblem(input.title, 'The title', MAX_TITLE_LENGTH);
		if (problem) {
			return problem;
		}
	}
	if ((input.description?.length ?? 0) > MAX_DESCRIPTION_LENGTH) {
		return 'The description is too long.';
	}
	if (input.dueDate && !isIsoDate(input.dueDate)) {
		return 'The due date must be a date like 2026-03-31.';
	}
	return null;
}

export function createGoal(doc: Y.Doc, actor: Actor, input: GoalInput): WriteResult<string> {
	const problem = goalProblem(input);
	if (problem) {
		return refused('invalid-input', problem);
	}
	const id = actor.newId();
	write(doc, actor, () => {
		const goal = new Y.Map<unknown>();
		goalsMap(doc).set(id, goal);
		const now = actor.now();
		goal.set('id', id);
		goal.set('title', input.title.trim());
		goal.set('description', input.description?.trim() ?? '');
		goal.set('status', 'open');
		goal.set('dueDate', input.dueDate || null);
		goal.set('authorId', actor.userId);
		goal.set('createdAt', now);
		goal.set('updatedAt', now);
		goal.set('completedAt', null);
	});
	return done(id);
}

/** Changes only the fields given, so it never overwrites a concurrent edit of another field. */
export function editGoal(
	doc: Y.Doc,
	actor: Actor,
	input: { goalId: string } & Partial<GoalInput>
): WriteResult {
	const problem = goalProblem(input);
	if (problem) {
		return refused('invalid-input', problem);
	}
	const goal = goalMap(doc, input.goalId);
	if (!goal) {
		return refused('not-found', 'That goal no longer exists.');
	}
	write(doc, actor, () => {
		if (input.title !== undefined) {
			goal.set('title', input.title.trim());
		}
		if (input.description !== undefined) {
			goal.set('description', input.description.trim());
		}
		if (input.dueDate !== undefined) {
			goal.set('dueDate', input.dueDate || null);
		}
		goal.set('updatedAt', actor.now());
	});
	return done(null);
}

function setStatus(doc: Y.Doc, actor: Actor, goalId: string, status: Goal['status']): WriteResult {
	const goal = goalMap(doc, goalId);
	if (!goal) {
		return refused('not-found', 'That goal no longer exists.');
	}
	write(doc, actor, () => {
		const now = actor.now();
		goal.set('status', status);
		goal.set('completedAt', status === 'done' ? now : null);
		goal.set('updatedAt', now);
	});
	return done(null);
}

export function completeGoal(doc: Y.Doc, actor: Actor, input: { goalId: string }): WriteResult {
	return setStatus(doc, actor, input.goalId, 'done');
}

export function reopenGoal(doc: Y.Doc, actor: Actor, input: { goalId: string }): WriteResult {
	return setStatus(doc, actor, input.goalId, 'open');
}

export function deleteGoal(doc: Y.Doc, actor: Actor, input: { goalId: string }): WriteResult {
	if (!goalMap(doc, input.goalId)) {
		return refused('not-found', 'That goal no longer exists.');
	}
	write(doc, actor, () => goalsMap(doc).delete(input.goalId));
	return done(null);
}

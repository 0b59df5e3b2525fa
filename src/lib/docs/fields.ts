import * as Y from 'yjs';

/*
 * Readers never trust a document's contents: any stock Yjs client can write into it, so each
 * field is checked and defaulted here rather than cast. Writers in this folder always write the
 * documented types, so the defaults only ever apply to foreign or damaged data.
 */

export type Fields = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(fields: Fields, key: string, fallback = ''): string {
	const value = fields[key];
	return typeof value === 'string' ? value : fallback;
}

export function textOrNull(fields: Fields, key: string): string | null {
	const value = fields[key];
	return typeof value === 'string' ? value : null;
}

export function num(fields: Fields, key: string, fallback = 0): number {
	const value = fields[key];
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function numOrNull(fields: Fields, key: string): number | null {
	const value = fields[key];
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function bool(fields: Fields, key: string, fallback = false): boolean {
	const value = fields[key];
	return typeof value === 'boolean' ? value : fallback;
}

export function oneOf<T extends string>(
	fields: Fields,
	key: string,
	allowed: readonly T[],
	fallback: T
): T {
	const value = fields[key];
	return allowed.includes(value as T) ? (value as T) : fallback;
}

/** A Y.Map's own keys as a plain record (nested shared types are left as they are). */
export function mapFields(map: Y.Map<unknown>): Fields {
	return Object.fromEntries(map.entries());
}

/** A nested Y.Map stored under `key` of `parent`, or null when absent or of another kind. */
export function childMap(parent: Y.Map<unknown>, key: string): Y.Map<unknown> | null {
	const value = parent.get(key);
	return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

export function childArray(parent: Y.Map<unknown>, key: string): Y.Array<unknown> | null {
	const value = parent.get(key);
	return value instanceof Y.Array ? (value as Y.Array<unknown>) : null;
}

export function childFragment(parent: Y.Map<unknown>, key: string): Y.XmlFragment | null {
	const value = parent.get(key);
	return value instanceof Y.XmlFragment ? value : null;
}

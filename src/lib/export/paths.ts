/*
 * File and folder names inside the zip: readable (from names and titles), portable (ASCII
 * letters, digits and '-', short enough for every file system) and unique where they must be.
 */

const MAX_SLUG = 48;

/** 'Ada Lovelace!' → 'ada-lovelace'; '' when nothing readable is left. */
export function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, MAX_SLUG)
		.replace(/^-+|-+$/g, '');
}

/** Hands out names, adding -2, -3 ... when one was already given. */
export class UniqueNames {
	#used = new Set<string>();

	take(base: string): string {
		let name = base;
		for (let n = 2; this.#used.has(name); n += 1) {
			name = `${base}-${n}`;
		}
		this.#used.add(name);
		return name;
	}
}

/** A folder per engagement: the other person's name plus the start of the engagement id. */
export function engagementFolder(counterpartName: string, engagementId: string): string {
	const id = engagementId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'engagement';
	const name = slugify(counterpartName);
	return name.length > 0 ? `${name}-${id}` : id;
}

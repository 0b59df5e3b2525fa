/** A coach's public face (profile, greeting), stored in `coach:<userId>`. */

export const MAX_BIO_LENGTH = 2_000;
export const MAX_GREETING_LENGTH = 2_000;
export const MAX_LINKS = 10;
/** A data URL of a small avatar; larger photos belong in real file storage, not a CRDT. */
export const MAX_PHOTO_DATA_URL_LENGTH = 64 * 1024;

export interface ProfileLink {
	readonly label: string;
	readonly url: string;
}

export interface CoachProfile {
	readonly name: string;
	readonly bio: string;
	readonly links: readonly ProfileLink[];
	/** `data:image/...;base64,...` or null. */
	readonly photo: string | null;
	readonly updatedAt: number;
}

export interface Greeting {
	readonly text: string;
	readonly updatedAt: number;
}

const PHOTO = /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+=*$/;

export function photoProblem(photo: string | null): string | null {
	if (photo === null) {
		return null;
	}
	if (photo.length > MAX_PHOTO_DATA_URL_LENGTH) {
		return 'The photo is too large; use an image under 48 KB.';
	}
	return PHOTO.test(photo) ? null : 'The photo must be a PNG, JPEG, WebP or GIF image.';
}

export function linkProblem(link: ProfileLink): string | null {
	if (link.label.trim().length === 0 || link.label.length > 100) {
		return 'Each link needs a short label.';
	}
	try {
		const url = new URL(link.url);
		return url.protocol === 'https:' || url.protocol === 'http:'
			? null
			: 'Links must be web addresses.';
	} catch {
		return 'Links must be web addresses.';
	}
}

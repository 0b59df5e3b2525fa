import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, parsePublicProfile, publicPhotoProblem } from './profile-rules';

const photoOf = (bytes: number, type = 'jpeg') =>
	`data:image/${type};base64,${Buffer.alloc(bytes, 7).toString('base64')}`;

const valid = {
	bio: ' Coach since 2010. ',
	photo: photoOf(1000),
	links: [{ label: 'Site', url: 'https://coach.example' }],
	greeting: 'Welcome!'
};

describe('public profile rules', () => {
	it('accepts a valid profile, trimmed, with an optional name', () => {
		expect(parsePublicProfile(valid)).toEqual({
			ok: true,
			value: { ...valid, bio: 'Coach since 2010.' }
		});
		expect(parsePublicProfile({ ...valid, name: ' Cora ', photo: null })).toMatchObject({
			ok: true,
			value: { name: 'Cora', photo: null }
		});
	});

	it('measures the photo in decoded bytes, up to 150 KB', () => {
		expect(publicPhotoProblem(photoOf(MAX_PHOTO_BYTES))).toBeNull();
		expect(publicPhotoProblem(photoOf(MAX_PHOTO_BYTES + 1))).toBe(
			'The photo is too large: at most 150 KB.'
		);
		expect(publicPhotoProblem(photoOf(10, 'webp'))).toBeNull();
		expect(publicPhotoProblem(photoOf(10, 'png'))).toBeNull();
	});

	it.each([
		[{ photo: photoOf(10, 'gif') }, 'The photo must be a data URL of a JPEG, PNG or WebP image.'],
		[
			{ photo: 'https://example.com/me.jpg' },
			'The photo must be a data URL of a JPEG, PNG or WebP image.'
		],
		[
			{ photo: 'data:image/png;base64,abc' },
			'The photo must be a data URL of a JPEG, PNG or WebP image.'
		],
		[{ photo: 5 }, '"photo" must be a data URL or null.'],
		[{ links: 'x' }, '"links" must be a list of { label, url }.'],
		[
			{
				links: Array.from({ length: 6 }, (_, i) => ({ label: `L${i}`, url: 'https://a.example' }))
			},
			'At most 5 links.'
		],
		[
			{ links: [{ label: 'X', url: 'javascript:alert(1)' }] },
			'"X" must be a web address starting with https:// or http://.'
		],
		[
			{ links: [{ label: '', url: 'https://a.example' }] },
			'Each link needs a label of 1 to 100 characters.'
		],
		[{ links: [{ label: 'X' }] }, 'Each link must be { "label": string, "url": string }.'],
		[{ bio: 'x'.repeat(2001) }, '"bio" can be at most 2000 characters.'],
		[{ greeting: undefined }, '"greeting" must be a string.'],
		[{ name: '' }, expect.any(String)]
	])('refuses %#', (change, problem) => {
		expect(parsePublicProfile({ ...valid, ...change })).toEqual({ ok: false, problem });
	});

	it('accepts http links and exactly five', () => {
		const links = Array.from({ length: 5 }, (_, i) => ({
			label: `L${i}`,
			url: 'http://a.example'
		}));
		expect(parsePublicProfile({ ...valid, links }).ok).toBe(true);
	});
});

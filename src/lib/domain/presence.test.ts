import { describe, expect, it } from 'vitest';
import { isPresenceState, peersIn, presenceColor, PRESENCE_COLORS } from './presence';

function luminance(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const user = (userId: string, name: string) => ({ userId, name, color: presenceColor(userId) });

describe('presence', () => {
	it('every colour is #rrggbb and readable under white label text (WCAG AA)', () => {
		for (const color of PRESENCE_COLORS) {
			expect(color).toMatch(/^#[0-9a-f]{6}$/);
			expect(1.05 / (luminance(color) + 0.05)).toBeGreaterThanOrEqual(4.5);
		}
	});

	it('a person keeps one colour everywhere', () => {
		expect(presenceColor('user-1')).toBe(presenceColor('user-1'));
		const spread = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(presenceColor));
		expect(spread.size).toBeGreaterThan(2);
	});

	it('lists other people once each, optionally only those in a note', () => {
		const states = new Map<number, unknown>([
			[1, { user: user('me', 'Me'), note: 'n1' }],
			[2, { user: user('client', 'Cleo'), note: 'n1' }],
			[3, { user: user('client', 'Cleo'), note: 'n2' }],
			[4, { user: user('me', 'Me'), note: 'n1' }],
			[5, { cursor: null }],
			[6, { user: user('other', 'Ann'), note: null }]
		]);
		const mine = { ownClientId: 1, ownUserId: 'me' };
		expect(peersIn(states, mine).map((p) => p.user.name)).toEqual(['Ann', 'Cleo']);
		expect(peersIn(states, { ...mine, note: 'n1' }).map((p) => p.user.name)).toEqual(['Cleo']);
		expect(peersIn(states, { ...mine, note: 'n3' })).toEqual([]);
	});

	it('ignores malformed states from other clients', () => {
		expect(isPresenceState({ user: { name: 'x' } })).toBe(false);
		expect(isPresenceState({ user: user('u', 'U'), note: 5 })).toBe(false);
		expect(isPresenceState({ user: user('u', 'U') })).toBe(true);
	});
});

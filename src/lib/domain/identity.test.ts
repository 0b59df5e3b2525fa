import { describe, expect, it } from 'vitest';
import { cleanFormerIds, EngagementPeople, idsOf, sameActor } from './identity';

const engagement = {
	coach: { id: 'coach-b', name: 'Cora', formerIds: ['coach-a'] },
	client: { id: 'ada-b', name: 'Ada', formerIds: ['ada-a'] }
};

describe('identity aliases', () => {
	it('lists the current id first, then former ids, without repeats', () => {
		expect(idsOf({ id: 'x', formerIds: ['old', 'x'] })).toEqual(['x', 'old']);
		expect(idsOf({ id: null, formerIds: ['old'] })).toEqual(['old']);
		expect(idsOf({ id: 'x' })).toEqual(['x']);
	});

	it('sameActor matches only listed ids', () => {
		expect(sameActor(['a', 'b'], 'b')).toBe(true);
		expect(sameActor(['a', 'b'], 'c')).toBe(false);
		expect(sameActor(['a'], null)).toBe(false);
	});

	it('treats former ids as the same person for the coach and the client', () => {
		const coachSide = new EngagementPeople(engagement, 'coach-b');
		expect(coachSide.isMe('coach-a')).toBe(true);
		expect(coachSide.isMe('coach-b')).toBe(true);
		expect(coachSide.isMe('ada-a')).toBe(false);
		expect(coachSide.nameOf('coach-a')).toBe('Cora');
		expect(coachSide.nameOf('ada-a')).toBe('Ada');
		expect(coachSide.nameOf('stranger')).toBe('Someone');
		const clientSide = new EngagementPeople(engagement, 'ada-b');
		expect(clientSide.isMe('ada-a')).toBe(true);
		expect(clientSide.isMe('coach-a')).toBe(false);
		expect(clientSide.isCoach('coach-a')).toBe(true);
		expect(clientSide.isClient('ada-a')).toBe(true);
	});

	it('works with lists cached before aliases existed', () => {
		const people = new EngagementPeople(
			{ coach: { id: 'c', name: 'Cora' }, client: { id: null, name: 'Pete' } },
			'c'
		);
		expect(people.isMe('c')).toBe(true);
		expect(people.nameOf('anything')).toBe('Someone');
	});

	it('a viewer on neither side is only themselves', () => {
		const people = new EngagementPeople(engagement, 'other');
		expect(people.isMe('other')).toBe(true);
		expect(people.isMe('coach-a')).toBe(false);
	});

	it('never lets an alias be a current id or claimed for both sides', () => {
		const cleaned = cleanFormerIds(
			{ coach: 'coach-b', client: 'ada-b' },
			{ coach: ['coach-a', 'ada-b', 'both', 'coach-a', ''], client: ['ada-a', 'coach-b', 'both'] }
		);
		expect(cleaned).toEqual({ coach: ['coach-a'], client: ['ada-a'] });
		expect(cleanFormerIds({ coach: 'c', client: null }, { coach: [], client: [] })).toEqual({
			coach: [],
			client: []
		});
	});
});

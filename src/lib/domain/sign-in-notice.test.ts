import { describe, expect, it } from 'vitest';
import { signInNotice } from './sign-in-notice';

const notice = (query: string) => signInNotice(new URLSearchParams(query));

describe('signInNotice', () => {
	it('says the account was deleted after a deletion', () => {
		expect(notice('accountDeleted=1')).toMatch(/account has been deleted/);
	});

	it('says an offline sign-out ends the server session later', () => {
		expect(notice('signedOutOffline=1')).toBe(
			"Signed out on this device; your session will be ended on the server when you're back online."
		);
	});

	it('tells a plain sign-out and an expired session apart', () => {
		expect(notice('signedOut=1')).toBe('You have signed out.');
		expect(notice('expired=1&redirectTo=%2Fclient')).toMatch(/^Your session has ended/);
	});

	it('says nothing on a plain visit', () => {
		expect(notice('redirectTo=%2Fcoach')).toBeNull();
	});
});

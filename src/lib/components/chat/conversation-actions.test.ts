import { createRawSnippet } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { ConversationItem } from '$lib/state/chat/merge-conversations';
import StartCallLinks from '../calls/start-call-links.svelte';
import ConversationList from './conversation-list.svelte';

const item = (engagementId: string, clientName: string): ConversationItem => ({
	engagementId,
	clientName,
	lastMessageText: 'Hi',
	lastMessageAt: 1,
	lastMessageAuthorId: null,
	lastMessageMine: false,
	unreadCount: 0
});

const items = [item('e1', 'Cody Client'), item('e2', 'Dana Client')];

describe('the conversation list with call controls', () => {
	it('renders each conversation’s actions beside its link, not inside it', () => {
		const actions = createRawSnippet((conversation: () => ConversationItem) => ({
			render: () => `<button type="button">Act on ${conversation().engagementId}</button>`
		}));
		const { body } = render(ConversationList, {
			props: { items, hrefOf: (id: string) => `/coach/clients/${id}`, actions }
		});
		expect(body).toContain('Act on e1');
		expect(body).toContain('Act on e2');
		// No control nested in the conversation's link.
		expect(body).not.toMatch(/<a [^>]*>(?:(?!<\/a>)[\s\S])*<button/);
	});

	it('without actions (the client’s side) there are none', () => {
		const { body } = render(ConversationList, {
			props: { items, hrefOf: (id: string) => `/client/${id}` }
		});
		expect(body).not.toContain('<button');
		expect(body).not.toMatch(/Start (video|audio) call/);
	});

	it('the start links name the client when several share a page', () => {
		const { body } = render(StartCallLinks, {
			props: { engagementId: 'e 1', active: true, withName: 'Dana Client' }
		});
		expect(body).toContain('aria-label="Start a session with Dana Client"');
		expect(body).toContain('href="/coach/clients/e%201/call?mode=video"');
		expect(body).toContain('href="/coach/clients/e%201/call?mode=audio"');
		const inactive = render(StartCallLinks, { props: { engagementId: 'e1', active: false } });
		expect(inactive.body).not.toContain('Start video call');
	});
});

import { expect, type Locator, type Page } from '@playwright/test';

/** The Notes tab of one engagement, as coach or client sees it. */
export class NotesPage {
	readonly tab: Locator;
	readonly shared: Locator;
	readonly private: Locator;
	readonly search: Locator;
	readonly searchResults: Locator;
	readonly comments: Locator;

	constructor(readonly page: Page) {
		this.tab = page.getByRole('tab', { name: 'Notes' });
		this.shared = page.getByRole('region', { name: 'Shared notes', exact: true });
		this.private = page.getByRole('region', { name: 'Private notes', exact: true });
		this.search = page.getByRole('searchbox', { name: 'Search notes (title and text)' });
		this.searchResults = page.getByRole('list', { name: 'Search results' }).getByRole('button');
		this.comments = page.getByRole('region', { name: 'Comments', exact: true });
	}

	/** The editing area of the open note (its accessible name is the note's title). */
	editor(title: string): Locator {
		return this.page.getByRole('textbox', { name: title, exact: true });
	}

	/** The Notes tab with the note lists (leaving an open note). */
	async show(): Promise<void> {
		await this.tab.click();
		const back = this.page.getByRole('button', { name: '← All notes' });
		await expect(this.shared.or(back)).toBeVisible();
		if (await back.isVisible()) {
			await back.click();
		}
		await expect(this.shared).toBeVisible();
	}

	/** Creates a note in `section` (shared or private); the new note opens in the editor. */
	async create(section: 'shared' | 'private', title: string): Promise<Locator> {
		await this.show();
		const region = section === 'shared' ? this.shared : this.private;
		await region
			.getByLabel(section === 'shared' ? 'New shared note: title' : 'New private note: title')
			.fill(title);
		await region.getByRole('button', { name: 'Create note' }).click();
		const editor = this.editor(title);
		// A new note opens ready to write in.
		await expect(editor).toBeFocused();
		return editor;
	}

	async open(title: string): Promise<Locator> {
		await this.show();
		await this.page.getByRole('button', { name: title, exact: true }).first().click();
		const editor = this.editor(title);
		await expect(editor).toBeVisible();
		return editor;
	}

	async back(): Promise<void> {
		await this.page.getByRole('button', { name: '← All notes' }).click();
		await expect(this.shared).toBeVisible();
	}

	/** The shared notes list (not the trash). */
	get sharedList(): Locator {
		return this.shared.getByRole('list', { name: 'Shared notes', exact: true });
	}

	/** A shared note's title button in the list. */
	listed(title: string): Locator {
		return this.sharedList.getByRole('button', { name: title, exact: true });
	}

	/** The Delete button of a shared note in the list (absent when this person may not delete it). */
	deleteButton(title: string): Locator {
		return this.sharedList.getByRole('button', { name: `Delete ${title}`, exact: true });
	}

	/** "Note deleted · Undo", shown right after a delete. */
	get deletedToast(): Locator {
		return this.page.getByRole('status').filter({ hasText: 'Note deleted' });
	}

	/** The shared notes trash list; opened if it is folded. */
	async trash(): Promise<Locator> {
		const list = this.shared.getByRole('list', { name: 'Shared notes trash' });
		if (!(await list.isVisible())) {
			await this.shared.getByText(/^Trash \(\d+\)$/).click();
		}
		await expect(list).toBeVisible();
		return list;
	}

	/** Puts the caret at the end of paragraph `index` (0-based) of the open note. */
	async caretAtEndOf(editor: Locator, index: number): Promise<void> {
		await editor.locator('p').nth(index).click();
		await this.page.keyboard.press('End');
	}

	/** The note's text as search sees it: blocks joined by newlines. */
	async text(editor: Locator): Promise<string> {
		// Without the other person's cursor label, which is drawn inside the text.
		return editor.evaluate((element) =>
			[...element.children]
				.filter((child) => !child.classList.contains('note-cursor'))
				.map((child) => {
					const copy = child.cloneNode(true) as HTMLElement;
					copy.querySelectorAll('.note-cursor').forEach((cursor) => cursor.remove());
					copy
						.querySelectorAll('br:not(.ProseMirror-trailingBreak)')
						.forEach((br) => br.replaceWith('\n'));
					return copy.textContent ?? '';
				})
				.join('\n')
		);
	}
}

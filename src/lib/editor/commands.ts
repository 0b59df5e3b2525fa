import { setBlockType, toggleMark } from 'prosemirror-commands';
import type { NodeType } from 'prosemirror-model';
import { liftListItem, wrapInList } from 'prosemirror-schema-list';
import type { Command, EditorState } from 'prosemirror-state';
import { noteSchema, type NoteMark } from './schema';

/** What the toolbar shows as pressed for the current selection. */
export interface ToolbarState {
	readonly bold: boolean;
	readonly italic: boolean;
	readonly heading: boolean;
	readonly bulletList: boolean;
}

export type ToolbarAction = keyof ToolbarState;

const { heading, paragraph, bullet_list: bulletList } = noteSchema.nodes;

function markActive(state: EditorState, name: NoteMark): boolean {
	const type = noteSchema.marks[name];
	const { from, $from, to, empty } = state.selection;
	if (!type) {
		return false;
	}
	if (empty) {
		return Boolean(type.isInSet(state.storedMarks ?? $from.marks()));
	}
	return state.doc.rangeHasMark(from, to, type);
}

function insideNode(state: EditorState, type: NodeType): boolean {
	const { $from } = state.selection;
	for (let depth = $from.depth; depth > 0; depth--) {
		if ($from.node(depth).type === type) {
			return true;
		}
	}
	return false;
}

export function toolbarState(state: EditorState): ToolbarState {
	return {
		bold: markActive(state, 'bold'),
		italic: markActive(state, 'italic'),
		heading: state.selection.$from.parent.type === heading,
		bulletList: insideNode(state, bulletList)
	};
}

/** The command a toolbar button runs: each one toggles, so pressing twice undoes the first. */
export function toolbarCommand(action: ToolbarAction, state: EditorState): Command {
	switch (action) {
		case 'bold':
			return toggleMark(noteSchema.marks.bold);
		case 'italic':
			return toggleMark(noteSchema.marks.italic);
		case 'heading':
			return toolbarState(state).heading
				? setBlockType(paragraph)
				: setBlockType(heading, { level: 2 });
		case 'bulletList':
			return toolbarState(state).bulletList
				? liftListItem(noteSchema.nodes.list_item)
				: wrapInList(bulletList);
	}
}

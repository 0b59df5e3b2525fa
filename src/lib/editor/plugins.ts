import { baseKeymap, toggleMark } from 'prosemirror-commands';
import {
	inputRules,
	textblockTypeInputRule,
	wrappingInputRule,
	type InputRule
} from 'prosemirror-inputrules';
import { keymap } from 'prosemirror-keymap';
import { liftListItem, sinkListItem, splitListItem } from 'prosemirror-schema-list';
import type { Plugin } from 'prosemirror-state';
import { yCursorPlugin, ySyncPlugin, yUndoPlugin, redoCommand, undoCommand } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { cursorFilter, cursorLabel } from './cursors';
import { noteSchema } from './schema';

const { nodes, marks } = noteSchema;

// Markdown-ish shortcuts people type anyway: "## " heading, "- " list, "1. " numbered list.
function shortcuts(): InputRule[] {
	return [
		textblockTypeInputRule(/^(#{1,3})\s$/, nodes.heading, (match) => ({
			level: (match[1]?.length ?? 1) + 1
		})),
		wrappingInputRule(/^\s*([-+*])\s$/, nodes.bullet_list),
		wrappingInputRule(/^\s*(\d+)\.\s$/, nodes.ordered_list)
	];
}

/**
 * Everything a collaborative note editor needs: the Yjs binding (content), other people's
 * cursors (awareness, only those in the same note), undo that only undoes this person's own
 * edits (Y.UndoManager under yUndoPlugin), keyboard shortcuts and input rules.
 */
export function notePlugins(options: {
	fragment: Y.XmlFragment;
	awareness: Awareness;
	noteKey: string;
}): Plugin[] {
	return [
		ySyncPlugin(options.fragment),
		yCursorPlugin(options.awareness, {
			awarenessStateFilter: cursorFilter(options.noteKey),
			cursorBuilder: cursorLabel
		}),
		yUndoPlugin(),
		inputRules({ rules: shortcuts() }),
		keymap({
			'Mod-z': undoCommand,
			'Mod-y': redoCommand,
			'Mod-Shift-z': redoCommand,
			'Mod-b': toggleMark(marks.bold),
			'Mod-i': toggleMark(marks.italic),
			'Shift-Enter': (state, dispatch) => {
				dispatch?.(state.tr.replaceSelectionWith(nodes.hard_break.create()).scrollIntoView());
				return true;
			},
			Enter: splitListItem(nodes.list_item),
			Tab: sinkListItem(nodes.list_item),
			'Shift-Tab': liftListItem(nodes.list_item)
		}),
		keymap(baseKeymap)
	];
}

"""Textual's command palette, except that paging its list before the list is laid out is a no-op.

Opening the palette and pressing PageUp or PageDown at once (before the next screen update)
pages a list whose line map is still empty: ``OptionList._move_page`` raises ``KeyError: 0`` and
the app exits. Textual's own ``scroll_to_highlight`` guards the same lookup; ``_move_page`` does
not.

Upstream: no issue found. Checked on Textual 8.2.8, whose ``OptionList._move_page`` still looks
up ``_index_to_line`` unguarded. Re-check on an upgrade.
"""

from __future__ import annotations

from textual.command import CommandList, CommandPalette


class GuardedCommandPalette(CommandPalette):
    def _action_command_list(self, action: str) -> None:
        if action.startswith("page_") and not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)

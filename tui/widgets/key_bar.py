"""The key bar: the screen's keys on one line at the bottom, drawn by a single widget.

Textual's `Footer` mounts a widget per key and recomposes them every time the bindings change
(each view switch, each pause or play). On the main screen that was about a quarter of a second
before the first frame. This bar draws the same line, in the same theme colours, by itself: a
click presses the key under the pointer and hovering a key shows its tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

__all__ = ["KeyBar", "KeyItem", "group_entry"]


def group_entry(description: str) -> str:
    """The name a group of keys goes by in ``leading`` and ``pinned``, e.g. ``group:Views``."""
    return f"group:{description}"


class KeyItem(NamedTuple):
    """One key as the bar shows it."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    members: tuple[KeyItem, ...] = ()
    """For a group of keys shown as one (``g w p c Views``), its keys, in display order."""

    @property
    def width(self) -> int:
        return len(self.display) + len(self.description) + 3

    def key_at(self, offset: int) -> KeyItem:
        """The key at ``offset`` columns into the item: a group's member under the pointer."""
        column = 1
        for member in self.members:
            if offset < column + len(member.display) + 1:
                return member
            column += len(member.display) + 1
        return self.members[-1] if self.members else self


class KeyBar(Widget, can_focus=False):
    """The keys of the screen and the app that are meant to be shown, one per action, and the
    command palette's key at the right end, as in Textual's footer."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        &:hover {
            pointer: pointer;
        }
    }
    """

    def __init__(
        self, *, leading: tuple[str, ...] = (), pinned: tuple[str, ...] = (), id: str | None = None
    ) -> None:
        """``leading``: actions drawn first (a view's own keys); ``pinned``: actions drawn at the
        right end, so they show however narrow the bar."""
        super().__init__(id=id)
        self.leading = leading
        self.pinned = pinned
        self.items: tuple[KeyItem, ...] = ()
        self.right_items: tuple[KeyItem, ...] = ()
        self.palette_item: KeyItem | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        active = screen.active_bindings
        by_action: dict[str, KeyItem] = {}
        groups: dict[str, list[KeyItem]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show:
                continue
            if binding.group is not None:
                members = groups.setdefault(group_entry(binding.group.description), [])
                if all(item.key != binding.key for item in members):
                    members.append(self._item(binding, enabled, tooltip))
            elif binding.action not in by_action:
                by_action[binding.action] = self._item(binding, enabled, tooltip)
        for name, members in groups.items():
            by_action[name] = KeyItem(
                members[0].key,
                " ".join(item.display for item in members),
                name.removeprefix("group:"),
                any(item.enabled for item in members),
                " · ".join(f"{item.display} {item.description}" for item in members),
                tuple(members),
            )
        first = [by_action[action] for action in self.leading if action in by_action]
        rest = [
            item
            for action, item in by_action.items()
            if action not in self.leading and action not in self.pinned
        ]
        self.items = (*first, *rest)
        self.right_items = tuple(by_action[action] for action in self.pinned if action in by_action)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        self.palette_item = None
        if self.app.ENABLE_COMMAND_PALETTE and palette is not None:
            self.palette_item = self._item(palette.binding, palette.enabled, palette.tooltip)
        self.refresh()

    def _item(self, binding: Binding, enabled: bool, tooltip: str) -> KeyItem:
        return KeyItem(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            enabled,
            tooltip or binding.tooltip or binding.description,
        )

    def placed(self, width: int) -> list[tuple[int, KeyItem]]:
        """Each key that fits in ``width`` columns, with the column it starts at: the pinned
        keys first, from the right end, then the others from the left while they fit. The
        command palette's key comes last of the pinned, and only where it leaves room for the
        first three of the others."""
        placed = []
        right = width
        pinned = list(self.right_items)
        if self.palette_item is not None:
            room = sum(item.width for item in (*pinned, *self.items[:3], self.palette_item))
            if room <= width:
                pinned.append(self.palette_item)
        for item in reversed(pinned):
            if item.width > right:
                break
            right -= item.width
            placed.append((right, item))
        column = 0
        for item in self.items:
            if column + item.width > right:
                break
            placed.append((column, item))
            column += item.width
        return sorted(placed, key=lambda pair: pair[0])

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        text = Text(no_wrap=True, overflow="crop", end="")
        for column, item in self.placed(self.size.width):
            text.append(" " * (column - len(text)))
            text.append(f" {item.display} ", key_style)
            text.append(f"{item.description} ", description_style)
            if not item.enabled:
                text.stylize("dim", column, column + item.width)
        return text

    def item_at(self, x: int) -> KeyItem | None:
        """The key drawn at column ``x``, if any (within a group, the key under ``x``)."""
        for column, item in self.placed(self.size.width):
            if column <= x < column + item.width:
                return item.key_at(x - column)
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self.item_at(event.x)
        self.tooltip = item.tooltip if item is not None else None

    def on_click(self, event: events.Click) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

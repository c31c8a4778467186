"""Where Textual needs help with a real terminal: each module works around one kind of upstream
bug, names the upstream issue (or says none was found) and the Textual version it was checked
on, so an upgrade has one place to re-check."""

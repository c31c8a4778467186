"""``l1l2-tui record``: the app played headless on a clock that counts frames, written as an
asciicast (and, through agg, a GIF).

The clock is the app's frame counter, not the wall: frame ``k`` is what the screen shows after
``k`` ticks of the frame timer and the keys the script presses at it, and its event in the cast
is at ``k / fps`` seconds. Nothing waits for real time, and the same options give the same bytes.
"""

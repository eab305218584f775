"""A click or Enter from the browser acts on the value typed, even when the value arrives after it."""

import asyncio
import threading

import ipywidgets as widgets

from roundtable_lib.chair import keystrokes
from roundtable_lib.chair.facilitation import SpeakerQueue, speaker_queue


def run_like_a_kernel(coroutine):
    """Run ``coroutine()`` in an event loop of its own thread, as a kernel runs its handlers (the
    test process's main thread may hold Playwright's loop, where asyncio.run is refused)."""
    failures = []

    def run():
        try:
            asyncio.run(coroutine())
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread below
            failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    if failures:
        raise failures[0]


def test_a_click_from_python_acts_at_once():
    seen = []
    button = keystrokes.Button(description="Save")
    button.on_click(lambda _b: seen.append("clicked"))
    button.click()
    assert seen == ["clicked"]


def test_outside_a_kernel_nothing_waits():
    assert not keystrokes.in_kernel()  # this test process; a chair's kernel answers True


def test_a_browser_click_waits_for_the_letters_still_on_their_way(monkeypatch):
    monkeypatch.setattr(keystrokes, "in_kernel", lambda: True)  # as in a chair's kernel
    text = widgets.Text()
    button = keystrokes.Button(description="Save")
    saved = []
    button.on_click(lambda _b: saved.append(text.value))

    async def browser():
        text.value = "M"  # the first keystroke's message reached the kernel
        button._handle_button_msg(None, {"event": "click"}, [])  # the click overtakes the rest
        text.value = "Ms Aye"  # the buffered keystrokes arrive after the click
        assert saved == []
        await asyncio.sleep(keystrokes.SETTLE_SECONDS + 0.2)

    run_like_a_kernel(browser)
    assert saved == ["Ms Aye"]


def test_enter_in_the_speaker_queue_queues_the_whole_name(fresh_store, monkeypatch):
    monkeypatch.setattr(keystrokes, "in_kernel", lambda: True)
    queue = SpeakerQueue(fresh_store, "s2")

    async def browser():
        queue.name.value = "M"
        queue.name._handle_custom_msg({"event": "submit"}, [])
        queue.name.value = "Ms Aye"
        await asyncio.sleep(keystrokes.SETTLE_SECONDS + 0.2)

    run_like_a_kernel(browser)
    assert [e["name"] for e in speaker_queue(fresh_store, "s2")] == ["Ms Aye"]

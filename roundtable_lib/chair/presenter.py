"""Who presents now, for the chair's widgets of one kernel: the organisation of the presentation
timer (the stored ``timer`` state), and a kernel-local signal the capture forms follow so that
Start on the timer also points the forms at that organisation, and a "We are now in this
session" updates their line saying where the room is.

The store's timer is the truth (several kernels may show it); :func:`presenter` only carries, in
this kernel, the organisation the timer last showed, as :mod:`presenting` carries its switch.

May import: the meeting, the store, traitlets.
"""

import datetime as _dt

from traitlets import HasTraits, Unicode

from roundtable_lib.meeting import clock

TIMER_KEY = "timer"


def presenting_org(store, now=None):
    """The organisation whose presentation the timer times (running or paused), else None."""
    status = clock.timer_status(store.get_state(TIMER_KEY), now or _dt.datetime.now(_dt.UTC))
    org = status.get("org")
    return org if status["level"] != "idle" and org in store.meeting.org_ids else None


class Presenter(HasTraits):
    """``org``: the organisation the timer shows in this kernel (None: no timer); ``room``: the
    session the room is in, as this kernel's session header last read it (forms say when they
    capture into another)."""

    org = Unicode(None, allow_none=True)
    room = Unicode(None, allow_none=True)


_PRESENTER = Presenter()


def presenter():
    return _PRESENTER

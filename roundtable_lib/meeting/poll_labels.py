"""Labels of voting that a chair reads when a poll refuses something or asks first: a title
already taken, people and organisations that cannot be added together, a negative number, a
ballot over its dots, closing and reopening, and a tie at the top with its runoff.

Part of :data:`roundtable_lib.meeting.labels.LABELS` (merged there, so ``t()`` finds them).
``{name}`` marks what is filled in. Pure: no imports.
"""

POLL_LABELS = {
    # a new poll's title must tell it apart from the meeting's other polls
    "poll.title_taken": (
        "A poll titled “{title}” already exists. Give this one another title, so the "
        "dashboards and the report can tell the two apart.",
        "มีการลงคะแนนชื่อ “{title}” อยู่แล้ว โปรดตั้งชื่ออื่นให้การลงคะแนนนี้ เพื่อให้แดชบอร์ดและรายงานแยกทั้งสองออกจากกันได้",
    ),
    # people and organisations are never added together
    "poll.hands_on_orgs": (
        "This poll's ballots are entered by organisation. A show of hands counts people, and people "
        "are never added to organisations: enter each organisation's ballot, or open a new poll for "
        "a show of hands.",
        "การลงคะแนนนี้บันทึกบัตรรายองค์กร การยกมือนับเป็นรายบุคคล และจะไม่นำคะแนนรายบุคคลมารวมกับ"
        "คะแนนรายองค์กร โปรดบันทึกบัตรของแต่ละองค์กร หรือเปิดการลงคะแนนใหม่สำหรับการยกมือ",
    ),
    "poll.orgs_on_hands": (
        "This poll has a show of hands, which counts people, and organisations' ballots are never "
        "added to people's hands: record the hands again, or open a new poll voted by organisation.",
        "การลงคะแนนนี้มีการยกมือซึ่งนับเป็นรายบุคคล และจะไม่นำบัตรรายองค์กรมารวมกับการยกมือ "
        "โปรดบันทึกการยกมือใหม่ หรือเปิดการลงคะแนนใหม่แบบรายองค์กร",
    ),
    "poll.modes_fixed": (
        "Ballots are already entered this way, so the other ways are not offered (nobody is counted twice).",
        "บัตรของการลงคะแนนนี้บันทึกด้วยวิธีนี้แล้ว จึงไม่มีวิธีอื่นให้เลือก (ไม่มีผู้ใดถูกนับซ้ำ)",
    ),
    # what a ballot says
    "poll.negative": (
        "A number of votes cannot be negative (got {value}): enter 0 for an option with no vote.",
        "จำนวนคะแนนติดลบไม่ได้ (ได้รับ {value}) ตัวเลือกที่ไม่มีคะแนนให้ใส่ 0",
    ),
    "poll.over_budget_participant": (
        "{used} dots used; each participant has {budget}.",
        "ใช้ไป {used} จุด ผู้เข้าร่วมแต่ละคนมี {budget} จุด",
    ),
    "poll.over_budget_organisation": (
        "{used} dots used; each organisation has {budget}.",
        "ใช้ไป {used} จุด แต่ละองค์กรมี {budget} จุด",
    ),
    "poll.over_budget_ballot": (
        "{used} dots used; each ballot has {budget}.",
        "ใช้ไป {used} จุด บัตรแต่ละใบมี {budget} จุด",
    ),
    "poll.closed_frozen": (
        "This poll is closed: its results are frozen. Reopen it to enter more.",
        "การลงคะแนนนี้ปิดแล้ว ผลคงที่ หากต้องการบันทึกเพิ่ม โปรดเปิดการลงคะแนนอีกครั้ง",
    ),
    # closing asks first; reopening is recorded in the history
    "button.close_confirm": ("Close voting: are you sure?", "ปิดการลงคะแนน: แน่ใจหรือไม่"),
    "msg.close_confirm": (
        "No more ballots can be entered once the poll is closed. Click “Close voting: are you sure?” to close it.",
        "เมื่อปิดแล้วจะบันทึกบัตรเพิ่มไม่ได้ คลิก “ปิดการลงคะแนน: แน่ใจหรือไม่” เพื่อปิด",
    ),
    "button.reopen_poll": ("Reopen poll", "เปิดการลงคะแนนอีกครั้ง"),
    "msg.poll_reopened": (
        "Poll reopened: ballots can be entered again (recorded in the history).",
        "เปิดการลงคะแนนอีกครั้งแล้ว บันทึกบัตรได้อีก (บันทึกไว้ในประวัติ)",
    ),
    "action.close": ("closed", "ปิด"),
    "action.reopen": ("reopened", "เปิดอีกครั้ง"),
    "action.reveal": ("results shown", "เปิดเผยผล"),
    "action.hide": ("results hidden", "ซ่อนผล"),
    # a tie at the top, and the runoff that breaks it
    "poll.tie_top": (
        "Tie at the top: {n} options share first place. The room can break it with a runoff, a new "
        "single-choice poll between the tied options only.",
        "คะแนนเสมอกันที่อันดับหนึ่ง: {n} ตัวเลือกได้อันดับแรกร่วมกัน ที่ประชุมตัดสินได้ด้วยการลงคะแนนรอบตัดสิน "
        "ซึ่งเป็นการลงคะแนนใหม่แบบเลือกหนึ่งตัวเลือกระหว่างตัวเลือกที่เสมอกันเท่านั้น",
    ),
    "poll.tie_close_first": (
        "Close this poll first; then the runoff opens with one click.",
        "โปรดปิดการลงคะแนนนี้ก่อน แล้วจึงเปิดรอบตัดสินได้ด้วยการคลิกครั้งเดียว",
    ),
    "button.runoff": ("Open a runoff between the tied options", "เปิดรอบตัดสินระหว่างตัวเลือกที่เสมอกัน"),
    "poll.runoff_title": ("Runoff: {title}", "รอบตัดสิน: {title}"),
    "poll.no_tie": (
        "This poll has no tie at the top: there is nothing for a runoff to break.",
        "การลงคะแนนนี้ไม่มีคะแนนเสมอกันที่อันดับหนึ่ง จึงไม่ต้องมีรอบตัดสิน",
    ),
    "msg.runoff_opened": ("Runoff opened: {title}.", "เปิดรอบตัดสินแล้ว: {title}"),
    # the rest of what a poll refuses (meeting.rules, store.polls)
    "poll.no_title": (
        "Give the poll a title in English, Thai, or both.",
        "ตั้งชื่อการลงคะแนนเป็นภาษาอังกฤษ ภาษาไทย หรือทั้งสองภาษา",
    ),
    "poll.number_range": (
        "The {name} must be a whole number from 1 to 100; got {value}.",
        "{name}ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 100 (ได้รับ {value})",
    ),
    "poll.budget": ("budget", "จำนวนจุด"),
    "poll.per_option_limit": ("per-option limit", "จำนวนจุดสูงสุดต่อตัวเลือก"),
    "poll.limit_over_budget": (
        "The per-option limit cannot be larger than the budget of dots.",
        "จำนวนจุดสูงสุดต่อตัวเลือกต้องไม่มากกว่าจำนวนจุดทั้งหมด",
    ),
    "poll.two_options": ("A poll needs at least two options.", "การลงคะแนนต้องมีตัวเลือกอย่างน้อยสองตัวเลือก"),
    "poll.option_label": (
        "An option needs a label in English, Thai, or both.",
        "ตัวเลือกต้องมีข้อความเป็นภาษาอังกฤษ ภาษาไทย หรือทั้งสองภาษา",
    ),
    "poll.ballot_number": (
        "A ballot number is a whole number from 1 to {max}; got {value}.",
        "หมายเลขบัตรต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง {max} (ได้รับ {value})",
    ),
    "poll.mixed_participant": (
        "This poll's ballots are entered per registered participant: enter this one the same way, so that "
        "nobody is counted twice (or open a new poll).",
        "การลงคะแนนนี้บันทึกบัตรรายบุคคลที่ลงทะเบียน โปรดบันทึกบัตรนี้ด้วยวิธีเดียวกัน เพื่อไม่ให้ผู้ใดถูกนับซ้ำ (หรือเปิดการลงคะแนนใหม่)",
    ),
    "poll.mixed_organisation": (
        "This poll's ballots are entered by organisation: enter this one the same way, so that nobody is "
        "counted twice (or open a new poll).",
        "การลงคะแนนนี้บันทึกบัตรรายองค์กร โปรดบันทึกบัตรนี้ด้วยวิธีเดียวกัน เพื่อไม่ให้ผู้ใดถูกนับซ้ำ (หรือเปิดการลงคะแนนใหม่)",
    ),
    "poll.mixed_ballot": (
        "This poll's ballots are entered as numbered ballots: enter this one the same way, so that nobody is "
        "counted twice (or open a new poll).",
        "การลงคะแนนนี้บันทึกเป็นบัตรมีหมายเลข โปรดบันทึกบัตรนี้ด้วยวิธีเดียวกัน เพื่อไม่ให้ผู้ใดถูกนับซ้ำ (หรือเปิดการลงคะแนนใหม่)",
    ),
    "poll.scale_no_hands": (
        "A 1-5 scale poll takes ballots, not a show of hands.",
        "การลงคะแนนแบบมาตรวัด 1-5 ใช้บัตรลงคะแนน ไม่ใช้การยกมือ",
    ),
    "poll.tally_empty": (
        "The tally is empty: enter the number of hands for at least one option.",
        "ยังไม่มีผลการนับ: ใส่จำนวนมือที่ยกอย่างน้อยหนึ่งตัวเลือก",
    ),
    "poll.ballot_empty": ("The ballot is empty: give at least one vote.", "บัตรยังว่างอยู่: ลงคะแนนอย่างน้อยหนึ่งคะแนน"),
    "poll.over_option_limit": (
        "At most {limit} dots on one option; got {value}.",
        "ตัวเลือกหนึ่งได้ไม่เกิน {limit} จุด (ได้รับ {value})",
    ),
    "poll.single_one": ("Single choice: choose exactly one option.", "เลือกหนึ่งตัวเลือก: เลือกได้เพียงตัวเลือกเดียว"),
    "poll.registered_participant": (
        "Choose a registered participant for this ballot.",
        "เลือกผู้เข้าร่วมที่ลงทะเบียนแล้วสำหรับบัตรนี้",
    ),
    "poll.same_moment": (
        "This voter's ballot was entered from another screen at the same moment: enter it again to replace it.",
        "บัตรของผู้ลงคะแนนนี้ถูกบันทึกจากอีกหน้าจอในเวลาเดียวกัน โปรดบันทึกอีกครั้งเพื่อแทนที่",
    ),
}

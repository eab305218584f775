"""Labels of the chair's capture forms and timer, in English and Thai: what a form refuses
before anything is written, the hint when a chair captures into a session the room has left,
and the empty list's line. Merged into :data:`roundtable_lib.meeting.labels.LABELS`.

Pure data: imports nothing.
"""

FORM_LABELS = {
    # what the capture form refuses before writing (rules.check_capture)
    "error.owner_empty": (
        "Who will do it? An action item needs an owner: type a person or a role.",
        "ใครจะเป็นผู้ดำเนินการ รายการปฏิบัติต้องมีผู้รับผิดชอบ: พิมพ์ชื่อบุคคลหรือตำแหน่ง",
    ),
    "error.due_before_meeting": (
        "Due date {due} is before the meeting ({date}): choose a date from the meeting's day on.",
        "กำหนดเสร็จ {due} อยู่ก่อนวันประชุม ({date}): เลือกวันที่ตั้งแต่วันประชุมเป็นต้นไป",
    ),
    # the capture form: where the room is, and the empty list of latest entries
    "hint.other_session": (
        "The room is in “{current}”; you are capturing into “{this}”.",
        "ขณะนี้ห้องประชุมอยู่ในช่วง “{current}” แต่คุณกำลังบันทึกลงในช่วง “{this}”",
    ),
    "list.nothing_yet": ("Nothing yet.", "ยังไม่มีรายการ"),
    # the session header: "We are now in this session" when it already is
    "button.now_already": ("The room is in this session", "ขณะนี้ห้องประชุมอยู่ในช่วงนี้"),
    # the timer: why Start is not offered while the chosen organisation's clock runs
    "timer.start_running": (
        "{org}'s clock is running: Pause or Stop it, or choose the next organisation to start.",
        "กำลังจับเวลาของ {org}: กดหยุดชั่วคราวหรือหยุด หรือเลือกองค์กรถัดไปเพื่อเริ่ม",
    ),
}

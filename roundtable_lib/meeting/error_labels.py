"""Labels of why the workbook refuses what was typed, in English and Thai, and of the fields
those messages name (:func:`roundtable_lib.meeting.labels.field_name`): a Thai chair reads the
refusal in Thai. Merged into :data:`roundtable_lib.meeting.labels.LABELS`.

Pure data: imports nothing.
"""

ERROR_LABELS = {
    # the room's screens: a mark where no picture fits (a dropdown's option is plain text)
    "poll.closed_mark": ("(closed)", "(ปิดแล้ว)"),
    # why what was typed is refused, in the chair's language (rules.py, typed_text.py)
    "error.unknown_session": (
        "Unknown session {value}; sessions are {choices}.",
        "ไม่มีช่วงการประชุม {value} ช่วงที่มีคือ {choices}",
    ),
    "error.unknown_kind": ("Unknown kind {value}; kinds are {choices}.", "ไม่มีประเภท {value} ประเภทที่มีคือ {choices}"),
    "error.text_empty": (
        "The text is empty: type it in English, in Thai, or both.",
        "ยังไม่มีข้อความ: พิมพ์เป็นภาษาอังกฤษ ภาษาไทย หรือทั้งสองภาษา",
    ),
    "error.choose_org": ("Choose the organisation this {kind} belongs to.", "เลือกองค์กรของรายการ{kind}นี้"),
    "error.synergy_two": (
        "A synergy links two or more organisations: choose at least two.",
        "การเสริมพลังร่วมกันเชื่อมโยงองค์กรตั้งแต่สององค์กรขึ้นไป: เลือกอย่างน้อยสององค์กร",
    ),
    "error.due_date": (
        "Due date {value} is not a date: write it as YYYY-MM-DD, e.g. 2016-09-30.",
        "กำหนดเสร็จ {value} ไม่ใช่วันที่: เขียนเป็น ปี ค.ศ.-เดือน-วัน เช่น 2016-09-30",
    ),
    "error.unknown_org": (
        "Unknown organisation {value}; choose one of: {choices}.",
        "ไม่มีองค์กร {value} เลือกจาก: {choices}",
    ),
    "error.choice": ("{name} must be one of {choices}; got {value}.", "{name}ต้องเป็นหนึ่งใน {choices} (ได้รับ {value})"),
    "error.scale": (
        "{name} must be a whole number from {low} to {high}; got {value}.",
        "{name}ต้องเป็นจำนวนเต็มตั้งแต่ {low} ถึง {high} (ได้รับ {value})",
    ),
    "error.unexpected_field": ("Unexpected field {value} for a {kind}.", "รายการ{kind}ไม่มีช่อง {value}"),
    "error.addressees": (
        "Addressees are a list of who should act, e.g. government, asean.",
        "ผู้รับข้อเสนอคือรายชื่อผู้ที่ควรดำเนินการ เช่น government, asean",
    ),
    "error.names": (
        "Names are given per language: English (en) and Thai (th).",
        "ชื่อให้แยกตามภาษา: ภาษาอังกฤษ (en) และภาษาไทย (th)",
    ),
    "error.not_text": ("{name} must be text, not {value}.", "{name}ต้องเป็นข้อความ ไม่ใช่ {value}"),
    "error.field_empty": ("{name} is empty: type something first.", "{name}ยังว่างอยู่: พิมพ์ข้อความก่อน"),
    "error.too_long": (
        "{name} is {length} characters long; the limit is {limit}. Shorten it or split it into several items.",
        "{name}ยาว {length} ตัวอักษร เกินกำหนด {limit} ตัวอักษร: ย่อให้สั้นลงหรือแบ่งเป็นหลายรายการ",
    ),
    # the names of the fields these messages speak of (typed_text's field names, English as typed there)
    "typed.English text": ("English text", "ข้อความภาษาอังกฤษ"),
    "typed.Thai text": ("Thai text", "ข้อความภาษาไทย"),
    "typed.topic": ("Topic", "หัวข้อ"),
    "typed.capacity area": ("Capacity area", "ด้านศักยภาพ"),
    "typed.asked by": ("Asked by", "ผู้ถาม"),
    "typed.answer": ("Answer", "คำตอบ"),
    "typed.provider": ("Provider", "ผู้ให้การฝึกอบรม"),
    "typed.timing": ("Timing", "ช่วงเวลา"),
    "typed.owner": ("Owner", "ผู้รับผิดชอบ"),
    "typed.due": ("Due date", "กำหนดเสร็จ"),
    "typed.rationale": ("Rationale", "เหตุผล"),
    "typed.rationale in Thai": ("Rationale in Thai", "เหตุผลภาษาไทย"),
    "typed.name": ("Name", "ชื่อ"),
    "typed.role": ("Role", "บทบาท"),
    "typed.English name": ("English name", "ชื่อภาษาอังกฤษ"),
    "typed.Thai name": ("Thai name", "ชื่อภาษาไทย"),
    "typed.short form of the name": ("Short form of the name", "ชื่อเรียกสั้น ๆ"),
    "typed.English title": ("English title", "ชื่อเรื่องภาษาอังกฤษ"),
    "typed.Thai title": ("Thai title", "ชื่อเรื่องภาษาไทย"),
    "typed.English label": ("English label", "ตัวเลือกภาษาอังกฤษ"),
    "typed.Thai label": ("Thai label", "ตัวเลือกภาษาไทย"),
    "typed.format": ("Format", "รูปแบบ"),
    "typed.status": ("Status", "สถานะ"),
    "typed.addressee": ("Addressee", "ผู้รับข้อเสนอ"),
    "typed.language": ("Language", "ภาษา"),
    "typed.rating": ("Rating", "คะแนน"),
    "typed.score": ("Score", "คะแนน"),
    # an organisation's decision on the joint recommendations (meeting/eligibility.py)
    "typed.who decided": ("Who decided", "ผู้ตัดสินใจ"),
    "typed.note": ("Note", "หมายเหตุ"),
}

"""Labels of the workbook's own screens, in English and Thai.

Labels that belong to a meeting (its title, organisations, agenda, questions) come from the
meeting definition; these are the ones that belong to the software. The report's many labels
live in :mod:`roundtable_lib.meeting.document_labels` and are merged in below.
"""

from roundtable_lib.meeting.document_labels import DOCUMENT_LABELS
from roundtable_lib.meeting.error_labels import ERROR_LABELS
from roundtable_lib.meeting.form_labels import FORM_LABELS
from roundtable_lib.meeting.lab_labels import LAB_LABELS
from roundtable_lib.meeting.poll_labels import POLL_LABELS
from roundtable_lib.meeting.refusal_labels import REFUSAL_LABELS
from roundtable_lib.meeting.review_labels import REVIEW_LABELS
from roundtable_lib.meeting.submission_labels import SUBMISSION_LABELS

LANGS = ("en", "th")

LABELS = {
    # kinds of captured items
    "kind.expectation": ("Expectation", "ความคาดหวัง"),
    "kind.note": ("Note", "บันทึก"),
    "kind.progress": ("Progress", "ความคืบหน้า"),
    "kind.challenge": ("Challenge", "ความท้าทาย"),
    "kind.plan": ("Plan (next 6 months)", "แผนงาน (6 เดือนข้างหน้า)"),
    "kind.question": ("Q&A", "ถาม-ตอบ"),
    "kind.synergy": ("Synergy", "การเสริมพลังร่วมกัน"),
    "kind.offer": ("We can offer", "เราให้การสนับสนุนได้"),
    "kind.ask": ("We need", "เราต้องการ"),
    "kind.lesson": ("Lesson learned", "บทเรียน"),
    "kind.keynote": ("Keynote: key points", "ประเด็นจากการบรรยายพิเศษ"),
    "kind.avenue": ("Avenue for engagement", "ช่องทางการมีส่วนร่วม"),
    "kind.recommendation": ("Joint recommendation", "ข้อเสนอแนะร่วม"),
    "kind.need": ("Capacity need", "ความต้องการด้านศักยภาพ"),
    "kind.training": ("Training plan entry", "รายการแผนการฝึกอบรม"),
    "kind.action": ("Action item", "รายการปฏิบัติ"),
    "kind.feedback": ("Feedback", "ความคิดเห็น"),
    "kind.summary": ("Session summary", "สรุปช่วงการประชุม"),
    # form fields and buttons
    "field.org": ("Organisation", "องค์กร"),
    "field.orgs": ("Organisations", "องค์กรที่เกี่ยวข้อง"),
    "field.kind": ("Kind", "ประเภท"),
    "field.text_en": ("English", "ภาษาอังกฤษ"),
    "field.text_th": ("Thai", "ภาษาไทย"),
    "field.topic": ("Topic", "หัวข้อ"),
    "field.sensitive": ("Sensitive (never on dashboards)", "ข้อมูลอ่อนไหว (ไม่แสดงบนแดชบอร์ด)"),
    "button.save_correction": ("Save correction", "บันทึกการแก้ไข"),
    "button.cancel": ("Cancel", "ยกเลิก"),
    "button.edit": ("Edit", "แก้ไข"),
    "button.delete": ("Delete", "ลบ"),
    "button.undo": ("Undo last", "ย้อนกลับล่าสุด"),
    "button.now": ("We are now in this session", "ขณะนี้อยู่ในช่วงนี้"),
    "msg.saved": ("Saved.", "บันทึกแล้ว"),
    "msg.corrected": ("Correction saved.", "บันทึกการแก้ไขแล้ว"),
    "msg.deleted": ("Deleted (Undo last brings it back).", "ลบแล้ว (กดย้อนกลับเพื่อกู้คืน)"),
    "msg.undone": ("Undone.", "ย้อนกลับแล้ว"),
    "msg.editing": ("Editing an earlier entry.", "กำลังแก้ไขรายการก่อนหน้า"),
    "msg.now": ("Dashboards now follow this session.", "แดชบอร์ดแสดงช่วงนี้แล้ว"),
    "head.chair": ("Chair", "ประธาน"),
    "head.purpose": ("Purpose", "วัตถุประสงค์"),
    "head.questions": ("Questions to pose", "คำถามสำหรับผู้เข้าร่วม"),
    "head.recent": ("Latest entries", "รายการล่าสุด"),
    "head.room": ("The room", "ที่ประชุม"),
    "head.synergies": ("Synergies", "การเสริมพลังร่วมกัน"),
    "head.nothing_yet": ("Nothing captured yet in this session.", "ยังไม่มีการบันทึกในช่วงนี้"),
    "head.demo": ("Sample data: this is a demonstration database.", "ข้อมูลตัวอย่าง: ฐานข้อมูลสำหรับสาธิต"),
    # the chair's screen: the phases of a session notebook and its capture form
    "button.save_as": ("Save as", "บันทึกเป็น"),
    "head.more": ("Purpose and questions", "วัตถุประสงค์และคำถาม"),
    "head.hidden_presenting": (
        "sensitive item, hidden while presenting",
        "ข้อมูลอ่อนไหว ซ่อนไว้ระหว่างฉายบนจอ",
    ),
    "phase.before": ("Before the session", "ก่อนเริ่มช่วงการประชุม"),
    "phase.agenda": ("Agenda and objectives", "กำหนดการและวัตถุประสงค์"),
    "phase.registration": ("Registration and attendance", "การลงทะเบียนและการเข้าร่วม"),
    "phase.presentations": ("During: presentations (timer and capture)", "ระหว่างการประชุม: การนำเสนอ (จับเวลาและบันทึก)"),
    "phase.qa": ("Q&A and the speaker queue", "ถาม-ตอบ และคิวผู้ขอพูด"),
    "phase.synergies": ("Synergies, offers and asks", "การเสริมพลัง ข้อเสนอ และความต้องการ"),
    "phase.matches": ("Offers matched with asks", "ข้อเสนอที่ตรงกับความต้องการ"),
    "phase.keynote": ("Keynote and Q&A", "การบรรยายพิเศษและถาม-ตอบ"),
    "phase.recommendations": ("Avenues and joint recommendations", "ช่องทางการมีส่วนร่วมและข้อเสนอแนะร่วม"),
    "phase.vote": ("Vote", "การลงคะแนน"),
    "phase.findings": ("Assessment findings", "ผลการประเมินศักยภาพ"),
    "phase.needs": ("Needs per organisation", "ความต้องการของแต่ละองค์กร"),
    "phase.training": ("Training plan", "แผนการฝึกอบรม"),
    "phase.summaries": ("What each session concluded", "ข้อสรุปของแต่ละช่วง"),
    "phase.actions": ("Action items", "รายการปฏิบัติ"),
    "phase.feedback": ("Feedback on the day", "ความคิดเห็นต่อการประชุมวันนี้"),
    "phase.wrapup": ("Wrap-up: the session's summary", "ปิดช่วง: สรุปของช่วงการประชุม"),
    "phase.background": ("Session 1: background and premise", "ช่วงที่ 1: ความเป็นมาและหลักการ"),
    "phase.expectations": ("Expectations and notes", "ความคาดหวังและบันทึก"),
    # the chair's tools: facilitation (timer, speaker queue, summaries), voting, registration
    "field.asked_by": ("Asked by", "ผู้ถาม"),
    "field.answer": ("Answer", "คำตอบ"),
    "field.area": ("Capacity area", "ด้านศักยภาพ"),
    "field.format": ("Format", "รูปแบบ"),
    "field.provider": ("Provider", "ผู้จัดอบรม"),
    "field.timing": ("Timing", "ช่วงเวลา"),
    "field.status": ("Status", "สถานะ"),
    "field.owner_person": ("Owner (person)", "ผู้รับผิดชอบ (บุคคล)"),
    "field.due": ("Due date", "กำหนดเสร็จ"),
    "field.rating": ("Rating 1-5", "คะแนน 1-5"),
    "field.presenter": ("Presenting", "ผู้นำเสนอ"),
    "field.minutes": ("Minutes", "นาที"),
    "field.name": ("Name", "ชื่อ"),
    # Registration: every spelling of a person's name (the privacy policy withholds each one).
    "field.name_en": ("Name in English", "ชื่อภาษาอังกฤษ"),
    "field.name_th": ("Name in Thai", "ชื่อภาษาไทย"),
    "field.short_name": ("Goes by (short form)", "ชื่อที่ใช้เรียก (ชื่อเล่น)"),
    "reg.names_hint": (
        "Type the name in each script it is written in, and the short form people use: if the person "
        "does not consent, every one of them is withheld.",
        "พิมพ์ชื่อทุกแบบที่ใช้เขียน และชื่อที่ใช้เรียก: หากผู้นั้นไม่ยินยอม ชื่อทุกแบบจะถูกปิดไว้",
    ),
    # the privacy policy: what stands where a withheld name was typed, in the text's language
    "privacy.name_withheld": ("[name withheld]", "[ไม่เปิดเผยชื่อ]"),
    "field.role": ("Role", "ตำแหน่ง"),
    "field.language": ("Language", "ภาษา"),
    "field.consent": ("May be named in published outputs", "ยินยอมให้ระบุชื่อในเอกสารเผยแพร่"),
    "field.consent_short": ("may be named", "ระบุชื่อได้"),
    "field.attended": ("Present", "เข้าร่วม"),
    "field.title_en": ("Title (English)", "หัวข้อ (ภาษาอังกฤษ)"),
    "field.title_th": ("Title (Thai)", "หัวข้อ (ภาษาไทย)"),
    "field.method": ("Method", "วิธีลงคะแนน"),
    "field.budget": ("Dots each", "จำนวนจุดต่อคน"),
    "field.per_option": ("Max per option", "สูงสุดต่อตัวเลือก"),
    "field.weighting": ("Weighting", "การถ่วงน้ำหนัก"),
    "field.items": ("Captured items", "รายการที่บันทึกไว้"),
    "field.free_options": ("Other options", "ตัวเลือกอื่น"),
    "field.participant": ("Participant", "ผู้เข้าร่วม"),
    "field.poll": ("Poll", "การลงคะแนน"),
    "field.file": ("File", "ไฟล์"),
    "format.workshop": ("Workshop", "การอบรมเชิงปฏิบัติการ"),
    "format.mentoring": ("Mentoring", "การเป็นพี่เลี้ยง"),
    "format.exchange_visit": ("Exchange visit", "การศึกษาดูงาน"),
    "format.online": ("Online", "ออนไลน์"),
    "format.other": ("Other", "อื่น ๆ"),
    "status.proposed": ("Proposed", "เสนอ"),
    "status.agreed": ("Agreed", "ตกลงแล้ว"),
    "status.scheduled": ("Scheduled", "กำหนดวันแล้ว"),
    "status.done": ("Done", "เสร็จแล้ว"),
    "status.open": ("Open", "ยังไม่เริ่ม"),
    "status.in_progress": ("In progress", "กำลังดำเนินการ"),
    "method.dots": ("Dot voting", "ลงคะแนนแบบจุด"),
    "method.single": ("Single choice", "เลือกหนึ่งตัวเลือก"),
    "method.scale": ("Scale 1-5", "มาตรวัด 1-5"),
    "weighting.person": ("One vote per person", "หนึ่งคนหนึ่งเสียง"),
    "weighting.organisation": ("One vote per organisation", "หนึ่งองค์กรหนึ่งเสียง"),
    "action.create": ("captured", "บันทึก"),
    "action.update": ("corrected", "แก้ไข"),
    "action.delete": ("deleted", "ลบ"),
    "action.restore": ("restored", "กู้คืน"),
    "action.undo": ("undone", "ย้อนกลับ"),
    "button.history": ("History", "ประวัติ"),
    "button.start": ("Start", "เริ่ม"),
    "button.pause": ("Pause", "หยุดชั่วคราว"),
    "button.resume": ("Resume", "ทำต่อ"),
    "button.stop": ("Stop", "หยุด"),
    "button.queue_add": ("Asks for the floor", "ขอพูด"),
    "button.spoken": ("Has spoken", "พูดแล้ว"),
    "button.withdraw": ("Withdraw", "ถอน"),
    "button.save_summary": ("Save summary", "บันทึกสรุป"),
    "button.create_poll": ("Open the poll", "เปิดการลงคะแนน"),
    "button.enter_ballot": ("Enter ballot", "บันทึกบัตรลงคะแนน"),
    "button.record_tally": ("Record show of hands", "บันทึกการยกมือ"),
    "button.close_poll": ("Close poll", "ปิดการลงคะแนน"),
    "button.reveal": ("Reveal results on dashboards", "แสดงผลบนแดชบอร์ด"),
    "button.hide": ("Hide results from dashboards", "ซ่อนผลจากแดชบอร์ด"),
    "button.register": ("Register", "ลงทะเบียน"),
    "button.attendance": ("Present/absent", "มา/ไม่มา"),
    "button.remove": ("Remove", "ลบ"),
    "button.load": ("Load", "โหลด"),
    "timer.idle": ("No presentation is being timed.", "ไม่มีการจับเวลาการนำเสนอ"),
    "timer.ok": ("on time", "ตรงเวลา"),
    "timer.warning": ("5 minutes or less left", "เหลือไม่เกิน 5 นาที"),
    "timer.over": ("time is up", "หมดเวลาแล้ว"),
    "timer.paused": ("paused", "หยุดชั่วคราว"),
    "queue.empty": ("Nobody is waiting for the floor.", "ไม่มีผู้รอพูด"),
    "queue.spoken": ("Have spoken", "พูดแล้ว"),
    "summary.none": ("No summary yet.", "ยังไม่มีสรุป"),
    "match.none": ("No offer matches an ask of another organisation yet.", "ยังไม่มีข้อเสนอที่ตรงกับความต้องการขององค์กรอื่น"),
    "head.objectives": ("Objectives", "วัตถุประสงค์"),
    "head.agenda": ("Agenda", "กำหนดการ"),
    "head.time": ("Time", "เวลา"),
    "head.new_poll": ("New poll", "สร้างการลงคะแนนใหม่"),
    "poll.open": ("Open", "เปิดอยู่"),
    "poll.closed": ("Closed: results frozen", "ปิดแล้ว: ผลคงที่"),
    "poll.revealed": ("results shown on dashboards", "แสดงผลบนแดชบอร์ดแล้ว"),
    "poll.not_revealed": ("results hidden from dashboards", "ซ่อนผลจากแดชบอร์ด"),
    "poll.hidden": ("Results are hidden until the chair reveals them.", "ผลจะแสดงเมื่อประธานเปิดเผย"),
    "poll.rules_dots": (
        "{budget} dots each, at most {limit} on one option",
        "คนละ {budget} จุด ไม่เกิน {limit} จุดต่อตัวเลือก",
    ),
    "poll.option": ("Option", "ตัวเลือก"),
    "poll.score": ("Score", "คะแนน"),
    "poll.mean": ("Mean score", "คะแนนเฉลี่ย"),
    "poll.votes": ("Ballots", "จำนวนบัตร"),
    "poll.tie": ("tie", "เสมอ"),
    "poll.voters": ("Participants who voted", "ผู้ลงคะแนน"),
    "poll.hands": ("Show of hands", "นับจากการยกมือ"),
    "msg.queued": ("Added to the queue.", "เพิ่มในคิวแล้ว"),
    "msg.poll_created": ("Poll opened.", "เปิดการลงคะแนนแล้ว"),
    "msg.ballot_saved": ("Ballot saved.", "บันทึกบัตรลงคะแนนแล้ว"),
    "msg.ballot_exists": (
        "This participant has already voted. Click again to replace the earlier ballot (it never adds to it).",
        "ผู้เข้าร่วมคนนี้ลงคะแนนแล้ว กดอีกครั้งเพื่อแทนที่บัตรเดิม (ไม่นับเพิ่ม)",
    ),
    "msg.ballot_replaced": ("The earlier ballot was replaced.", "แทนที่บัตรเดิมแล้ว"),
    "msg.choose_participant": ("Choose the participant whose ballot this is.", "เลือกผู้เข้าร่วมที่เป็นเจ้าของบัตรนี้"),
    "msg.tally_saved": ("Show of hands saved (it replaces any earlier count).", "บันทึกการยกมือแล้ว (แทนที่ผลเดิม)"),
    "msg.poll_closed": ("Poll closed: its results are frozen.", "ปิดการลงคะแนนแล้ว ผลคงที่"),
    "msg.registered": ("Registered.", "ลงทะเบียนแล้ว"),
    "msg.removed": ("Removed from the list (kept in the history).", "ลบออกจากรายชื่อแล้ว (เก็บไว้ในประวัติ)"),
    "msg.capacity_loaded": ("Stored for every screen: {what}.", "บันทึกให้ทุกหน้าจอแล้ว: {what}"),
    # the capacity assessment: one for every screen and the report, stored in the database
    "capacity.describe": ("{n} scores from {source}", "คะแนน {n} รายการจาก {source}"),
    "capacity.current": ("Shown now: {what}, loaded {when} by {who}.", "ที่แสดงอยู่: {what} โหลดเมื่อ {when} โดย {who}"),
    "capacity.none": (
        "No capacity assessment loaded yet: choose the findings file (or type its path and Load).",
        "ยังไม่ได้โหลดผลการประเมินศักยภาพ: เลือกไฟล์ผลการประเมิน (หรือพิมพ์ที่อยู่ไฟล์แล้วกดโหลด)",
    ),
    "capacity.path_hint": ("path of the findings CSV file", "ที่อยู่ไฟล์ CSV ผลการประเมิน"),
    "capacity.ask_first": (
        "Show {new} on every screen and in the report?",
        "แสดง{new} บนทุกหน้าจอและในรายงานหรือไม่",
    ),
    "capacity.ask_replace": (
        "Replace {old} with {new} on every screen and in the report?",
        "แทนที่{old} ด้วย{new} บนทุกหน้าจอและในรายงานหรือไม่",
    ),
    "capacity.confirm": ("Confirm: use this file", "ยืนยัน: ใช้ไฟล์นี้"),
    "capacity.cancelled": ("Cancelled: nothing changed.", "ยกเลิกแล้ว: ไม่มีการเปลี่ยนแปลง"),
    "capacity.same": ("This file is already the one shown: {what}.", "ไฟล์นี้แสดงอยู่แล้ว: {what}"),
    "capacity.undo": ("Undo load", "ย้อนการโหลด"),
    "capacity.undone": ("Back to: {what}.", "กลับไปใช้: {what}"),
    "capacity.dash_source": ("From {source}, loaded {when}.", "จาก {source} โหลดเมื่อ {when}"),
    # the capacity assessment: a real meeting starts with none; a file chosen in the browser or typed
    "capacity.not_loaded": ("No capacity assessment loaded yet.", "ยังไม่ได้โหลดผลการประเมินศักยภาพ"),
    "capacity.counting_needs": (
        "Until one is confirmed, this table counts the needs captured, not scores.",
        "จนกว่าจะยืนยันผลการประเมิน ตารางนี้นับจำนวนความต้องการที่บันทึกไว้ ไม่ใช่คะแนน",
    ),
    "capacity.choose": ("Choose file", "เลือกไฟล์"),
    "capacity.relative_to": (
        "Or type a path: one not starting with / is read from {folder} (quotes and ~ are fine).",
        "หรือพิมพ์ที่อยู่ไฟล์: ที่อยู่ที่ไม่ขึ้นต้นด้วย / จะอ่านจาก {folder} (ใส่เครื่องหมายคำพูดหรือ ~ ได้)",
    ),
    "msg.gone": ("This participant was removed meanwhile.", "ผู้เข้าร่วมคนนี้ถูกลบไปแล้ว"),
    "reg.total": ("Registered", "ลงทะเบียน"),
    "reg.present": ("present", "เข้าร่วม"),
    "reg.absent": ("absent", "ไม่ได้เข้าร่วม"),
    "chart.capacity": (
        "Capacity assessment: scores by organisation and area",
        "ผลการประเมินศักยภาพ: คะแนนรายองค์กรและรายด้าน",
    ),
    "chart.illustrative": ("illustrative sample", "ข้อมูลตัวอย่าง"),
    "chart.illustrative_banner": (
        "Illustrative sample data, not the real assessment results.",
        "ข้อมูลตัวอย่างเพื่อการสาธิต ไม่ใช่ผลการประเมินจริง",
    ),
    "chart.score": ("Score", "คะแนน"),
    # charts in the documents: a caption says what the chart shows, the heading above names it
    "chart.vote_caption": (
        "Each option's result, highest first; tied options in orange.",
        "ผลของแต่ละตัวเลือก เรียงจากมากไปน้อย ตัวเลือกที่คะแนนเท่ากันแสดงเป็นสีส้ม",
    ),
    # participants' dashboards
    "dash.live": ("Now", "ขณะนี้"),
    "dash.synergies": ("Synergies", "การเสริมพลังร่วมกัน"),
    "dash.recommendations": ("Joint recommendations", "ข้อเสนอแนะร่วม"),
    "dash.capacity": ("Capacity building", "การเสริมสร้างศักยภาพ"),
    "dash.summary": ("The day so far", "สรุปการประชุมวันนี้"),
    "dash.index": ("Dashboards", "แดชบอร์ด"),
    "dash.scan": ("Scan to follow on your phone", "สแกนเพื่อติดตามบนโทรศัพท์ของท่าน"),
    "dash.projector": ("Projector view", "มุมมองสำหรับจอโปรเจกเตอร์"),
    "dash.other_lang": ("ภาษาไทย", "English"),
    "dash.timer_left": ("Time left", "เวลาที่เหลือ"),
    "dash.timer_over": ("Over time by", "เกินเวลา"),
    "dash.latest": ("Latest entries", "รายการล่าสุด"),
    "dash.results": ("Vote results", "ผลการลงคะแนน"),
    "dash.votes": ("votes", "คะแนน"),
    "dash.tied": ("tied", "คะแนนเท่ากัน"),
    "dash.not_ranked": ("Not yet ranked: the vote has not been revealed.", "ยังไม่จัดลำดับ: ยังไม่เปิดเผยผลการลงคะแนน"),
    "dash.matches": ("Offers matching needs", "ข้อเสนอที่ตรงกับความต้องการ"),
    "dash.offers": ("offers", "ให้การสนับสนุน"),
    "dash.network_empty": ("No synergies captured yet.", "ยังไม่มีการบันทึกการเสริมพลังร่วมกัน"),
    "dash.heatmap_scores": ("Capacity assessment scores (1-5)", "คะแนนการประเมินศักยภาพ (1-5)"),
    "dash.heatmap": ("Capacity needs by organisation", "ความต้องการด้านศักยภาพแยกตามองค์กร"),
    "dash.priority_needs": ("Priority needs", "ความต้องการที่สำคัญ"),
    "dash.training_plan": ("Training plan", "แผนการฝึกอบรม"),
    "dash.none_yet": ("Nothing yet.", "ยังไม่มี"),
    "dash.paused": ("Updates paused for a moment; retrying.", "การอัปเดตหยุดชั่วคราว กำลังลองใหม่"),
    "dash.unavailable": (
        "The dashboards are not available yet. Please try again shortly.",
        "แดชบอร์ดยังไม่พร้อมใช้งาน กรุณาลองใหม่อีกครั้งในอีกสักครู่",
    ),
    "training.agreed": ("agreed", "ตกลงแล้ว"),
    "training.proposed": ("proposed", "เสนอ"),
    # voting with nobody registered, and chair screens that are safe to project
    "presenting.on": ("Presenting: results hidden", "กำลังนำเสนอ: ซ่อนผลคะแนน"),
    "presenting.off": (
        "Results shown on this screen: click before presenting",
        "แสดงผลบนหน้าจอนี้: กดก่อนนำเสนอ",
    ),
    "presenting.on_tip": (
        "Click to show results, running totals and sensitive items on this screen only (not on the projector).",
        "กดเพื่อแสดงผลคะแนนและข้อมูลอ่อนไหวบนหน้าจอนี้เท่านั้น (ไม่ใช่บนจอโปรเจกเตอร์)",
    ),
    "presenting.off_tip": (
        "Click to hide results and sensitive items again before the room can see this screen.",
        "กดเพื่อซ่อนผลคะแนนและข้อมูลอ่อนไหวอีกครั้งก่อนที่ที่ประชุมจะเห็นหน้าจอนี้",
    ),
    "presenting.results_hidden": (
        "Results are hidden while presenting: the room may be watching this screen.",
        "ซ่อนผลคะแนนระหว่างการนำเสนอ เพราะที่ประชุมอาจเห็นหน้าจอนี้",
    ),
    "presenting.hidden_option": ("(hidden while presenting)", "(ซ่อนระหว่างการนำเสนอ)"),
    # presenting covers every path to the screen: correcting, history and undo of a sensitive entry
    "presenting.edit_hidden": (
        "Hidden while presenting: switch Presenting off to edit this sensitive entry.",
        "ซ่อนไว้ระหว่างการนำเสนอ: ปิดโหมดนำเสนอก่อนจึงจะแก้ไขรายการที่เป็นข้อมูลอ่อนไหวนี้ได้",
    ),
    "msg.undone_item": ("Undone: {text}", "ย้อนกลับแล้ว: {text}"),
    "voter.participant": ("Per participant", "รายบุคคล"),
    "voter.organisation": ("By organisation", "รายองค์กร"),
    "voter.ballot": ("Numbered ballots", "บัตรลงคะแนนแบบมีหมายเลข"),
    "voter.tally": ("Show of hands", "ยกมือ"),
    "voter.help_participant": (
        "Per participant: one ballot per registered participant (people registered in 00_registration "
        "appear here within seconds).",
        "รายบุคคล: หนึ่งบัตรต่อผู้เข้าร่วมที่ลงทะเบียนแล้ว (ผู้ที่ลงทะเบียนใน 00_registration จะปรากฏที่นี่ภายในไม่กี่วินาที)",
    ),
    "voter.help_organisation": (
        "By organisation: one ballot per organisation, nobody needs to be registered.",
        "รายองค์กร: หนึ่งบัตรต่อองค์กร ไม่ต้องลงทะเบียนผู้เข้าร่วม",
    ),
    "voter.help_ballot": (
        "Numbered ballots: one per paper ballot, numbered 1, 2, 3...; nobody needs to be registered. "
        "The number moves on by itself after each ballot.",
        "บัตรลงคะแนนแบบมีหมายเลข: หนึ่งบัตรต่อกระดาษหนึ่งใบ เลขที่ 1, 2, 3... ไม่ต้องลงทะเบียนผู้เข้าร่วม "
        "หมายเลขจะเพิ่มขึ้นเองหลังบันทึกแต่ละบัตร",
    ),
    "voter.help_tally": (
        "Show of hands: count the hands for each option; nobody needs to be registered. A recount replaces the count.",
        "ยกมือ: นับจำนวนมือสำหรับแต่ละตัวเลือก ไม่ต้องลงทะเบียนผู้เข้าร่วม การนับใหม่จะแทนที่ผลเดิม",
    ),
    "voter.nobody_registered": (
        "Nobody is registered yet. Vote by organisation or with numbered ballots (above), "
        "or register participants in 00_registration: they appear here within seconds.",
        "ยังไม่มีผู้ลงทะเบียน ลงคะแนนรายองค์กรหรือใช้บัตรแบบมีหมายเลข (ด้านบน) "
        "หรือลงทะเบียนผู้เข้าร่วมใน 00_registration แล้วรายชื่อจะปรากฏที่นี่ภายในไม่กี่วินาที",
    ),
    "field.voter_org": ("Organisation voting", "องค์กรที่ลงคะแนน"),
    "field.ballot_number": ("Ballot number", "บัตรหมายเลข"),
    "msg.choose_org": ("Choose the organisation whose ballot this is.", "เลือกองค์กรที่เป็นเจ้าของบัตรนี้"),
    "msg.org_ballot_exists": (
        "This organisation has already voted. Click again to replace its earlier ballot (it never adds to it).",
        "องค์กรนี้ลงคะแนนแล้ว กดอีกครั้งเพื่อแทนที่บัตรเดิม (ไม่นับเพิ่ม)",
    ),
    "msg.numbered_ballot_exists": (
        "Ballot {n} was already entered. Click again to replace it (it never adds to it).",
        "บัตรหมายเลข {n} บันทึกแล้ว กดอีกครั้งเพื่อแทนที่บัตรเดิม (ไม่นับเพิ่ม)",
    ),
    "msg.numbered_ballot_saved": ("Ballot {n} saved.", "บันทึกบัตรหมายเลข {n} แล้ว"),
    "poll.voters_organisation": ("Organisations that voted", "องค์กรที่ลงคะแนน"),
    "poll.voters_ballot": ("Numbered ballots entered", "จำนวนบัตรที่บันทึก"),
    # internal copies of the exports: each sensitive item, and every table's first column
    "export.sensitive_mark": ("[SENSITIVE]", "[ข้อมูลอ่อนไหว]"),
    "export.internal_column": ("INTERNAL: do not publish", "ใช้ภายในเท่านั้น: ห้ามเผยแพร่"),
    "export.internal_cell": ("INTERNAL", "ใช้ภายใน"),
    # printed documents (PDF): the contents and every page's foot
    "print.contents": ("Contents", "สารบัญ"),
    "print.page_of": ("Page {page} of {pages}", "หน้า {page} จาก {pages}"),
    # counts, for count(): "one form|other form" in English; Thai has one form ("2 คะแนน")
    "count.vote": ("vote|votes", "คะแนน"),
    "count.ballot": ("ballot|ballots", "บัตร"),
    "count.voter": ("voter|voters", "ผู้ลงคะแนน"),
    "count.hand": ("hand|hands", "เสียง"),
    "count.dot": ("dot|dots", "จุด"),
    "count.participant": ("participant|participants", "คน"),
    "count.organisation": ("organisation|organisations", "องค์กร"),
    "count.item": ("item|items", "รายการ"),
    "count.recommendation": ("recommendation|recommendations", "ข้อเสนอแนะ"),
    "count.action": ("action item|action items", "รายการปฏิบัติ"),
    "count.priority": ("priority|priorities", "ลำดับความสำคัญ"),
    "count.page": ("page|pages", "หน้า"),
    # who did something, in words (meeting.actors): the store records these ids
    "actor.unknown": ("someone not recorded", "ไม่ได้ระบุผู้ดำเนินการ"),
    "actor.cli": ("the command line (roundtable)", "คำสั่ง roundtable"),
    "actor.cli.init": ("the set-up command (roundtable init)", "คำสั่งตั้งค่า (roundtable init)"),
    "actor.cli.import": ("the carry-forward import (roundtable import)", "การนำเข้าชุดข้อมูลต่อเนื่อง (roundtable import)"),
    "actor.demo": ("the demonstration data", "ข้อมูลสาธิต"),
    "actor.export": ("the export", "การส่งออกเอกสาร"),
    "actor.chair_of": ("the chair of {session}", "ประธาน{session}"),
    # where a poll stood when its results were shown (outputs.document.poll_status)
    "poll.status_closed": ("Voting closed at {time}.", "ปิดการลงคะแนนเมื่อเวลา {time}"),
    "poll.status_open": (
        "Voting was still open when these results were shown: they may not be final.",
        "ยังเปิดให้ลงคะแนนอยู่ขณะแสดงผลนี้ ผลอาจยังไม่ใช่ผลสุดท้าย",
    ),
    "score.mean": ("mean {score}", "ค่าเฉลี่ย {score}"),
}


def merge_tables(*tables):
    """One table of every label; a key given twice (one topic's "endorse.decision" silently
    replacing another's, so a form's field read as an error message) stops the import."""
    merged = {}
    for table in tables:
        repeated = sorted(merged.keys() & table.keys())
        if repeated:
            raise RuntimeError(f"label keys defined in two label tables: {', '.join(repeated)}")
        merged.update(table)
    return merged


LABELS = merge_tables(
    LABELS,
    DOCUMENT_LABELS,
    ERROR_LABELS,
    FORM_LABELS,
    SUBMISSION_LABELS,
    REVIEW_LABELS,
    POLL_LABELS,
    LAB_LABELS,
    REFUSAL_LABELS,
)


def t(key, lang="en"):
    """The label ``key`` in ``lang`` (English when the language is unknown)."""
    en, th = LABELS[key]
    return th if lang == "th" else en


def count(n, key, lang="en"):
    """``n`` with the count label ``key`` in ``lang``: ``count(1, "count.vote")`` -> "1 vote",
    ``count(2, "count.vote")`` -> "2 votes", ``count(2, "count.vote", "th")`` -> "2 คะแนน".

    A count label is ``"one|other"``; a label without ``|`` (Thai has no plural) is used for
    every number. ``{n}`` in the label places the number, else it comes first. Whole numbers
    are written with thousands separators ("1,250 votes")."""
    one, _, other = t(key, lang).partition("|")
    form = one if n == 1 or not other else other
    shown = f"{n:,}" if isinstance(n, int) and not isinstance(n, bool) else f"{n}"
    return form.replace("{n}", shown) if "{n}" in form else f"{shown} {form}"


def field_name(field):
    """The name of a typed field (``"English text"``, ``"topic"``) as an ``(en, th)`` pair, as a
    refusal (meeting/refusals.py) takes a value in each language's words: ("Topic", "หัวข้อ")."""
    key = f"typed.{field}"
    fallback = field.replace("_", " ").capitalize()
    return tuple(t(key, lang) if key in LABELS else fallback for lang in LANGS)


SCORE_DECIMALS = 2  # one rounding for every score a person reads: chart, table and text agree (4.67)


def round_score(value):
    """A score rounded as people read it everywhere: 4.6667 -> 4.67; charts plot this value."""
    return round(float(value), SCORE_DECIMALS)


def score_text(value):
    """A score as people write it: 4.6667 -> "4.67", 3.0 -> "3", None -> ""."""
    if value is None:
        return ""
    text = f"{round_score(value):.{SCORE_DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def pick(labels, lang="en"):
    """Pick a language from a meeting label ``{"en": ..., "th": ...}``."""
    return labels.get(lang) or labels.get("en") or ""


def item_text(item, lang="en"):
    """An item's text in ``lang``, falling back to the other language when only one was captured."""
    first, second = ("text_th", "text_en") if lang == "th" else ("text_en", "text_th")
    return item.get(first) or item.get(second) or ""

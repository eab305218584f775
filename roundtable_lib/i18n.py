"""Labels of the workbook's own screens, in English and Thai.

Labels that belong to a meeting (its title, organisations, agenda, questions) come from the
meeting definition; these are the ones that belong to the software.
"""

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
    "kind.keynote": ("Keynote note", "ประเด็นจากการบรรยายพิเศษ"),
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
    "button.save": ("Save", "บันทึก"),
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
    "head.minutes": ("min", "นาที"),
    "head.updated": ("Updates live", "อัปเดตอัตโนมัติ"),
    # issue 4: participants' dashboards
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
    "dash.voters": ("voters", "ผู้ลงคะแนน"),
    "dash.tied": ("tied", "คะแนนเท่ากัน"),
    "dash.not_ranked": ("Not yet ranked: the vote has not been revealed.", "ยังไม่จัดลำดับ: ยังไม่เปิดเผยผลการลงคะแนน"),
    "dash.matches": ("Offers matching needs", "ข้อเสนอที่ตรงกับความต้องการ"),
    "dash.offers": ("offers", "ให้การสนับสนุน"),
    "dash.network_empty": ("No synergies captured yet.", "ยังไม่มีการบันทึกการเสริมพลังร่วมกัน"),
    "dash.heatmap": ("Capacity needs by organisation", "ความต้องการด้านศักยภาพแยกตามองค์กร"),
    "dash.priority_needs": ("Priority needs", "ความต้องการที่สำคัญ"),
    "dash.training_plan": ("Training plan", "แผนการฝึกอบรม"),
    "dash.none_yet": ("Nothing yet.", "ยังไม่มี"),
    "dash.captured": ("captured", "รายการที่บันทึก"),
    "dash.paused": ("Updates paused for a moment; retrying.", "การอัปเดตหยุดชั่วคราว กำลังลองใหม่"),
    "dash.unavailable": ("The dashboards are not available yet. Please try again shortly.",
                         "แดชบอร์ดยังไม่พร้อมใช้งาน กรุณาลองใหม่อีกครั้งในอีกสักครู่"),
    "dash.too_many": ("Too many viewers right now. Please retry shortly.",
                      "ขณะนี้มีผู้ชมมากเกินไป กรุณาลองใหม่อีกครั้งในอีกสักครู่"),
    "training.agreed": ("agreed", "ตกลงแล้ว"),
    "training.proposed": ("proposed", "เสนอ"),
}


def t(key, lang="en"):
    """The label ``key`` in ``lang`` (English when the language is unknown)."""
    en, th = LABELS[key]
    return th if lang == "th" else en


def pick(labels, lang="en"):
    """Pick a language from a meeting label ``{"en": ..., "th": ...}``."""
    return labels.get(lang) or labels.get("en") or ""


def item_text(item, lang="en"):
    """An item's text in ``lang``, falling back to the other language when only one was captured."""
    first, second = ("text_th", "text_en") if lang == "th" else ("text_en", "text_th")
    return item.get(first) or item.get(second) or ""

"""Labels of the pre-publication review (what a careful organiser checks before anything public
leaves), in English and Thai: each check's title and advice, what it found, and the command
line's refusal to write the public files before the review is read.

Part of :data:`roundtable_lib.meeting.labels.LABELS` (merged there, so ``t()`` and ``count()``
find them). ``{name}`` marks what is filled in; ``one|other`` is a count label. Pure: no imports.
"""

REVIEW_LABELS = {
    # each check: review.<key>.title, review.<key>.advice (outputs.prepublication)
    "review.names.title": (
        "Items that name a person who did not consent to be named",
        "รายการที่ระบุชื่อบุคคลซึ่งไม่ยินยอมให้เปิดเผยชื่อ",
    ),
    "review.names.advice": (
        "The public files replace each name with a placeholder: read what is left, and correct the item "
        "(or mark it sensitive) if it still points at the person.",
        "ไฟล์สาธารณะจะแทนชื่อแต่ละชื่อด้วยข้อความแทน โปรดอ่านข้อความที่เหลือ และแก้ไขรายการ "
        "(หรือทำเครื่องหมายว่าเป็นข้อมูลอ่อนไหว) หากยังชี้ไปถึงบุคคลนั้นได้",
    ),
    "review.polls.title": (
        "Polls still open or with results not revealed",
        "การลงคะแนนที่ยังเปิดอยู่หรือยังไม่เปิดเผยผล",
    ),
    "review.polls.advice": (
        "Close the poll and reveal its results in the chair's notebook, or leave them out knowingly: "
        'the public files then say "results not revealed".',
        "ปิดการลงคะแนนและเปิดเผยผลในสมุดบันทึกของประธาน หรือจงใจไม่เปิดเผย ซึ่งไฟล์สาธารณะจะระบุว่า “ยังไม่เปิดเผยผล”",
    ),
    "review.translations.title": ("Items in one language only", "รายการที่มีเพียงภาษาเดียว"),
    "review.translations.advice": (
        "Add the missing version in the review (filter Language: English only / Thai only), or let the "
        "documents mark it as pending.",
        "เพิ่มฉบับภาษาที่ขาดในหน้าตรวจทาน (กรองภาษา: อังกฤษเท่านั้น / ไทยเท่านั้น) หรือปล่อยให้เอกสารระบุว่ารอการแปล",
    ),
    "review.actions.title": (
        "Action items without an owner or a due date",
        "รายการติดตามผลที่ไม่มีผู้รับผิดชอบหรือกำหนดเสร็จ",
    ),
    "review.actions.advice": (
        "Give each an owner and a due date in the chair's wrap-up form, or say in the report who will decide.",
        "กำหนดผู้รับผิดชอบและวันกำหนดเสร็จในแบบฟอร์มสรุปของประธาน หรือระบุในรายงานว่าใครจะเป็นผู้ตัดสินใจ",
    ),
    "review.endorsements.title": (
        "Organisations whose decision on the recommendations is not recorded",
        "องค์กรที่ยังไม่ได้บันทึกการตัดสินใจต่อข้อเสนอแนะ",
    ),
    "review.endorsements.advice": (
        "Record each organisation's decision (endorses, abstains) after the vote, in the review notebook or "
        "with roundtable endorse; the submission lists only the organisations recorded as endorsing.",
        "บันทึกการตัดสินใจของแต่ละองค์กร (รับรอง งดออกเสียง) หลังการลงคะแนน ในสมุดบันทึกการตรวจทาน "
        "หรือด้วยคำสั่ง roundtable endorse เอกสารข้อเสนอจะระบุเฉพาะองค์กรที่บันทึกว่ารับรองเท่านั้น",
    ),
    "review.endorsements.unsupported": (
        "This workbook does not record endorsements yet.",
        "สมุดงานนี้ยังไม่บันทึกการรับรอง",
    ),
    # what a check found
    "review.poll_open": ("still open (ballots can still change it)", "ยังเปิดอยู่ (ผลยังเปลี่ยนแปลงได้)"),
    "review.poll_hidden": ("closed, results not revealed", "ปิดแล้ว ยังไม่เปิดเผยผล"),
    "review.missing": ("no {what}", "ไม่มี{what}"),
    "review.and": (" and ", "และ"),
    "review.not_asked": ("not asked", "ยังไม่ได้สอบถาม"),
    "review.no_decision": ("no decision recorded", "ยังไม่ได้บันทึกการตัดสินใจ"),
    "review.no_owner": ("owner", "ผู้รับผิดชอบ"),
    "review.no_due": ("due date", "กำหนดเสร็จ"),
    # the review as a whole
    "review.before": ("Before publishing:", "ก่อนเผยแพร่:"),
    "review.to_check": ("{n} to check", "ต้องตรวจ {n} รายการ"),
    "review.nothing_found": ("nothing found", "ไม่พบสิ่งที่ต้องตรวจ"),
    "review.more": ("... and {n} more", "... และอีก {n} รายการ"),
    "review.what_to_do": ("What to do:", "สิ่งที่ควรทำ:"),
    "review.summary_clear": (
        "the checks found nothing; still read the public files once before they leave.",
        "ไม่พบสิ่งที่ต้องตรวจ แต่ควรอ่านไฟล์สาธารณะอีกครั้งก่อนส่งออกไป",
    ),
    "review.summary_found": (
        "{n} thing to check in the public files.|{n} things to check in the public files.",
        "มี {n} รายการที่ต้องตรวจในไฟล์สาธารณะ",
    ),
    # the organisers' review panel: its export area and an item's history
    "review.panel.folder": ("Folder", "โฟลเดอร์"),
    "review.panel.internal": (
        "Internal version (sensitive items and every name; marked INTERNAL on every page)",
        "ฉบับใช้ภายใน (มีข้อมูลอ่อนไหวและชื่อทุกคน ทุกหน้ามีเครื่องหมายใช้ภายใน)",
    ),
    "review.panel.check_again": ("Check again", "ตรวจอีกครั้ง"),
    "review.panel.reviewed": (
        "I have checked the list above: the public files may be written",
        "ข้าพเจ้าได้ตรวจรายการข้างต้นแล้ว: เขียนไฟล์สาธารณะได้",
    ),
    "review.panel.export": ("Export report and tables", "ส่งออกรายงานและตาราง"),
    "review.panel.not_written": (
        "Nothing was written: read the checks above, then tick “I have checked the list above” and export again.",
        "ยังไม่ได้เขียนไฟล์ใด: อ่านรายการตรวจข้างต้น แล้วทำเครื่องหมายที่ “ข้าพเจ้าได้ตรวจรายการข้างต้นแล้ว” และส่งออกอีกครั้ง",
    ),
    # the organisers' review panel: its filters, table and editor
    "review.panel.session": ("Session", "ช่วงการประชุม"),
    "review.panel.all_sessions": ("All sessions", "ทุกช่วงการประชุม"),
    "review.panel.organisation": ("Organisation", "องค์กร"),
    "review.panel.all_orgs": ("All", "ทั้งหมด"),
    "review.panel.no_org": ("None (the room)", "ไม่ระบุ (ที่ประชุม)"),
    "review.panel.kind": ("Kind", "ประเภท"),
    "review.panel.all_kinds": ("All kinds", "ทุกประเภท"),
    "review.panel.language": ("Language", "ภาษา"),
    "review.panel.flag": ("Flag", "สถานะ"),
    "review.panel.sort": ("Sort", "เรียงตาม"),
    "review.panel.search": ("Search", "ค้นหา"),
    "review.panel.shown": ("item shown|items shown", "รายการที่แสดง"),
    "review.panel.selected": ("Selected item", "รายการที่เลือก"),
    "review.panel.item": ("Item", "รายการ"),
    "review.panel.english": ("English", "ภาษาอังกฤษ"),
    "review.panel.thai": ("Thai", "ภาษาไทย"),
    "review.panel.sensitive": (
        "Sensitive (left out of public exports and dashboards)",
        "ข้อมูลอ่อนไหว (ไม่อยู่ในเอกสารเผยแพร่และแดชบอร์ด)",
    ),
    "review.panel.save": ("Save correction", "บันทึกการแก้ไข"),
    "review.panel.delete": ("Delete", "ลบ"),
    "review.panel.restore": ("Restore", "กู้คืน"),
    "review.panel.merge_into": ("Merge into", "รวมเข้ากับ"),
    "review.panel.merge": ("Merge this item into it", "รวมรายการนี้เข้าไป"),
    "review.panel.history": ("History", "ประวัติ"),
    "review.panel.export_heading": ("Export", "ส่งออก"),
    "review.panel.choose_first": ("Choose an item first.", "โปรดเลือกรายการก่อน"),
    "review.panel.saved": ("Correction saved (recorded in the history).", "บันทึกการแก้ไขแล้ว (เก็บไว้ในประวัติ)"),
    "review.panel.deleted": ("Deleted; Restore brings it back.", "ลบแล้ว กด กู้คืน เพื่อนำกลับมา"),
    "review.panel.restored": ("Restored.", "กู้คืนแล้ว"),
    "review.panel.choose_merge": (
        "Choose the item to merge and the item to merge it into.",
        "โปรดเลือกรายการที่จะรวมและรายการที่จะรวมเข้าไป",
    ),
    "review.panel.merged": (
        "Merged: the duplicate is deleted (Restore undoes the merge).",
        "รวมแล้ว: รายการซ้ำถูกลบ (กด กู้คืน เพื่อยกเลิกการรวม)",
    ),
    "review.panel.merged_options": (
        " {n} poll option still names the duplicate; exports count its votes for the kept item.| {n} poll "
        "options still name the duplicate; exports count their votes for the kept item.",
        " ตัวเลือกการลงคะแนน {n} รายการยังอ้างถึงรายการซ้ำ เอกสารส่งออกจะนับคะแนนให้รายการที่เก็บไว้",
    ),
    "review.col.flags": ("Flags", "สถานะ"),
    "review.flag.sensitive": ("sensitive", "อ่อนไหว"),
    "review.flag.deleted": ("deleted", "ลบแล้ว"),
    "review.flag.merged": ("merged", "รวมแล้ว"),
    "review.choice.any_language": ("Any language", "ทุกภาษา"),
    "review.choice.both": ("English and Thai", "ทั้งอังกฤษและไทย"),
    "review.choice.en_only": ("English only (Thai missing)", "อังกฤษเท่านั้น (ขาดภาษาไทย)"),
    "review.choice.th_only": ("Thai only (English missing)", "ไทยเท่านั้น (ขาดภาษาอังกฤษ)"),
    "review.choice.any": ("Any", "ทั้งหมด"),
    "review.choice.current": ("Current (not deleted)", "ปัจจุบัน (ไม่ถูกลบ)"),
    "review.choice.sensitive": ("Sensitive", "ข้อมูลอ่อนไหว"),
    "review.choice.public": ("Not sensitive", "ไม่อ่อนไหว"),
    "review.choice.deleted": ("Deleted", "ลบแล้ว"),
    "review.choice.merged": ("Merged away", "ถูกรวมเข้ากับรายการอื่น"),
    "review.choice.created": ("Captured, oldest first", "เวลาบันทึก เก่าก่อน"),
    "review.choice.-created": ("Captured, newest first", "เวลาบันทึก ใหม่ก่อน"),
    "review.choice.-updated": ("Last changed first", "แก้ไขล่าสุดก่อน"),
    "review.choice.session": ("Session", "ช่วงการประชุม"),
    "review.choice.org": ("Organisation", "องค์กร"),
    "review.choice.kind": ("Kind", "ประเภท"),
    # an item's history: what a change did, in words
    "review.yes": ("yes", "ใช่"),
    "review.no": ("no", "ไม่ใช่"),
    "review.change.added": ("{field}: added {new}", "{field}: เพิ่ม {new}"),
    "review.change.removed": ("{field}: removed {old}", "{field}: ลบ {old}"),
    "review.change.changed": ("{field}: {old} → {new}", "{field}: {old} → {new}"),
    # what an export wrote, as links in the review notebook
    "review.link.heading": ("The files, in the file browser's folder {folder}:", "ไฟล์ในโฟลเดอร์ {folder} ของแถบไฟล์:"),
    "review.link.open": ("open", "เปิด"),
    "review.link.download": ("download", "ดาวน์โหลด"),
    "review.history.when": ("When", "เมื่อ"),
    "review.history.who": ("Who", "ผู้ดำเนินการ"),
    "review.history.what": ("What", "การดำเนินการ"),
    "review.history.change": ("Change", "สิ่งที่เปลี่ยน"),
    # an export's steps as the review panel shows its progress (keyed by outputs.export.STEPS' words)
    "export.step.reading the meeting": ("reading the meeting", "อ่านข้อมูลการประชุม"),
    "export.step.drawing charts": ("drawing charts", "วาดแผนภูมิ"),
    "export.step.joint recommendations (Word, PDF)": (
        "joint recommendations (Word, PDF)",
        "ข้อเสนอแนะร่วม (Word, PDF)",
    ),
    "export.step.training plan (Excel)": ("training plan (Excel)", "แผนการฝึกอบรม (Excel)"),
    "export.step.all tables (Excel)": ("all tables (Excel)", "ตารางทั้งหมด (Excel)"),
    "export.step.CSV files": ("CSV files", "ไฟล์ CSV"),
    "export.step.meeting report (Word)": ("meeting report (Word)", "รายงานการประชุม (Word)"),
    "export.step.report for the web (Markdown, HTML)": (
        "report for the web (Markdown, HTML)",
        "รายงานสำหรับเว็บ (Markdown, HTML)",
    ),
    "export.step.meeting report (PDF)": ("meeting report (PDF)", "รายงานการประชุม (PDF)"),
    "export.step.carry-forward package": ("carry-forward package", "ชุดข้อมูลส่งต่อการประชุมครั้งถัดไป"),
    # what an export wrote, in the panel and on the command line
    "export.count_public": ("public file|public files", "ไฟล์สาธารณะ"),
    "export.count_internal": (
        "INTERNAL file (sensitive items and every name)|INTERNAL files (sensitive items and every name)",
        "ไฟล์ใช้ภายใน (มีข้อมูลอ่อนไหวและชื่อทุกคน)",
    ),
    "export.wrote": ("Wrote {files} to {folder} in {seconds} s.", "เขียน {files} ไปที่ {folder} ใน {seconds} วินาที"),
    "export.chart_left_out": ("Chart left out: {title} ({reason}).", "ไม่ได้ใส่แผนภูมิ: {title} ({reason})"),
    "export.not_written": (
        "Not written: {name} ({reason}); the Word version is there.",
        "ไม่ได้เขียน: {name} ({reason}) มีฉบับ Word ให้แล้ว",
    ),
    # the command line without --reviewed
    "review.not_written": (
        "Nothing was written: a public export needs your review. {what}, then run the same command again "
        "with {flag} to write the public files.",
        "ยังไม่ได้เขียนไฟล์ใด: การส่งออกฉบับสาธารณะต้องผ่านการตรวจทานของท่านก่อน {what} "
        "แล้วเรียกคำสั่งเดิมอีกครั้งพร้อม {flag} เพื่อเขียนไฟล์สาธารณะ",
    ),
    "review.check_points": (
        "Check the {n} point listed above (each says what to do)|Check the {n} points listed above "
        "(each says what to do)",
        "ตรวจ {n} รายการข้างต้น (แต่ละรายการบอกสิ่งที่ควรทำ)",
    ),
    "review.nothing_to_check": (
        "The checks found nothing; still read what the public files say of people and sensitive matters",
        "ไม่พบสิ่งที่ต้องตรวจ แต่ควรอ่านสิ่งที่ไฟล์สาธารณะกล่าวถึงบุคคลและเรื่องอ่อนไหว",
    ),
}

"""Labels of what the capacity-file check, the voting and endorsement rules and the store refuse,
in English and Thai, so a Thai chair reads in Thai why a findings file, an undo, a merge or a
ballot was refused (raised through :func:`roundtable_lib.meeting.refusals.refusal`). The English
is the workbook's wording before it had Thai, word for word.

Part of :data:`roundtable_lib.meeting.labels.LABELS` (merged there, so ``t()`` finds them).
``{name}`` marks what is filled in. Pure data: imports nothing.
"""

REFUSAL_LABELS = {
    # a file a person hands the workbook, refused before it is read (meeting/files.py); {what},
    # {path_of}, {too_big} and {save_as} are the caller's own words (meeting.files.Expected)
    "handed.type_path": ("Type the path of {path_of} first.", "พิมพ์ที่อยู่ของ{path_of}ก่อน"),
    "handed.missing": (
        "No {what} at {shown}: check the folder and the file name.",
        "ไม่พบ{what}ที่ {shown}: ตรวจสอบโฟลเดอร์และชื่อไฟล์",
    ),
    "handed.folder": (
        "{shown} is a folder, not a file: give the path of {path_of}.",
        "{shown} เป็นโฟลเดอร์ ไม่ใช่ไฟล์: ระบุที่อยู่ของ{path_of}",
    ),
    "handed.permission": (
        "{shown} cannot be read (permission denied): copy it somewhere your account can read, "
        "or ask whoever gave it to you to fix its permissions.",
        "อ่าน {shown} ไม่ได้ (ไม่มีสิทธิ์อ่าน): คัดลอกไฟล์ไปไว้ในที่ที่บัญชีของคุณอ่านได้ หรือขอให้ผู้ส่งไฟล์แก้ไขสิทธิ์ของไฟล์",
    ),
    "handed.unreadable": (
        "{shown} cannot be read ({reason}): check the path.",
        "อ่าน {shown} ไม่ได้ ({reason}): ตรวจสอบที่อยู่ไฟล์",
    ),
    "handed.not_plain": (
        "{shown} is not a plain file (a pipe or a device, which may never end): give the path of {path_of}.",
        "{shown} ไม่ใช่ไฟล์ธรรมดา (เป็นท่อหรืออุปกรณ์ ซึ่งอาจอ่านไม่มีวันจบ): ระบุที่อยู่ของ{path_of}",
    ),
    "handed.too_big": ("{shown} is larger than {size}: {too_big}.", "{shown} มีขนาดเกิน {size}: {too_big}"),
    "handed.not_utf8": (
        "{shown} is not UTF-8 text (line {line}): {save_as}.",
        "{shown} ไม่ใช่ข้อความแบบ UTF-8 (บรรทัดที่ {line}): {save_as}",
    ),
    "handed.binary": (
        "{shown} is not a text file (it holds binary data): {save_as}.",
        "{shown} ไม่ใช่ไฟล์ข้อความ (มีข้อมูลไบนารี): {save_as}",
    ),
    # where in a findings file a problem is (meeting/assessment.py)
    "file.line": ("{source}, line {n}", "{source} บรรทัดที่ {n}"),
    "file.row": ("{source}, row {n}", "{source} แถวที่ {n}"),
    "file.line_word": ("line", "บรรทัดที่"),
    "file.row_word": ("row", "แถวที่"),
    "file.problem": ("{where}: {problem}", "{where}: {problem}"),
    "file.more": ("... and {n} more.", "... และอีก {n} รายการ"),
    # what is wrong in a findings file
    "assess.unknown_org": (
        "{where}: unknown organisation {value} (known: {known}).",
        "{where}: ไม่มีองค์กร {value} (องค์กรที่มี: {known})",
    ),
    "assess.area_empty": ("{where}: the area is empty.", "{where}: ไม่ได้ระบุด้านศักยภาพ"),
    "assess.formula": (
        "{where}: the area {value} starts with {first}, which a spreadsheet would run as a formula; "
        "remove that first character.",
        "{where}: ด้านศักยภาพ {value} ขึ้นต้นด้วย {first} ซึ่งโปรแกรมตารางคำนวณจะถือเป็นสูตร โปรดลบอักขระตัวแรกนั้นออก",
    ),
    "assess.bad_score": (
        "{where}: score {value} is not a number from {low} to {high}.",
        "{where}: คะแนน {value} ไม่ใช่ตัวเลขตั้งแต่ {low} ถึง {high}",
    ),
    "assess.scored_twice": (
        "{where}: {org}/{area} is already scored on {unit} {n}.",
        "{where}: {org}/{area} มีคะแนนแล้วใน{unit} {n}",
    ),
    "assess.too_many_areas": (
        "{where}: more than {max} capacity areas; a heatmap that wide cannot be read.",
        "{where}: มีด้านศักยภาพมากกว่า {max} ด้าน แผนภาพที่กว้างขนาดนั้นอ่านไม่ได้",
    ),
    "assess.too_many_rows": (
        "{source}: more than {max} rows; an assessment has one row per organisation and area. "
        "Check that it is the right file.",
        "{source}: มีมากกว่า {max} แถว ผลการประเมินมีหนึ่งแถวต่อหนึ่งองค์กรและหนึ่งด้าน โปรดตรวจสอบว่าเป็นไฟล์ที่ถูกต้อง",
    ),
    "assess.bad_csv": (
        "{where}: {problem}; save the sheet again as 'CSV UTF-8' with one organisation, area and score per line.",
        "{where}: {problem} โปรดบันทึกตารางใหม่เป็น 'CSV UTF-8' โดยมีองค์กร ด้าน และคะแนน หนึ่งชุดต่อหนึ่งบรรทัด",
    ),
    "assess.long_cell": (
        "a cell is longer than {n} characters (a stray quote mark joins lines)",
        "มีช่องที่ยาวเกิน {n} ตัวอักษร (เครื่องหมายคำพูดที่หลงอยู่ทำให้หลายบรรทัดรวมกัน)",
    ),
    "assess.unreadable_line": (
        "this is not a readable CSV line ({message})",
        "บรรทัดนี้อ่านเป็น CSV ไม่ได้ ({message})",
    ),
    "assess.no_header": (
        "{source}: the file has no header and no rows; expected columns {columns}.",
        "{source}: ไฟล์ไม่มีหัวตารางและไม่มีข้อมูล ต้องมีคอลัมน์ {columns}",
    ),
    "assess.missing_column": (
        "{where}: missing column {missing}; the header must name {columns}.",
        "{where}: ไม่มีคอลัมน์ {missing} หัวตารางต้องมี {columns}",
    ),
    "assess.no_scores": ("{source}: the file has a header but no scores.", "{source}: ไฟล์มีหัวตารางแต่ไม่มีคะแนน"),
    "assess.holds_no_scores": ("{source} holds no scores.", "{source} ไม่มีคะแนน"),
    "assess.empty_file": ("{name} is empty: expected columns {columns}.", "{name} ว่างเปล่า: ต้องมีคอลัมน์ {columns}"),
    # storing and undoing the assessment (store/capacity.py)
    "assess.same_moment": (
        "Another chair stored a capacity assessment at the same moment; nothing was stored. "
        "Look at it, then load your file again if it should replace it.",
        "ประธานอีกท่านบันทึกผลการประเมินศักยภาพในเวลาเดียวกัน จึงไม่มีการบันทึก โปรดดูผลที่บันทึกไว้ก่อน แล้วโหลดไฟล์ของท่านอีกครั้งหากควรแทนที่",
    ),
    "assess.changed_meanwhile": (
        "The capacity assessment changed meanwhile (now: {now}); nothing was stored. "
        "Look at it, then load your file again if it should replace it.",
        "ผลการประเมินศักยภาพเปลี่ยนไประหว่างนั้น (ตอนนี้: {now}) จึงไม่มีการบันทึก โปรดดูผลที่บันทึกไว้ก่อน แล้วโหลดไฟล์ของท่านอีกครั้งหากควรแทนที่",
    ),
    "assess.now_shown": ("{source}, loaded by {who}", "{source} โหลดโดย {who}"),
    "assess.now_none": ("none", "ไม่มี"),
    "assess.nothing_to_undo": ("No capacity-assessment load to undo.", "ไม่มีการโหลดผลการประเมินศักยภาพให้ย้อน"),
    "assess.changed_again": (
        "The capacity assessment was changed again since that load; nothing was undone.",
        "ผลการประเมินศักยภาพถูกเปลี่ยนอีกครั้งหลังการโหลดนั้น จึงไม่มีการย้อน",
    ),
    # who votes and who endorses (meeting/eligibility.py)
    "vote.name_an_org": (
        "Name at least one organisation that votes in this poll.",
        "ระบุอย่างน้อยหนึ่งองค์กรที่ลงคะแนนในการลงคะแนนนี้",
    ),
    "vote.not_eligible": (
        "{org} does not vote in this poll ({role}): the ballots that count are those of {voting}. "
        "To let every organisation vote, open a poll for everyone.",
        "{org} ไม่ได้ลงคะแนนในการลงคะแนนนี้ ({role}) บัตรที่นับคือบัตรของ {voting} "
        "หากต้องการให้ทุกองค์กรลงคะแนน โปรดเปิดการลงคะแนนสำหรับทุกคน",
    ),
    # an organisation's role in the meeting file, in Thai (the English says the stored code's words)
    "role.partner_cso": ("partner cso", "องค์กรภาคประชาสังคมที่เป็นภาคี"),
    "role.network": ("network", "เครือข่าย"),
    "role.red_cross": ("red cross", "กาชาด"),
    "role.convenor": ("convenor", "ผู้จัดการประชุม"),
    "role.donor": ("donor", "ผู้ให้ทุน"),
    "role.government": ("government", "หน่วยงานภาครัฐ"),
    "role.observer": ("observer", "ผู้สังเกตการณ์"),
    "endorse.decision_unknown": (
        "Decision must be one of {choices}; got {value}.",
        "การตัดสินใจต้องเป็นหนึ่งใน {choices} (ได้รับ {value})",
    ),
    "endorse.may_not": (
        "{org} ({role}) does not endorse the joint recommendations of this meeting: "
        "record it as abstains or not asked.",
        "{org} ({role}) ไม่ได้รับรองข้อเสนอแนะร่วมของการประชุมนี้ โปรดบันทึกเป็นงดออกเสียงหรือไม่ได้ถาม",
    ),
    # what the store cannot find or do (store/items.py, history.py, polls.py, participants.py)
    "store.no_item": ("No item {value}.", "ไม่มีรายการ {value}"),
    "store.no_poll": ("No poll {value}.", "ไม่มีการลงคะแนน {value}"),
    "store.no_participant": ("No participant {value}.", "ไม่มีผู้เข้าร่วม {value}"),
    "store.no_option_item": ("No captured item {value} to vote on.", "ไม่มีรายการที่บันทึกไว้ {value} ให้ลงคะแนน"),
    "store.nothing_to_undo": ("Nothing to undo.", "ไม่มีอะไรให้ย้อน"),
    "store.changed_since": (
        "This item was changed again since; undo or correct the later change first.",
        "รายการนี้ถูกเปลี่ยนอีกครั้งหลังจากนั้น โปรดย้อนหรือแก้ไขการเปลี่ยนแปลงครั้งหลังก่อน",
    ),
    "store.merge_two": ("Choose two different items to merge.", "เลือกสองรายการที่ต่างกันเพื่อรวม"),
    "store.merge_deleted": ("Restore a deleted item before merging it.", "กู้คืนรายการที่ลบแล้วก่อนนำมารวม"),
    "store.merge_kinds": (
        "Only items of the same kind can be merged (a {kind} and a {other}).",
        "รวมได้เฉพาะรายการประเภทเดียวกัน (รายการ{kind} กับรายการ{other})",
    ),
}

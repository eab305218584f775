"""Labels of the joint recommendations as submitted (headings, fixed sentences) and of an
organisation's decision on them, in English and Thai.

Part of :data:`roundtable_lib.meeting.labels.LABELS` (merged there, so ``t()`` finds them). ``{name}``
marks what is filled in. Pure: no imports.
"""

SUBMISSION_LABELS = {
    # an organisation's decision on the final text (meeting.eligibility.DECISIONS)
    "decision.endorses": ("Endorses", "รับรอง"),
    "decision.abstains": ("Abstains", "งดออกเสียง"),
    "decision.not_asked": ("Not asked", "ยังไม่ได้สอบถาม"),
    "phase.endorsement": ("Endorsement of the joint recommendations", "การรับรองข้อเสนอแนะร่วม"),
    "endorse.decision": ("Decision", "การตัดสินใจ"),
    "endorse.help": (
        "After the vote, record each organisation's decision on the final text. Only organisations "
        "recorded as endorsing are listed as signatories.",
        "หลังการลงคะแนน บันทึกการตัดสินใจของแต่ละองค์กรต่อข้อความฉบับสุดท้าย เฉพาะองค์กรที่บันทึกว่ารับรองเท่านั้นที่จะปรากฏเป็นผู้ลงนาม",
    ),
    "endorse.by": ("Decided by (name or office)", "ผู้ตัดสินใจ (ชื่อหรือตำแหน่ง)"),
    "endorse.note": ("Note", "หมายเหตุ"),
    "endorse.save": ("Record", "บันทึก"),
    "endorse.saved": ("Recorded: {org}, {decision}.", "บันทึกแล้ว: {org} {decision}"),
    "endorse.none": ("No decision recorded yet", "ยังไม่มีการบันทึก"),
    # the submission
    "sub.title": ("Joint recommendations", "ข้อเสนอแนะร่วม"),
    "sub.preamble": (
        "We, the undersigned organisations, taking part in the {meeting} at the {venue} on {date}, submit the "
        "following joint recommendations to {to}.",
        "พวกเรา องค์กรผู้ลงนามท้ายนี้ ซึ่งเข้าร่วม{meeting} ณ {venue} เมื่อวันที่ {date} ขอเสนอข้อเสนอแนะร่วมต่อไปนี้ต่อ{to}",
    ),
    "sub.preamble_no_target": (
        "We, the undersigned organisations, taking part in the {meeting} at the {venue} on {date}, submit the "
        "following joint recommendations.",
        "พวกเรา องค์กรผู้ลงนามท้ายนี้ ซึ่งเข้าร่วม{meeting} ณ {venue} เมื่อวันที่ {date} ขอเสนอข้อเสนอแนะร่วมต่อไปนี้",
    ),
    "sub.process_heading": ("How these recommendations were made", "ที่มาของข้อเสนอแนะ"),
    "sub.process_voted": (
        "The participants drafted {n} recommendations together and ranked them in a vote ({who}). "
        "They are listed in the order of that vote.",
        "ผู้เข้าร่วมร่วมกันร่างข้อเสนอแนะ {n} ข้อ และจัดลำดับโดยการลงคะแนน ({who}) ข้อเสนอแนะเรียงตามลำดับผลการลงคะแนน",
    ),
    "sub.process_unranked": (
        "The participants drafted {n} recommendations together; they are listed in the order they were agreed.",
        "ผู้เข้าร่วมร่วมกันร่างข้อเสนอแนะ {n} ข้อ โดยเรียงตามลำดับที่ตกลงกัน",
    ),
    "sub.recommendations": ("Recommendations", "ข้อเสนอแนะ"),
    "sub.none": ("No joint recommendations were captured.", "ไม่มีการบันทึกข้อเสนอแนะร่วม"),
    "sub.rank": ("Rank {rank}", "อันดับ {rank}"),
    "sub.rank_tied": ("Rank {rank} (tied)", "อันดับ {rank} (คะแนนเท่ากัน)"),
    "sub.score": ("score {score}", "คะแนน {score}"),
    "sub.not_ranked": ("Not ranked by the vote", "ไม่ได้จัดลำดับโดยการลงคะแนน"),
    "sub.signatories": ("Signatories", "ผู้ลงนาม"),
    "sub.no_signatories": (
        "No organisation has yet been recorded as endorsing this text.",
        "ยังไม่มีองค์กรใดได้รับการบันทึกว่ารับรองข้อความนี้",
    ),
    "sub.adopted": ("Adopted at the {venue} on {date}.", "รับรอง ณ {venue} เมื่อวันที่ {date}"),
    "sub.why": ("Why: {text}", "เหตุผล: {text}"),
    "sub.addressed_to": ("Addressed to: {to}", "ข้อเสนอถึง: {to}"),
    "sub.contact": ("Contact", "ติดต่อ"),
}

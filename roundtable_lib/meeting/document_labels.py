"""Labels of the meeting report (its headings, fixed sentences and column headers) and of a
joint recommendation's addressees and rationale, in English and Thai.

Part of :data:`roundtable_lib.meeting.labels.LABELS` (merged there, so ``t()`` finds them);
kept in a module of their own because a report has many. ``{name}`` marks what is filled in.
Pure: no imports.
"""

DOCUMENT_LABELS = {
    # whom a joint recommendation asks to act (meeting.rules.ADDRESSEES), and why
    "addressee.government": ("Royal Thai Government", "รัฐบาลไทย"),
    "addressee.asean": ("ASEAN", "อาเซียน"),
    "addressee.gfmd": ("GFMD and its civil society days", "GFMD และวันภาคประชาสังคม"),
    "addressee.un": ("UN agencies", "หน่วยงานสหประชาชาติ"),
    "addressee.donors": ("Donors", "ผู้ให้ทุน"),
    "addressee.employers": ("Employers and recruitment agencies", "นายจ้างและบริษัทจัดหางาน"),
    "addressee.csos": ("Civil society organisations", "องค์กรภาคประชาสังคม"),
    "field.addressees": ("Addressed to", "ข้อเสนอถึง"),
    "field.rationale": ("Why (rationale)", "เหตุผล (ภาษาอังกฤษ)"),
    "field.rationale_th": ("Why, in Thai", "เหตุผล (ภาษาไทย)"),
    # the report: cover and marks
    "report.title": ("Meeting report", "รายงานการประชุม"),
    "report.pending": ("(English translation pending)", "(อยู่ระหว่างการแปลเป็นภาษาไทย)"),
    "report.version": ("Version: the record as it stood on {when}.", "ฉบับ: บันทึก ณ วันที่ {when}"),
    "report.public": (
        "Distribution: public. Sensitive items and the names of participants who did not agree to be named "
        "are left out.",
        "การเผยแพร่: สาธารณะ ไม่รวมข้อมูลอ่อนไหวและชื่อของผู้เข้าร่วมที่ไม่ยินยอมให้เปิดเผยชื่อ",
    ),
    "report.internal": (
        "Distribution: internal, for the organisers only. Includes sensitive items and every participant's "
        "name; do not forward.",
        "การเผยแพร่: ภายในสำหรับผู้จัดเท่านั้น มีข้อมูลอ่อนไหวและชื่อผู้เข้าร่วมทุกคน ห้ามส่งต่อ",
    ),
    # executive summary
    "report.summary": ("Executive summary", "บทสรุปสำหรับผู้บริหาร"),
    "report.met": (
        "The roundtable met at the {place} on {date}{who}.",
        "การประชุมโต๊ะกลมจัดขึ้นที่{place} เมื่อวันที่ {date}{who}",
    ),
    "report.met_who": (" with {people} from {orgs}", " มีผู้เข้าร่วม {people} จาก {orgs}"),
    "report.chairs_summarised": (
        "The chairs summarised their sessions as follows (in their words):",
        "ประธานแต่ละช่วงสรุปการประชุมไว้ดังนี้ (ตามถ้อยคำของประธาน)",
    ),
    "report.top": (
        "The participants agreed {n}; the {k} voted highest:",
        "ผู้เข้าร่วมตกลงร่วมกัน {n} โดย {k} ที่ได้คะแนนสูงสุด ได้แก่",
    ),
    "report.top_tied": (
        "The participants agreed {n}; the {k} voted highest (the top {top}, with every one tied at rank {place}):",
        "ผู้เข้าร่วมตกลงร่วมกัน {n} โดย {k} ที่ได้คะแนนสูงสุด (อันดับ 1 ถึง {top} รวมทุกข้อที่ได้คะแนนเท่ากันในอันดับที่ {place}) ได้แก่",
    ),
    "report.not_ranked": (
        "The participants agreed {n}, not ranked by a vote.",
        "ผู้เข้าร่วมตกลงร่วมกัน {n} โดยไม่ได้จัดลำดับด้วยการลงคะแนน",
    ),
    "report.vote_hidden": ("Vote “{title}”: the results were not revealed.", "การลงคะแนน “{title}”: ยังไม่เปิดเผยผล"),
    "report.vote_first": (
        "Vote “{title}”: {labels} came first ({counted}).",
        "การลงคะแนน “{title}”: {labels} ได้อันดับหนึ่ง ({counted})",
    ),
    "report.score": ("score {score}", "คะแนน {score}"),
    "report.actions": ("{n} agreed.", "ตกลง {n}"),
    "report.actions_due": ("{n} agreed, the first due on {due}.", "ตกลง {n} รายการแรกกำหนดเสร็จวันที่ {due}"),
    # context and method
    "report.context": ("Context and method", "บริบทและวิธีการ"),
    "report.context_intro": (
        "The {title} met on {date} at the {venue}. Its objectives were:",
        "{title} จัดขึ้นเมื่อวันที่ {date} ณ {venue} โดยมีวัตถุประสงค์ดังนี้",
    ),
    "report.method": (
        "Each session was chaired by a partner organisation. The chairs recorded what was said, in English and Thai, "
        "as the meeting went: each organisation's progress, challenges and plans, questions and answers, synergies, "
        "lessons, recommendations and actions. Votes were taken and counted in the same record. This report is "
        "written from that record; the chairs' summaries are quoted as the chairs wrote them.",
        "แต่ละช่วงมีองค์กรภาคีเป็นประธาน ประธานบันทึกสิ่งที่ที่ประชุมกล่าวเป็นภาษาอังกฤษและภาษาไทยระหว่างการประชุม "
        "ได้แก่ ความคืบหน้า ความท้าทาย และแผนงานของแต่ละองค์กร การถามตอบ การเสริมพลังร่วมกัน บทเรียน ข้อเสนอแนะ "
        "และรายการปฏิบัติ การลงคะแนนทำและนับในบันทึกเดียวกัน รายงานนี้เขียนจากบันทึกดังกล่าว "
        "และอ้างอิงบทสรุปของประธานตามถ้อยคำที่ประธานเขียนไว้",
    ),
    "report.method_privacy": (
        "Participants are named only if they agreed to be; sensitive items are left out of this version.",
        "ระบุชื่อเฉพาะผู้เข้าร่วมที่ยินยอม และไม่รวมข้อมูลอ่อนไหวในฉบับนี้",
    ),
    "report.method_privacy_internal": (
        "This internal version names every participant and includes sensitive items.",
        "ฉบับภายในนี้ระบุชื่อผู้เข้าร่วมทุกคนและรวมข้อมูลอ่อนไหว",
    ),
    "report.method_times": ("{zone}", "{zone}"),
    "report.participants": ("Participants", "ผู้เข้าร่วม"),
    "report.registered": ("{n} registered.", "ลงทะเบียน {n}"),
    "report.all_named": ("Every participant is named (internal version).", "ระบุชื่อผู้เข้าร่วมทุกคน (ฉบับภายใน)"),
    "report.consented_named": (
        "Only participants who agreed to be named are listed; the others are counted by organisation.",
        "ระบุชื่อเฉพาะผู้เข้าร่วมที่ยินยอม ผู้อื่นนับจำนวนตามองค์กร",
    ),
    # findings by session
    "report.findings": ("Findings by session", "ผลการประชุมแต่ละช่วง"),
    "report.findings_intro": (
        "What each organisation and the meeting as a whole said in each session, as the chairs recorded it.",
        "สิ่งที่แต่ละองค์กรและที่ประชุมกล่าวในแต่ละช่วง ตามที่ประธานบันทึกไว้",
    ),
    "report.chair_summary": ("The chair ({chair}) summarised the session:", "ประธาน ({chair}) สรุปช่วงการประชุมไว้ว่า"),
    "report.nothing_captured": ("Nothing was captured in this session.", "ไม่มีการบันทึกในช่วงนี้"),
    "report.see_recommendations": (
        "The joint recommendations drafted here are in the section Joint recommendations.",
        "ข้อเสนอแนะร่วมที่ร่างในช่วงนี้อยู่ในหัวข้อข้อเสนอแนะร่วม",
    ),
    "report.see_training": (
        "The training agreed here is in the section Training work plan.",
        "การฝึกอบรมที่ตกลงในช่วงนี้อยู่ในหัวข้อแผนการฝึกอบรม",
    ),
    "report.no_answer": ("not answered in the session", "ไม่ได้ตอบในช่วงการประชุม"),
    "report.kinds.question": ("Questions and answers", "ถาม-ตอบ"),
    "report.kinds.keynote": ("Keynote: main points", "ประเด็นหลักจากการบรรยายพิเศษ"),
    "report.kinds.lesson": ("Lessons learned", "บทเรียน"),
    "report.kinds.synergy": ("Synergies", "การเสริมพลังร่วมกัน"),
    "report.kinds.expectation": ("Expectations", "ความคาดหวัง"),
    "report.kinds.avenue": ("Avenues for engagement", "ช่องทางการมีส่วนร่วม"),
    "report.kinds.note": ("Notes", "บันทึก"),
    # data sections
    "report.recommendations": ("Joint recommendations", "ข้อเสนอแนะร่วม"),
    "report.no_recommendations": ("No joint recommendations were captured.", "ไม่มีการบันทึกข้อเสนอแนะร่วม"),
    "report.order_voted": ("In the order voted in “{title}” ({voters}).", "เรียงตามผลการลงคะแนน “{title}” ({voters})"),
    "report.order_hidden": (
        "The vote on them was not revealed; they are listed in the order they were captured.",
        "ยังไม่เปิดเผยผลการลงคะแนน จึงเรียงตามลำดับที่บันทึก",
    ),
    "report.order_captured": (
        "No vote ranked them; they are listed in the order they were captured.",
        "ไม่มีการลงคะแนนจัดลำดับ จึงเรียงตามลำดับที่บันทึก",
    ),
    "report.synergies": ("Synergies and peer support", "การเสริมพลังร่วมกันและการสนับสนุนซึ่งกันและกัน"),
    "report.no_synergies": ("No synergies were captured.", "ไม่มีการบันทึกการเสริมพลังร่วมกัน"),
    "report.peer_support": ("Peer support: offers and asks by topic", "การสนับสนุนซึ่งกันและกัน: สิ่งที่ให้และสิ่งที่ต้องการตามหัวข้อ"),
    "report.matched": ("matched", "จับคู่แล้ว"),
    "report.open": ("open", "ยังไม่มีคู่"),
    "report.votes": ("Votes", "การลงคะแนน"),
    "report.no_votes": ("No votes were taken.", "ไม่มีการลงคะแนน"),
    "report.results_hidden": ("The results were not revealed.", "ยังไม่เปิดเผยผลการลงคะแนน"),
    "report.capacity": ("Capacity findings", "ผลการประเมินศักยภาพ"),
    "report.scores_scale": ("Scores run from 1 (weakest) to 5 (strongest).", "คะแนนตั้งแต่ 1 (อ่อนที่สุด) ถึง 5 (เข้มแข็งที่สุด)"),
    "report.needs": ("Capacity needs raised", "ความต้องการด้านศักยภาพที่เสนอ"),
    "report.no_needs": ("No capacity needs were captured.", "ไม่มีการบันทึกความต้องการด้านศักยภาพ"),
    "report.training": ("Training work plan", "แผนการฝึกอบรม"),
    "report.no_training": ("No training was planned.", "ไม่มีการวางแผนการฝึกอบรม"),
    "report.actions_head": ("Action items", "รายการปฏิบัติ"),
    "report.no_actions": ("No action items were agreed.", "ไม่มีการตกลงรายการปฏิบัติ"),
    "report.next_steps": (
        "Next steps: towards the regional conference and the GFMD",
        "ก้าวต่อไป: สู่การประชุมระดับภูมิภาคและ GFMD",
    ),
    "report.goes_to": ("The joint recommendations go to {to}.", "ข้อเสนอแนะร่วมจะนำเสนอต่อ{to}"),
    "report.avenues": (
        "Participants identified these avenues for engagement:",
        "ผู้เข้าร่วมระบุช่องทางการมีส่วนร่วมดังนี้",
    ),
    "report.next_actions": ("Agreed actions, by due date:", "รายการปฏิบัติที่ตกลง เรียงตามกำหนดเสร็จ"),
    "report.no_next_steps": ("No next steps were recorded.", "ไม่มีการบันทึกก้าวต่อไป"),
    "report.acronyms": ("Acronyms", "อักษรย่อ"),
    "report.agenda": ("Agenda", "กำหนดการ"),
    "report.annex": ("Annex: everything captured", "ภาคผนวก: บันทึกทั้งหมด"),
    "report.annex_intro": (
        "Items without an organisation were said by the meeting as a whole.",
        "รายการที่ไม่ระบุองค์กรเป็นความเห็นของที่ประชุมโดยรวม",
    ),
    "report.annex_intro_public": (
        "Items without an organisation were said by the meeting as a whole. Sensitive items are not included.",
        "รายการที่ไม่ระบุองค์กรเป็นความเห็นของที่ประชุมโดยรวม ไม่รวมข้อมูลอ่อนไหว",
    ),
    # votes: how each poll was voted and who voted, a tie, in each language (outputs.document)
    "vote.dots": (
        "dot voting ({dots} each, at most {limit} on one option)",
        "ลงคะแนนแบบจุด (คนละ {dots} ตัวเลือกละไม่เกิน {limit} จุด)",
    ),
    "vote.single": ("single choice", "เลือกหนึ่งตัวเลือก"),
    "vote.scale": ("scale from 1 to 5 (mean score)", "มาตรวัด 1 ถึง 5 (คะแนนเฉลี่ย)"),
    "vote.per_person": ("one vote per person", "หนึ่งคนหนึ่งเสียง"),
    "vote.per_organisation": ("one vote per organisation", "หนึ่งองค์กรหนึ่งเสียง"),
    "vote.method": ("{how}; {weight}", "{how} {weight}"),
    "vote.hands": ("a show of hands, voters not counted", "ยกมือ ไม่ได้นับจำนวนผู้ลงคะแนน"),
    "vote.numbered": (
        "{n} numbered anonymous ballot|{n} numbered anonymous ballots",
        "บัตรลงคะแนนแบบไม่ระบุชื่อที่มีหมายเลข {n} ใบ",
    ),
    "vote.one_per_org": ("one ballot from each of {orgs}", "องค์กรละหนึ่งบัตร จาก {orgs}"),
    "vote.ballots_from": ("{ballots} from {orgs}", "บัตรลงคะแนน {n} ใบ จาก {orgs}"),
    "vote.apart": (
        "{ballots} from organisations that do not vote in it counted apart",
        "แยกนับบัตร {n} ใบ จากองค์กรที่ไม่มีสิทธิ์ลงคะแนนในครั้งนี้",
    ),
    "report.method_line": ("Method: {method}. {voters}. {status}", "วิธีลงคะแนน: {method} {voters} {status}"),
    "report.method_hidden": (
        "Method: {method}. The results were not revealed.",
        "วิธีลงคะแนน: {method} ยังไม่เปิดเผยผลการลงคะแนน",
    ),
    "report.tie": ("Tie at rank {rank}: {labels}.", "คะแนนเท่ากันที่อันดับ {rank}: {labels}"),
    "report.no_rationale": ("No rationale was recorded.", "ไม่ได้บันทึกเหตุผล"),
    # capacity: the assessment's lines and the charts' captions
    "report.illustrative": (
        "ILLUSTRATIVE SAMPLE: these capacity scores are the sample shipped with the workbook, not this meeting's "
        "findings. Do not quote them.",
        "ข้อมูลตัวอย่างเพื่อการสาธิต: คะแนนศักยภาพเหล่านี้เป็นตัวอย่างที่มากับชุดเครื่องมือ ไม่ใช่ผลการประเมินของการประชุมนี้ ห้ามนำไปอ้างอิง",
    ),
    "capacity.none_stored": (
        "No capacity assessment was stored in the database, so none is shown: a chair loads the "
        "findings file in notebook 04 (or `roundtable init --sample` stores the illustrative sample).",
        "ยังไม่มีผลการประเมินศักยภาพในฐานข้อมูล จึงไม่แสดงผล ประธานนำเข้าไฟล์ผลการประเมินได้ในสมุดบันทึก 04 "
        "(หรือใช้คำสั่ง `roundtable init --sample` เพื่อบันทึกข้อมูลตัวอย่าง)",
    ),
    "capacity.stored_line": (
        "Capacity assessment: {what}, stored in the workbook on {when} by {who}.",
        "การประเมินศักยภาพ: {what} บันทึกในระบบเมื่อ {when} โดย{who}",
    ),
    "report.weakest": ("Weakest scores: {scores}.", "คะแนนต่ำที่สุด: {scores}"),
    "report.chart_contributions": ("Contributions by organisation", "ข้อมูลที่แต่ละองค์กรนำเสนอ"),
    "report.chart_assessment": ("Capacity assessment scores", "คะแนนการประเมินศักยภาพ"),
    "report.chart_assessment_sample": (
        "Capacity assessment scores (illustrative sample)",
        "คะแนนการประเมินศักยภาพ (ข้อมูลตัวอย่าง)",
    ),
    "report.chart_needs": ("Capacity needs raised, by organisation and area", "ความต้องการด้านศักยภาพ แยกตามองค์กรและด้าน"),
    "report.chart_needs_scale": ("Needs", "จำนวน"),
    "report.chart_left_out": ("Chart left out: {title} ({reason}).", "(ไม่ได้ใส่แผนภูมินี้)"),
    "report.chart_elsewhere": ("Chart: {title} (see the HTML or Word report).", "(แผนภูมินี้อยู่ในรายงานฉบับ HTML และ Word)"),
    # the report's column headers
    "report.col_rank": ("Rank", "อันดับ"),
    "report.col_recommendation": ("Recommendation", "ข้อเสนอแนะ"),
    "report.col_rationale": ("Why", "เหตุผล"),
    "report.col_addressees": ("Addressed to", "ข้อเสนอถึง"),
    "report.col_score": ("Score", "คะแนน"),
    "report.col_acronym": ("Acronym", "อักษรย่อ"),
    "report.col_full_name": ("In full", "ชื่อเต็ม"),
    "report.col_thai": ("Thai", "ภาษาไทย"),
    "report.col_english": ("English", "ภาษาอังกฤษ"),
    "report.col_time": ("Time", "เวลา"),
    "report.col_session": ("Session", "ช่วง"),
    "report.col_chair": ("Chair", "ประธาน"),
    "report.col_name": ("Name", "ชื่อ"),
    "report.col_org": ("Organisation", "องค์กร"),
    "report.col_orgs": ("Organisations", "องค์กร"),
    "report.col_role": ("Role", "ตำแหน่ง"),
    "report.col_named": ("Named", "ระบุชื่อ"),
    "report.col_not_named": ("Not named", "ไม่ระบุชื่อ"),
    "report.col_kind": ("Kind", "ประเภท"),
    "report.col_synergy": ("Synergy", "การเสริมพลัง"),
    "report.col_topic": ("Topic", "หัวข้อ"),
    "report.col_offered": ("Offered", "สิ่งที่ให้"),
    "report.col_asked": ("Asked", "สิ่งที่ต้องการ"),
    "report.col_match": ("Match", "การจับคู่"),
    "report.col_option": ("Option", "ตัวเลือก"),
    "report.col_hands": ("Hands", "เสียง"),
    "report.col_ballots": ("Ballots", "บัตร"),
    "report.col_tie": ("Tie", "เสมอ"),
    "report.col_area": ("Capacity area", "ด้านศักยภาพ"),
    "report.col_need": ("Need", "ความต้องการ"),
    "report.col_training": ("Training", "การฝึกอบรม"),
    "report.col_format": ("Format", "รูปแบบ"),
    "report.col_provider": ("Provider", "ผู้จัด"),
    "report.col_timing": ("Timing", "ช่วงเวลา"),
    "report.col_status": ("Status", "สถานะ"),
    "report.col_for_orgs": ("For organisations", "สำหรับองค์กร"),
    "report.col_action": ("Action", "การปฏิบัติ"),
    "report.col_owner_org": ("Owner organisation", "องค์กรผู้รับผิดชอบ"),
    "report.col_owner": ("Owner", "ผู้รับผิดชอบ"),
    "report.col_due": ("Due", "กำหนดเสร็จ"),
    # spreadsheet columns (outputs.spreadsheets): field names as people read them
    "col.id": ("Reference id", "รหัสอ้างอิง"),
    "col.poll_id": ("Poll reference id", "รหัสอ้างอิงการลงคะแนน"),
    "col.item_id": ("Item reference id", "รหัสอ้างอิงรายการ"),
    "col.session": ("Session", "ช่วงการประชุม"),
    "col.organisation": ("Organisation", "องค์กร"),
    "col.organisations": ("Organisations linked", "องค์กรที่เกี่ยวข้อง"),
    "col.english": ("English", "ภาษาอังกฤษ"),
    "col.thai": ("Thai", "ภาษาไทย"),
    "col.captured_at": ("Captured at", "เวลาที่บันทึก"),
    "col.captured_by": ("Captured by", "ผู้บันทึก"),
    "col.sensitive": ("Sensitive", "ข้อมูลอ่อนไหว"),
    "col.named": ("Named", "ระบุชื่อ"),
    "col.not_named": ("Not named", "ไม่ระบุชื่อ"),
    "col.voters": ("Voters", "ผู้ลงคะแนน"),
    "col.rank": ("Rank", "ลำดับ"),
    "col.option_en": ("Option (English)", "ตัวเลือก (ภาษาอังกฤษ)"),
    "col.option_th": ("Option (Thai)", "ตัวเลือก (ภาษาไทย)"),
    "col.score": ("Score", "คะแนน"),
    "col.ballots": ("Ballots", "จำนวนบัตร"),
    "col.tied": ("Tied", "คะแนนเท่ากัน"),
    "col.training": ("Training", "การฝึกอบรม"),
    "col.for_organisations": ("For organisations", "สำหรับองค์กร"),
    "col.capacity_area": ("Capacity area", "ด้านศักยภาพ"),
    "col.need": ("Need", "ความต้องการ"),
    "col.from": ("From", "ที่มา"),
    "col.rationale": ("Rationale", "เหตุผล"),
    "col.rationale_th": ("Rationale (Thai)", "เหตุผล (ภาษาไทย)"),
    "col.addressees": ("Addressed to", "ผู้รับข้อเสนอ"),
}

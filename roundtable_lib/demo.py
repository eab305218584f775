"""Sample content for every session, so that a newcomer sees every screen populated.

The database is marked as a demo (state ``demo``): every dashboard and export says so.
``fill_demo`` refuses a database that already holds real captures, so a demo never mixes
with a real meeting.
"""

from .exceptions import StoreError

ACTOR = "demo"

# (session, kind, org, orgs, English, Thai, attrs)
ITEMS = [
    (
        "welcome",
        "expectation",
        None,
        [],
        "Learn how other partners reach migrant domestic workers who live with their employers.",
        "เรียนรู้วิธีที่องค์กรอื่นเข้าถึงแรงงานทำงานบ้านที่พักอาศัยกับนายจ้าง",
        {},
    ),
    (
        "welcome",
        "expectation",
        None,
        [],
        "Agree on a few joint messages for the regional meeting.",
        "ตกลงสารร่วมบางประการสำหรับการประชุมระดับภูมิภาค",
        {},
    ),
    ("welcome", "expectation", None, [], "Find a partner for legal aid referrals in the south.", "", {}),
    (
        "s1",
        "note",
        None,
        [],
        "The project runs 45 months in 15 countries; Thailand is part of the Asia cluster with Indonesia and Nepal.",
        "โครงการมีระยะเวลา 45 เดือนใน 15 ประเทศ ประเทศไทยอยู่ในกลุ่มเอเชียร่วมกับอินโดนีเซียและเนปาล",
        {},
    ),
    (
        "s1",
        "lesson",
        None,
        [],
        "Capacity assessments in March helped each CSO write a realistic annual work plan.",
        "การประเมินศักยภาพเมื่อเดือนมีนาคมช่วยให้แต่ละองค์กรจัดทำแผนงานประจำปีที่เป็นไปได้จริง",
        {},
    ),
    (
        "s1",
        "question",
        None,
        [],
        "How will results be shared between the three Asian countries?",
        "",
        {"asked_by": "FED", "answer": "Through the regional meeting in the autumn and a shared online folder."},
    ),
    (
        "s2",
        "progress",
        "map",
        [],
        "Weekly radio programme in Shan and Burmese on labour rights now reaches an estimated 30,000 listeners.",
        "รายการวิทยุรายสัปดาห์ภาษาไทใหญ่และพม่าเรื่องสิทธิแรงงานเข้าถึงผู้ฟังประมาณ 30,000 คน",
        {},
    ),
    (
        "s2",
        "challenge",
        "map",
        [],
        "Domestic workers rarely get a day off to attend trainings.",
        "แรงงานทำงานบ้านแทบไม่ได้รับวันหยุดเพื่อเข้าร่วมการอบรม",
        {},
    ),
    ("s2", "plan", "map", [], "Pilot evening sessions in three Chiang Mai districts by December.", "", {}),
    (
        "s2",
        "progress",
        "lsdf",
        [],
        "Community watch groups set up in 12 villages to prevent trafficking of young people.",
        "จัดตั้งกลุ่มเฝ้าระวังชุมชนใน 12 หมู่บ้านเพื่อป้องกันการค้ามนุษย์เยาวชน",
        {},
    ),
    ("s2", "challenge", "lsdf", [], "Referral to shelters is slow when victims lack documents.", "", {}),
    (
        "s2",
        "plan",
        "lsdf",
        [],
        "Train village volunteers on identifying victims and on safe referral.",
        "อบรมอาสาสมัครหมู่บ้านเรื่องการคัดแยกผู้เสียหายและการส่งต่ออย่างปลอดภัย",
        {},
    ),
    (
        "s2",
        "progress",
        "flep",
        [],
        "Legal clinic in Bangkok handled 85 wage and document cases since March.",
        "คลินิกกฎหมายในกรุงเทพฯ ให้ความช่วยเหลือคดีค่าจ้างและเอกสาร 85 คดีตั้งแต่เดือนมีนาคม",
        {},
    ),
    ("s2", "challenge", "flep", [], "Employers move workers between provinces, so cases are lost.", "", {}),
    ("s2", "plan", "flep", [], "Publish a pocket guide on the new domestic work regulation in four languages.", "", {}),
    (
        "s2",
        "progress",
        "fed",
        [],
        "Migrant learning centres in Phang Nga now run Thai language classes for 240 children.",
        "ศูนย์การเรียนรู้แรงงานข้ามชาติในพังงาจัดสอนภาษาไทยให้เด็ก 240 คน",
        {},
    ),
    (
        "s2",
        "challenge",
        "fed",
        [],
        "Fishing workers are at sea for months and hard to reach.",
        "แรงงานประมงออกทะเลเป็นเวลาหลายเดือนทำให้เข้าถึงได้ยาก",
        {},
    ),
    ("s2", "plan", "fed", [], "Port outreach with the provincial labour office twice a month.", "", {}),
    (
        "s2",
        "synergy",
        None,
        ["map", "flep"],
        "MAP's radio can announce FLEP's legal clinic hours.",
        "รายการวิทยุของแมพช่วยประชาสัมพันธ์เวลาทำการคลินิกกฎหมายของ มสรจ.",
        {},
    ),
    (
        "s2",
        "synergy",
        None,
        ["lsdf", "fed", "trc"],
        "Shared referral pathway for trafficking victims with the Thai Red Cross.",
        "",
        {},
    ),
    (
        "s2",
        "offer",
        "flep",
        [],
        "We can offer legal advice by phone to other partners' caseworkers.",
        "",
        {"topic": "legal aid"},
    ),
    ("s2", "ask", "fed", [], "We need legal support for fishing workers' wage claims.", "", {"topic": "legal aid"}),
    ("s2", "offer", "map", [], "We can offer radio airtime for partners' messages.", "", {"topic": "outreach media"}),
    ("s2", "ask", "lsdf", [], "We need help producing outreach material in Burmese.", "", {"topic": "outreach media"}),
    (
        "s2",
        "question",
        None,
        [],
        "How does FLEP keep in touch with workers who move?",
        "",
        {"asked_by": "LSDF", "answer": "Through LINE groups and partner CSOs in the destination provinces."},
    ),
    (
        "s3",
        "keynote",
        None,
        [],
        "Regional networks can carry national evidence to the GFMD civil society days.",
        "เครือข่ายระดับภูมิภาคสามารถนำหลักฐานระดับชาติไปสู่วันภาคประชาสังคมของ GFMD",
        {},
    ),
    ("s3", "avenue", None, [], "Submit a joint input to the GFMD civil society consultation before October.", "", {}),
    ("s3", "avenue", None, [], "Join the regional conference working group on domestic work.", "", {}),
    (
        "s3",
        "recommendation",
        None,
        [],
        "Recognise domestic work as work: a weekly day off and written contracts for all migrant domestic workers.",
        "ยอมรับงานบ้านเป็นงาน: วันหยุดประจำสัปดาห์และสัญญาจ้างเป็นลายลักษณ์อักษรสำหรับแรงงานทำงานบ้านข้ามชาติทุกคน",
        {},
    ),
    (
        "s3",
        "recommendation",
        None,
        [],
        "Set up a cross-border referral mechanism for victims of trafficking.",
        "จัดตั้งกลไกการส่งต่อข้ามพรมแดนสำหรับผู้เสียหายจากการค้ามนุษย์",
        {},
    ),
    (
        "s3",
        "recommendation",
        None,
        [],
        "Guarantee access to complaint mechanisms regardless of documentation status.",
        "",
        {},
    ),
    ("s3", "recommendation", None, [], "Fund migrant-led organisations directly in the next project phase.", "", {}),
    (
        "s4",
        "need",
        "map",
        [],
        "Monitoring and evaluation of outreach results.",
        "",
        {"area": "Monitoring & evaluation"},
    ),
    ("s4", "need", "lsdf", [], "Case management for trafficking survivors.", "", {"area": "Case management"}),
    ("s4", "need", "flep", [], "Fundraising beyond the current project.", "", {"area": "Resource mobilisation"}),
    ("s4", "need", "fed", [], "Psychosocial support skills for teachers.", "", {"area": "Psychosocial support"}),
    (
        "s4",
        "training",
        None,
        ["map", "fed"],
        "Monitoring and evaluation basics",
        "พื้นฐานการติดตามและประเมินผล",
        {"format": "workshop", "provider": "IFRC", "timing": "September 2016", "status": "agreed"},
    ),
    (
        "s4",
        "training",
        None,
        ["lsdf", "fed"],
        "Psychosocial first aid",
        "การปฐมพยาบาลทางจิตใจ",
        {"format": "workshop", "provider": "Thai Red Cross", "timing": "October 2016", "status": "proposed"},
    ),
    (
        "s4",
        "training",
        None,
        ["flep", "map", "lsdf", "fed"],
        "Proposal writing and donor reporting",
        "",
        {"format": "mentoring", "provider": "EU Delegation", "timing": "Q4 2016", "status": "proposed"},
    ),
    (
        "conclusions",
        "action",
        "ifrc",
        [],
        "Circulate the joint recommendations to all partners for comment.",
        "",
        {"owner_person": "Project coordinator", "due": "2016-07-29", "status": "open"},
    ),
    (
        "conclusions",
        "action",
        "flep",
        [],
        "Share the pocket guide draft with partners.",
        "",
        {"owner_person": "Legal officer", "due": "2016-08-15", "status": "open"},
    ),
    (
        "conclusions",
        "action",
        "trc",
        [],
        "Map Red Cross branches able to receive referrals.",
        "",
        {"owner_person": "", "due": "2016-09-01", "status": "open"},
    ),
    ("conclusions", "feedback", None, [], "Very useful to meet the other partners face to face.", "", {"rating": 5}),
    ("conclusions", "feedback", None, [], "More time for the breakout groups next time.", "", {"rating": 4}),
    # More of every session, so that each dashboard and export has something realistic to show.
    (
        "welcome",
        "note",
        None,
        [],
        "The EU delegation stressed migrant domestic workers' access to justice.",
        "คณะผู้แทนสหภาพยุโรปเน้นย้ำการเข้าถึงความยุติธรรมของแรงงานทำงานบ้านข้ามชาติ",
        {},
    ),
    (
        "welcome",
        "expectation",
        None,
        [],
        "Understand how the Red Cross can support CSOs' referrals.",
        "เข้าใจว่าสภากาชาดสนับสนุนการส่งต่อขององค์กรภาคประชาสังคมได้อย่างไร",
        {},
    ),
    ("s1", "note", None, [], "Partners signed contracts in early 2016 and started work in March.", "", {}),
    (
        "s1",
        "lesson",
        None,
        [],
        "Working in migrants' own languages builds trust faster than any leaflet.",
        "การทำงานด้วยภาษาของแรงงานข้ามชาติเองสร้างความไว้วางใจได้เร็วกว่าแผ่นพับใด ๆ",
        {},
    ),
    (
        "s2",
        "question",
        None,
        [],
        "Can the radio programme cover fishing workers in the south?",
        "",
        {"asked_by": "FED", "answer": "Yes, if FED shares stories and a contact number for Phang Nga."},
    ),
    (
        "s2",
        "offer",
        "lsdf",
        [],
        "We can offer training for village volunteers on safe referral.",
        "",
        {"topic": "Shelter referral"},
    ),
    (
        "s2",
        "ask",
        "flep",
        [],
        "We need a referral contact for victims found in Bangkok factories.",
        "",
        {"topic": " shelter  referral "},
    ),
    ("s2", "lesson", "map", [], "Evening sessions reach domestic workers that daytime trainings miss.", "", {}),
    (
        "s3",
        "keynote",
        None,
        [],
        "The GFMD civil society days in Dhaka will discuss labour migration governance.",
        "วันภาคประชาสังคมของ GFMD ที่ธากาจะหารือเรื่องธรรมาภิบาลการย้ายถิ่นเพื่อการทำงาน",
        {},
    ),
    (
        "s3",
        "avenue",
        None,
        [],
        "Present Thai partners' evidence at the regional conference in the autumn.",
        "นำเสนอหลักฐานขององค์กรภาคีไทยในการประชุมระดับภูมิภาคช่วงฤดูใบไม้ร่วง",
        {},
    ),
    (
        "s3",
        "question",
        None,
        [],
        "How can small CSOs take part in the GFMD consultation without travelling?",
        "",
        {"asked_by": "LSDF", "answer": "Through the regional network's online consultation and written inputs."},
    ),
    ("s4", "need", "map", [], "Financial reporting to donors.", "", {"area": "Financial management"}),
    (
        "s4",
        "need",
        "fed",
        [],
        "A simple monitoring system for learning centres.",
        "",
        {"area": "Monitoring and evaluation"},
    ),
    ("s4", "need", "flep", [], "Finding funding after the project ends.", "", {"area": "Resource mobilisation"}),
    (
        "s4",
        "training",
        None,
        ["fed", "lsdf"],
        "Exchange visit to a shelter run with the Thai Red Cross",
        "",
        {"format": "exchange_visit", "provider": "Thai Red Cross", "timing": "November 2016", "status": "scheduled"},
    ),
    ("s4", "lesson", None, [], "Scores alone hide context: each CSO explained its own scores first.", "", {}),
    (
        "conclusions",
        "action",
        "map",
        [],
        "Send radio airtime slots for partners' messages.",
        "",
        {"owner_person": "Radio producer", "due": "2016-08-01", "status": "in_progress"},
    ),
    (
        "conclusions",
        "action",
        "ifrc",
        [],
        "Organise the monitoring and evaluation workshop.",
        "",
        {"owner_person": "Migration delegate", "due": "2016-09-15", "status": "open"},
    ),
    ("conclusions", "note", None, [], "IFRC thanked the partners and the interpreters.", "", {}),
    ("conclusions", "feedback", None, [], "The interpretation made it possible to speak in Thai.", "", {"rating": 5}),
]

SENSITIVE = [
    (
        "s2",
        "challenge",
        "fed",
        [],
        "A survivor from the Ranong case is still waiting for a visa (names withheld).",
        "",
        {},
    ),
]

SUMMARIES = {
    "welcome": "Opening by the EU delegation and IFRC; objectives and agenda presented.",
    "s1": "The project's premise recalled; capacity assessments guided the work plans.",
    "s2": "Four updates presented; two synergies and three matched offers and asks identified.",
    "s3": "Keynote from the regional network; four joint recommendations drafted and prioritised.",
    "s4": "Capacity needs reviewed in breakouts; a three-part training plan agreed.",
    "conclusions": "Five action items agreed with owners and dates; feedback on the day was positive.",
}

# (session, name as typed by the chair, org, spoken)
SPEAKERS = [
    ("s2", "Malee P. (sample)", "lsdf", True),
    ("s2", "Wipa T. (sample)", "flep", True),
    ("s2", "Min Zaw (sample)", "fed", False),
    ("s2", "Dr. Prasert (sample)", "trc", False),
    ("s3", "R. Santos (sample)", "mfa", True),
    ("s3", "Suda N. (sample)", "fed", False),
]

PARTICIPANTS = [
    ("Naw Paw (sample)", "map", "Programme coordinator", "en", True),
    ("Sai Lek (sample)", "map", "Radio producer", "th", True),
    ("Kanya S. (sample)", "map", "Outreach worker", "th", False),
    ("Malee P. (sample)", "lsdf", "Director", "th", True),
    ("Somchai K. (sample)", "lsdf", "Field officer", "th", True),
    ("Aye Aye (sample)", "lsdf", "Case worker", "en", False),
    ("Wipa T. (sample)", "flep", "Lawyer", "th", True),
    ("Anan R. (sample)", "flep", "Legal officer", "th", True),
    ("Htet Lin (sample)", "flep", "Paralegal", "en", False),
    ("Suda N. (sample)", "fed", "Education officer", "th", True),
    ("Min Zaw (sample)", "fed", "Teacher", "en", True),
    ("Pim C. (sample)", "fed", "Project assistant", "th", False),
    ("R. Santos (sample)", "mfa", "Regional coordinator", "en", True),
    ("Dr. Prasert (sample)", "trc", "Head of social welfare", "th", True),
    ("A. Lindqvist (sample)", "ifrc", "Migration delegate", "en", True),
    ("K. Wong (sample)", "ifrc", "Project coordinator", "en", True),
    ("M. Rossi (sample)", "eu", "Programme manager", "en", True),
]


def fill_demo(store, if_empty=False):
    """Fill ``store`` (already initialised with a meeting) with sample content.

    Returns True if it wrote anything. A database already marked as a demo is left alone; one
    with real captures is refused.
    """
    if store.get_state("demo"):
        return False
    if store.items(include_deleted=True) or store.participants():
        if if_empty:
            return False
        raise StoreError(
            f"{store.label} already holds captured data; the demo only fills an empty database "
            "(use another --db file, e.g. data/demo.db)."
        )
    meeting = store.meeting
    known = set(meeting.org_ids)
    sessions = {a.id for a in meeting.agenda}

    def fits(row):
        session, _kind, org, orgs, *_ = row
        return session in sessions and (org is None or org in known) and set(orgs) <= known

    with store.atomic():
        store.set_state("demo", True, actor=ACTOR)
        ids = {}
        for row in ITEMS:
            if not fits(row):
                continue  # a meeting definition without this session or organisation
            session, kind, org, orgs, en, th, attrs = row
            item = store.add_item(session, kind, en, th, org=org, orgs=orgs, attrs=attrs, actor=ACTOR)
            ids.setdefault((session, kind), []).append(item["id"])
        for session, kind, org, orgs, en, th, attrs in (r for r in SENSITIVE if fits(r)):
            store.add_item(session, kind, en, th, org=org, orgs=orgs, attrs=attrs, sensitive=True, actor=ACTOR)
        for session, text in SUMMARIES.items():
            if session in sessions:
                store.add_item(session, "summary", text, actor=ACTOR)
        people = []
        for name, org, role, lang, consent in PARTICIPANTS:
            if org in known:
                person, _warnings = store.add_participant(name, org, role, lang, consent, actor=ACTOR)
                people.append(person)
        recs = ids.get(("s3", "recommendation"), [])
        if len(recs) >= 2 and people:
            poll = store.create_poll(
                "s3",
                "Priority of the joint recommendations",
                "ลำดับความสำคัญของข้อเสนอแนะร่วม",
                method="dots",
                options=recs,
                budget=3,
                per_option_limit=2,
                actor=ACTOR,
            )
            options = [o["id"] for o in poll["options"]]
            for n, person in enumerate(people):
                first, second = options[n % 2], options[(n + 1) % len(options)]
                store.cast_ballot(poll["id"], person["id"], {first: 2, second: 1}, actor=ACTOR)
            store.close_poll(poll["id"], actor=ACTOR)
            store.reveal_poll(poll["id"], actor=ACTOR)
        avenues = ids.get(("s3", "avenue"), [])
        if len(avenues) >= 2:
            poll = store.create_poll(
                "s3",
                "Which avenue first? (show of hands)",
                "ช่องทางใดก่อน (ยกมือ)",
                method="single",
                options=avenues,
                actor=ACTOR,
            )
            hands = [9, 5, 7, 2]
            store.record_tally(poll["id"], {o["id"]: hands[n % 4] for n, o in enumerate(poll["options"])}, actor=ACTOR)
            store.close_poll(poll["id"], actor=ACTOR)
            store.reveal_poll(poll["id"], actor=ACTOR)
        needs = ids.get(("s4", "need"), [])
        if len(needs) >= 2 and people:
            poll = store.create_poll(
                "s4",
                "Priority capacity needs",
                "ความต้องการด้านศักยภาพที่สำคัญ",
                method="single",
                options=needs,
                weighting="organisation",
                actor=ACTOR,
            )
            options = [o["id"] for o in poll["options"]]
            for n, person in enumerate(people[:10]):
                store.cast_ballot(poll["id"], person["id"], {options[n % 3 % len(options)]: 1}, actor=ACTOR)
        if people and "conclusions" in sessions:
            from .polls import FEEDBACK_OPTIONS

            poll = store.create_poll(
                "conclusions",
                "How was the day?",
                "การประชุมวันนี้เป็นอย่างไร",
                method="scale",
                options=[{"label_en": en, "label_th": th} for en, th in FEEDBACK_OPTIONS],
                actor=ACTOR,
            )
            usual = [5, 3, 4, 4]  # the last two tie, as real results sometimes do
            for n, person in enumerate(people[:12]):
                store.cast_ballot(
                    poll["id"],
                    person["id"],
                    {o["id"]: min(5, usual[k % 4] + n % 3 - 1) for k, o in enumerate(poll["options"])},
                    actor=ACTOR,
                )
            store.reveal_poll(poll["id"], actor=ACTOR)
        if people:
            # A late arrival: registered, not yet in the room.
            store.update_participant(people[-1]["id"], attended=False, actor=ACTOR)
        _demo_facilitation(store, sessions, known)
        store.set_current_session("s2", actor=ACTOR)
    return True


def _demo_facilitation(store, sessions, known):
    """A paused presentation timer and speaker queues, as a chair leaves them mid-session."""
    import datetime as dt

    from . import facilitation

    if "s2" in sessions and "flep" in known:
        started = dt.datetime(2016, 7, 12, 10, 40, tzinfo=dt.UTC)
        facilitation.start_timer(store, "s2", "flep", 30, now=started, actor=ACTOR)
        facilitation.pause_timer(store, now=started + dt.timedelta(minutes=26), actor=ACTOR)
    for n, (session, name, org, spoken) in enumerate(SPEAKERS):
        if session in sessions and org in known:
            at = dt.datetime(2016, 7, 12, 10, n, tzinfo=dt.UTC)
            entry = facilitation.request_floor(store, session, name, org, actor=ACTOR, now=at)
            if spoken:
                facilitation.mark_spoken(store, session, entry["id"], actor=ACTOR, now=at + dt.timedelta(minutes=3))

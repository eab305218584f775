"""The joint recommendations as submitted: the signatories are exactly the organisations recorded
as endorsing (read back from the exported PDF and Word file), the whole text is in English and
Thai, who voted is said, and scores are off unless asked for."""

import subprocess

import pytest

from roundtable_lib.outputs.export import collect, export_all
from roundtable_lib.outputs.joint_recommendations import recommendation_blocks
from tests.helpers.exports import docx_text

ENDORSING = ["MAP Foundation", "Life Skills Development Foundation", "Foundation for Labour and Employment Promotion"]
OTHERS = ["Foundation for Education and Development", "Migrant Forum in Asia", "Thai Red Cross Society"]
NEVER = ["International Federation of Red Cross", "Delegation of the European Union"]


@pytest.fixture
def decided(demo_store):
    """The demo with FED's endorsement withdrawn: MAP, LSDF and FLEP endorse, FED abstains."""
    demo_store.record_endorsement("fed", "abstains", by="Board of FED", note="Board meets in August")
    return demo_store


def _signatories(text):
    """The text between the signatories heading and the adoption line."""
    return text.split("Signatories")[1].split("Adopted at")[0]


def test_signatories_are_those_recorded_and_the_text_is_bilingual(decided):
    blocks = recommendation_blocks(collect(decided.path))
    bullets = next(b[1] for b in blocks if b[0] == "bullets")
    assert [b.split(" (")[0] for b in bullets] == ENDORSING
    text = "\n".join(str(part) for b in blocks for part in b[1:])
    assert blocks[0] == ("h", 0, "Joint recommendations") and "We, the undersigned organisations" in text
    assert "พวกเรา องค์กรผู้ลงนามท้ายนี้" in text and "ผู้ลงนาม" in text and "อันดับ 1" in text
    assert "Adopted at the Column Hotel, Bangkok, Thailand on 12 July 2016." in text
    assert "14 ballots from 6 organisations: MAP, LSDF, FLEP, FED" in text  # not the donor, not the IFRC
    assert "score" not in text.split("Recommendations ·")[1]  # scores off by default
    scored = recommendation_blocks(collect(decided.path), scores=True)
    assert any(b[0] == "p" and "Rank 1, score" in b[1] for b in scored)


def test_an_unconfirmed_organisation_signs_only_once_it_endorsed(decided):
    assert "Migrant Forum in Asia" not in str(recommendation_blocks(collect(decided.path)))
    decided.record_endorsement("mfa", "endorses", by="Regional coordinator, by e-mail")
    bullets = next(b[1] for b in recommendation_blocks(collect(decided.path)) if b[0] == "bullets")
    assert any(b.startswith("Migrant Forum in Asia") for b in bullets)


def test_without_endorsements_nobody_is_listed(fresh_store):
    fresh_store.add_participant("P", "map")
    fresh_store.add_item("s3", "recommendation", text_en="R")
    text = str(recommendation_blocks(collect(fresh_store.path)))
    assert "No organisation has yet been recorded as endorsing this text." in text
    assert "MAP Foundation" not in text


def test_each_recommendation_says_why_and_to_whom_and_the_funder_is_credited(decided):
    blocks = recommendation_blocks(collect(decided.path))
    paras = [b[1] for b in blocks if b[0] == "p"]
    assert (
        "Why: Victims returned across the border lose contact with the services that identified them "
        "(LSDF, Thai Red Cross)." in paras
    )
    assert "เหตุผล: ผู้เสียหายที่ถูกส่งกลับข้ามพรมแดนขาดการติดต่อกับหน่วยบริการที่คัดแยกพวกเขา" in paras
    assert "Addressed to: Royal Thai Government, ASEAN, GFMD and its civil society days" in paras
    assert "ข้อเสนอถึง: รัฐบาลไทย, อาเซียน, GFMD และวันภาคประชาสังคม" in paras
    # A rationale typed in English only: its Thai line says the translation is pending, not nothing.
    assert "เหตุผล: (อยู่ระหว่างการแปลเป็นภาษาไทย)" in paras
    assert "12 กรกฎาคม 2559 · โรงแรมคอลัมน์ กรุงเทพมหานคร ประเทศไทย" in paras  # the date in Thai too
    assert any("sole responsibility" in p for p in paras) and any("สหภาพยุโรป" in p for p in paras[-1:])
    assert (
        "taking part in the Rights of Migrants in Action"
        in paras[paras.index(next(p for p in paras if p.startswith("We,")))]
    )
    # Who voted, in the Thai paragraph too, with the organisations' Thai short names.
    assert any(p.startswith("ผู้เข้าร่วม") and "บัตรลงคะแนน 14 ใบ จาก 6 องค์กร: แมพ พทช. มสรจ." in p for p in paras)


@pytest.mark.slow  # a PDF printed by the export's browser, read back with poppler
def test_the_exported_submission_lists_exactly_the_endorsers(decided, tmp_path):
    result = export_all(decided.path, tmp_path / "public", charts=False)
    assert "joint-recommendations.pdf" not in dict(result.skipped)
    pdf = tmp_path / "public" / "joint-recommendations.pdf"
    read = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60)
    for text in (" ".join(read.stdout.split()), " ".join(docx_text(pdf.with_suffix(".docx")).split())):
        signed = _signatories(text)
        assert [name for name in ENDORSING if name in signed] == ENDORSING
        assert [name for name in OTHERS + NEVER if name in signed] == []
        assert "We, the undersigned organisations" in text and "ข้อเสนอแนะร่วม" in text

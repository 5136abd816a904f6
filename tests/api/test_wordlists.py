"""Wordlist import/export, browsing, editing, proposals and spreadsheet upload through the API."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from api.extensions import db
from api.models import Sector, Term, utcnow
from api.resources import resources
from api.services import wordlists
from tests import factories
from vaktaal.roles import Role
from vaktaal.wordlists import COLUMNS

SHIPPED = Path(__file__).resolve().parents[2] / "wordlists"


def rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path: Path, data: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    path.write_text(out.getvalue(), encoding="utf-8")


def shared_term(key: str, sector: str = "schoonmaak") -> Term:
    return db.session.scalar(
        select(Term).join(Sector).where(Sector.slug == sector, Term.key == key, Term.organisation_id.is_(None))
    )


def own_term(org, sector="schoonmaak", key="sleutelkluis", example="De sleutelkluis hangt bij de deur."):
    entry = {
        "sector": sector,
        "key": key,
        "term": key,
        "article": "de",
        "plural": key + "en",
        "pos": "noun",
        "level": "A2",
        "theme": "werkplek",
        "example": example,
        "translations": {"en": {"text": "key safe"}, "ar": {"text": "خزنة المفاتيح"}},
    }
    return entry


def test_import_is_idempotent(lists):
    count = db.session.scalar(select(db.func.count()).select_from(Term))
    reports = wordlists.import_directory(lists, checker=resources().checker, now=utcnow())
    assert count == 72
    assert [(len(r.added), len(r.updated), r.unchanged) for r in reports] == [(0, 0, 12)] * 6


def test_changed_entry_is_updated_in_place_by_key(lists):
    data = rows(lists / "schoonmaak.csv")
    key, before = data[0]["key"], shared_term(data[0]["key"]).id
    data[0]["en"] = "a better translation"
    write_rows(lists / "schoonmaak.csv", data)
    [report] = wordlists.import_directory(lists, checker=resources().checker, now=utcnow(), sectors=["schoonmaak"])
    assert report.updated == [key]
    db.session.expire_all()
    term = shared_term(key)
    assert term.id == before
    assert term.translations["en"]["text"] == "a better translation"


def test_removed_entry_is_retired_not_deleted_and_comes_back(lists, client, world):
    data = rows(lists / "schoonmaak.csv")
    removed = data.pop(3)
    write_rows(lists / "schoonmaak.csv", data)
    [report] = wordlists.import_directory(lists, checker=resources().checker, now=utcnow(), sectors=["schoonmaak"])
    assert report.retired == [removed["key"]]
    db.session.expire_all()
    assert shared_term(removed["key"]).retired
    listed = client.get("/api/sectors/schoonmaak/terms?page_size=100", headers=factories.headers(world.teacher))
    assert removed["key"] not in {t["key"] for t in listed.json}
    write_rows(lists / "schoonmaak.csv", [*data, removed])
    [report] = wordlists.import_directory(lists, checker=resources().checker, now=utcnow(), sectors=["schoonmaak"])
    assert report.restored == [removed["key"]]


def test_import_keeps_an_editors_change_and_reports_the_conflict(lists, client, world):
    editor = factories.staff(world.org_a, Role.TEACHER, "Redacteur", editor=True)
    data = rows(lists / "schoonmaak.csv")
    term = shared_term(data[0]["key"])
    response = client.patch(
        f"/api/terms/{term.id}",
        json={"translations": {**term.translations, "en": {"text": "edited"}}},
        headers=factories.headers(editor),
    )
    assert response.status_code == 200, response.json
    data[0]["en"] = "changed in the file too"
    write_rows(lists / "schoonmaak.csv", data)
    [report] = wordlists.import_directory(lists, checker=resources().checker, now=utcnow(), sectors=["schoonmaak"])
    assert [c.split(":")[0] for c in report.conflicts] == [data[0]["key"]]
    db.session.expire_all()
    assert shared_term(data[0]["key"]).translations["en"]["text"] == "edited"


def test_import_never_retires_an_organisations_terms(lists, client, world):
    response = client.post("/api/terms", json=own_term(world.org_a), headers=factories.headers(world.teacher))
    assert response.status_code == 201, response.json
    wordlists.import_directory(lists, checker=resources().checker, now=utcnow())
    db.session.expire_all()
    assert not db.session.get(Term, response.json["id"]).retired


def test_invalid_files_import_nothing(lists):
    data = rows(lists / "zorg.csv")
    data[0]["level"] = "C2"
    data[1]["en"] = "changed"
    write_rows(lists / "zorg.csv", data)
    with pytest.raises(Exception, match="problemen; er is niets geïmporteerd"):
        wordlists.import_directory(lists, checker=resources().checker, now=utcnow())
    db.session.rollback()
    assert shared_term(data[1]["key"], "zorg").translations["en"]["text"] != "changed"


def test_export_writes_the_files_back_losslessly(lists, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    wordlists.export_directory(out)
    for path in lists.glob("*.csv"):
        if path.stem != "article-overrides":
            assert (out / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name


def test_cli_check_passes_on_shipped_lists_and_reports_problems_with_line_and_fix(runner, tmp_path):
    assert runner.invoke(args=["wordlists", "check"]).exit_code == 0
    for path in SHIPPED.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    data = rows(tmp_path / "tuinbouw.csv")
    data[4]["example"] = "Dit gaat over iets anders."
    write_rows(tmp_path / "tuinbouw.csv", data)
    result = runner.invoke(args=["wordlists", "check", "--dir", str(tmp_path)])
    assert result.exit_code != 0
    assert f"tuinbouw.csv:6 [{data[4]['key']}] example: Het voorbeeld moet" in result.output


def test_sectors_list_counts_per_level_and_theme(lists, client, world):
    response = client.get("/api/sectors", headers=factories.headers(world.participant))
    assert response.status_code == 200
    by_slug = {s["slug"]: s for s in response.json}
    assert list(by_slug) == ["algemeen", "schoonmaak", "tuinbouw", "installatie", "logistiek", "zorg"]
    assert (
        by_slug["zorg"]["total"]
        == 12
        == sum(by_slug["zorg"]["levels"].values())
        == sum(by_slug["zorg"]["themes"].values())
    )


def test_terms_filter_and_paginate(lists, client, world):
    headers = factories.headers(world.participant)
    everything = client.get("/api/sectors/schoonmaak/terms?page_size=100", headers=headers).json
    level = everything[0]["level"]
    response = client.get(f"/api/sectors/schoonmaak/terms?level={level}&page_size=2", headers=headers)
    assert response.status_code == 200
    assert all(t["level"] == level for t in response.json)
    assert json.loads(response.headers["X-Pagination"])["total"] == sum(t["level"] == level for t in everything)
    word = everything[0]["term"]
    found = client.get(f"/api/sectors/schoonmaak/terms?q={word.upper()[:5]}", headers=headers).json
    assert everything[0]["id"] in {t["id"] for t in found}
    safety = client.get("/api/sectors/schoonmaak/terms?safety=true", headers=headers).json
    assert all(t["safety"] for t in safety)
    bad = client.get("/api/sectors/schoonmaak/terms?level=C9", headers=headers)
    assert bad.status_code == 422
    assert client.get("/api/sectors/bakkerij/terms", headers=headers).status_code == 404


def test_term_json_has_the_documented_fields(lists, client, world):
    term = client.get("/api/sectors/algemeen/terms", headers=factories.headers(world.participant)).json[0]
    for name in (
        "id",
        "key",
        "sector",
        "term",
        "article",
        "plural",
        "pos",
        "level",
        "theme",
        "example",
        "translations",
        "emoji",
        "safety",
        "frequency",
    ):
        assert name in term
    assert term["translations"]["en"]["checked"] is False
    assert term["frequency"] > 0


def test_teacher_adds_and_edits_an_organisation_term(lists, client, world):
    headers = factories.headers(world.teacher)
    created = client.post("/api/terms", json=own_term(world.org_a), headers=headers)
    assert created.status_code == 201, created.json
    assert created.json["shared"] is False
    edited = client.patch(
        f"/api/terms/{created.json['id']}",
        json={"example": "Hang de sleutel terug in de sleutelkluis."},
        headers=headers,
    )
    assert edited.status_code == 200
    assert edited.json["example"] == "Hang de sleutel terug in de sleutelkluis."
    # another organisation neither sees nor edits it
    other = factories.headers(world.coordinator_b)
    assert client.get(f"/api/terms/{created.json['id']}", headers=other).status_code == 404
    assert client.patch(f"/api/terms/{created.json['id']}", json={"level": "B1"}, headers=other).status_code == 404
    listed = client.get("/api/sectors/schoonmaak/terms?scope=own", headers=other).json
    assert listed == []


def test_invalid_term_is_rejected_with_field_errors_and_nothing_changes(lists, client, world):
    headers = factories.headers(world.teacher)
    bad = own_term(world.org_a, example="Pak de sleutel.")
    bad["pos"] = "verb"  # a verb with an article and a plural
    response = client.post("/api/terms", json=bad, headers=headers)
    assert response.status_code == 422
    fields = response.json["errors"]["json"]
    assert "moet 'sleutelkluis' bevatten" in fields["example"][0]
    assert "Alleen zelfstandige naamwoorden" in fields["article"][0]
    assert "Alleen zelfstandige naamwoorden" in fields["plural"][0]
    assert db.session.scalar(select(Term).where(Term.key == "sleutelkluis")) is None


@pytest.mark.parametrize("article", ["de", "het"])
def test_an_own_terms_article_plural_and_translations_are_advice_but_a_shared_terms_are_checked(
    lists, client, world, article
):
    """gender.tsv allows both articles for "filter": the organisation's own "kalkfilter" takes the teacher's choice;
    the shared list still wants the choice recorded in article-overrides.csv."""
    world.teacher.is_editor = True
    db.session.commit()
    headers = factories.headers(world.teacher)
    body = own_term(world.org_a, key="kalkfilter", example=f"Vervang {article} kalkfilter elke maand.")
    body |= {"article": article, "plural": None, "translations": {}}
    created = client.post("/api/terms", json=body, headers=headers)
    assert created.status_code == 201, created.json
    assert created.json["article"] == article
    assert created.json["plural"] is None, "no plural given is an unknown plural, never '-'"
    assert created.json["translations"] == {}

    shared = client.post("/api/terms", json=body | {"shared": True, "key": "kalkfilter-2"}, headers=headers)
    assert shared.status_code == 422
    fields = shared.json["errors"]["json"]
    assert "article-overrides.csv" in fields["article"][0]
    assert "meervoud" in fields["plural"][0] and "verplicht" in fields["en"][0]
    assert db.session.scalar(select(db.func.count()).select_from(Term).where(Term.term == "kalkfilter")) == 1


def test_a_typo_in_an_own_term_is_fixed_without_translations_and_reaches_the_next_session(lists, client, world):
    """The misspelt word was taught to three participants: the fix needs no translations, keeps their cards, and
    their next session (and its audio) has the right spelling."""
    from datetime import timedelta

    from api.services import sessions

    people = [world.participant] + [factories.participant(world.org_a, name) for name in ("Omar", "Hamid")]
    factories.group(world.org_a, [world.teacher], people[1:], "Groep 3")
    headers = factories.headers(world.teacher)
    body = own_term(world.org_a, key="ontkalkr", example="Zet de ontkalkr in de kast.") | {"translations": {}}
    typo = client.post("/api/terms", json=body, headers=headers).json
    for person in people:
        assigned = client.post(f"/api/participants/{person.id}/terms", json={"term_ids": [typo["id"]]}, headers=headers)
        assert assigned.status_code == 200
    first = sessions.build_session(world.participant, 4, now=utcnow(), secret_key="test")
    assert "de ontkalkr" in json.dumps([e for e in first["exercises"] if e["term_id"] == typo["id"]])

    fixed = client.patch(
        f"/api/terms/{typo['id']}",
        json={"term": "ontkalker", "example": "Zet de ontkalker in de kast.", "plural": "ontkalkers"},
        headers=headers,
    )
    assert fixed.status_code == 200, fixed.json
    assert fixed.json["audio_url"] != typo["audio_url"], "new text, new audio"
    later = sessions.build_session(world.participant, 4, now=utcnow() + timedelta(days=1), secret_key="test")
    shown = json.dumps([e for e in later["exercises"] if e["term_id"] == typo["id"]], ensure_ascii=False)
    assert "de ontkalker" in shown and "ontkalkr" not in shown
    assert fixed.json["audio_url"].split("?")[1] in shown
    for person in people:
        words = client.get(f"/api/participants/{person.id}/terms", headers=headers).json
        assert [w["term"]["term"] for w in words] == ["ontkalker"]


def test_a_term_the_lists_have_is_offered_instead_of_added_again(lists, client, world):
    headers = factories.headers(world.teacher)
    dweil = shared_term("dweil")
    check = client.get("/api/terms/check?term=Dweil&sector=schoonmaak", headers=headers)
    assert check.status_code == 200
    assert [t["id"] for t in check.json["existing"]] == [dweil.id]
    # Another article is another word; a noun whose article is not known yet matches either.
    assert (
        client.get("/api/terms/check?term=dweil&article=het&sector=schoonmaak", headers=headers).json["existing"] == []
    )
    # The basics for every job count for every sector.
    rooster = shared_term("rooster", "algemeen")
    assert [
        t["id"] for t in client.get("/api/terms/check?term=rooster&sector=tuinbouw", headers=headers).json["existing"]
    ] == [rooster.id]

    body = own_term(world.org_a, key="dweil", example="Pak de dweil.")
    again = client.post("/api/terms", json=body, headers=headers)
    assert again.status_code == 409
    assert "staat al in de gedeelde lijst" in again.json["errors"]["json"]["term"][0]
    assert db.session.scalar(select(db.func.count()).select_from(Term).where(Term.term == "dweil")) == 1


def test_only_editors_edit_shared_terms_and_others_propose(lists, client, world):
    term = shared_term(rows(lists / "schoonmaak.csv")[0]["key"])
    teacher = factories.headers(world.teacher)
    refused = client.patch(f"/api/terms/{term.id}", json={"level": "B1"}, headers=teacher)
    assert refused.status_code == 403
    assert "voorstel" in refused.json["message"].lower()
    coach = client.patch(f"/api/terms/{term.id}", json={"level": "B1"}, headers=factories.headers(world.coach))
    assert coach.status_code == 403

    proposal = client.post(
        f"/api/terms/{term.id}/proposals", json={"level": "B1", "note": "Dit is moeilijk."}, headers=teacher
    )
    assert proposal.status_code == 201
    editor = factories.headers(factories.staff(world.org_b, Role.COORDINATOR, "Redactie", editor=True))
    open_ = client.get("/api/proposals", headers=editor)
    assert [p["id"] for p in open_.json] == [proposal.json["id"]]
    decided = client.post(f"/api/proposals/{proposal.json['id']}/decision", json={"accept": True}, headers=editor)
    assert decided.status_code == 200
    assert decided.json["status"] == "accepted"
    db.session.expire_all()
    assert db.session.get(Term, term.id).level == "B1"
    again = client.post(f"/api/proposals/{proposal.json['id']}/decision", json={"accept": False}, headers=editor)
    assert again.status_code == 422
    non_editor = client.post(f"/api/proposals/{proposal.json['id']}/decision", json={"accept": True}, headers=teacher)
    assert non_editor.status_code == 403


def test_csv_round_trip_through_the_api_is_lossless(lists, client, world):
    headers = factories.headers(world.teacher)
    for key in ("sleutelkluis", "raadzaal"):
        assert (
            client.post(
                "/api/terms", json=own_term(world.org_a, key=key, example=f"Waar is de {key}?"), headers=headers
            ).status_code
            == 201
        )
    download = client.get("/api/sectors/schoonmaak/terms.csv?scope=own", headers=headers)
    assert download.status_code == 200
    assert download.mimetype == "text/csv"
    upload = client.post(
        "/api/sectors/schoonmaak/terms.csv?scope=own", data=download.data, content_type="text/csv", headers=headers
    )
    assert upload.status_code == 200, upload.json
    assert upload.json["unchanged"] == 2 and upload.json["added"] == upload.json["updated"] == []
    assert client.get("/api/sectors/schoonmaak/terms.csv?scope=own", headers=headers).data == download.data


def test_csv_upload_with_a_bad_row_reports_it_and_changes_nothing(lists, client, world):
    headers = factories.headers(world.teacher)
    assert client.post("/api/terms", json=own_term(world.org_a), headers=headers).status_code == 201
    text = client.get("/api/sectors/schoonmaak/terms.csv?scope=own", headers=headers).get_data(as_text=True)
    data = list(csv.DictReader(io.StringIO(text)))
    data[0]["en"] = "changed"
    data.append({**data[0], "key": "nieuw", "term": "nieuw ding", "level": "Z9", "example": "Iets anders."})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    response = client.post(
        "/api/sectors/schoonmaak/terms.csv?scope=own", data=out.getvalue(), content_type="text/csv", headers=headers
    )
    assert response.status_code == 422
    assert set(response.json["errors"]["rows"]) == {"line 3"}
    assert any("Onbekend niveau" in m for m in response.json["errors"]["rows"]["line 3"])
    assert client.get("/api/sectors/schoonmaak/terms.csv?scope=own", headers=headers).get_data(as_text=True) == text


def test_shared_csv_upload_needs_the_editor_right(lists, client, world):
    headers = factories.headers(world.teacher)
    text = client.get("/api/sectors/zorg/terms.csv?scope=shared", headers=headers).data
    assert (
        client.post(
            "/api/sectors/zorg/terms.csv?scope=shared", data=text, content_type="text/csv", headers=headers
        ).status_code
        == 403
    )
    for bad, message in ((b"", "leeg"), (b"\xff\xfe", "UTF-8")):
        response = client.post(
            "/api/sectors/zorg/terms.csv?scope=own", data=bad, content_type="text/csv", headers=headers
        )
        assert response.status_code == 422
        assert message in response.json["message"]


def test_an_own_list_upload_takes_advice_where_a_single_own_term_does(lists, client, world):
    """A spreadsheet of the organisation's own words may lack translations and plurals, and pick either article of a
    de/het head ("kalkfilter"), as the term form and a visit may; the shared list keeps the strict checks."""
    world.teacher.is_editor = True
    db.session.commit()
    row = dict.fromkeys(COLUMNS, "")
    row |= {"key": "kalkfilter", "term": "kalkfilter", "article": "het", "pos": "noun", "level": "A2"}
    row |= {"theme": "werkplek", "example": "Het kalkfilter zit in de machine.", "safety": "no"}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    headers = factories.headers(world.teacher)
    own = client.post(
        "/api/sectors/schoonmaak/terms.csv?scope=own", data=out.getvalue(), content_type="text/csv", headers=headers
    )
    assert own.status_code == 200, own.json
    assert own.json["added"] == ["kalkfilter"]
    term = db.session.scalar(select(Term).where(Term.key == "kalkfilter", Term.organisation_id == world.org_a.id))
    assert (term.article, term.plural, term.translations) == ("het", None, {})
    shared = client.post(
        "/api/sectors/schoonmaak/terms.csv?scope=shared", data=out.getvalue(), content_type="text/csv", headers=headers
    )
    assert shared.status_code == 422
    assert db.session.scalar(select(func.count()).where(Term.key == "kalkfilter")) == 1

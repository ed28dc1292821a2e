"""Glossary files: encodings, formats, round trips and hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.glossary import Entry, Glossary, GlossaryError, load_glossary, save_glossary

CSV_TEXT = (
    "source,target,note\n"
    "Авраамские соглашения,Abraham Accords,\n"
    "МИД,Foreign Ministry,аббревиатура\n"
    "Lada.kz,Lada.kz,do not translate\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    g = load_glossary(path)
    assert [e.source for e in g.entries] == ["Авраамские соглашения", "МИД", "Lada.kz"]
    assert g.entries[1].note == "аббревиатура"
    assert g.entries[2].dnt is True  # inferred from the note
    assert g.problems == []


@pytest.mark.parametrize(("suffix", "sep"), [(".tsv", "\t"), (".csv", ";"), (".txt", "\t")])
def test_tsv_and_semicolons(tmp_path: Path, suffix: str, sep: str) -> None:
    path = tmp_path / f"g{suffix}"
    path.write_text(CSV_TEXT.replace(",", sep), encoding="utf-8")
    assert [e.target for e in load_glossary(path).entries] == ["Abraham Accords", "Foreign Ministry", "Lada.kz"]


def test_all_columns(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        "source,target,note,pos,case_sensitive,match_mode,forbidden,dnt\n"
        "Мир,Mir,station,noun,yes,exact,Peace|World,\n"
        "кибер,cyber,,,no,prefix,,\n"
        "Telegram,,,,,,,yes\n",
        encoding="utf-8",
    )
    mir, cyber, tg = load_glossary(path).entries
    assert (mir.case_sensitive, mir.match_mode, mir.forbidden, mir.pos) == (True, "exact", ["Peace", "World"], "noun")
    assert (cyber.case_sensitive, cyber.match_mode) == (False, "prefix")
    assert tg.dnt and tg.target == "Telegram"  # DNT: the target is the source


def test_bad_rows_are_reported_rest_usable(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text(
        "source,target,note\n"
        "Казахстан,Kazakhstan,\n"
        "Иран,,\n"
        ",Israel,\n"
        "Казахстан,Kazakhstan,again\n"
        "Казахстан,Kazakstan,\n"
        "Бахрейн,Bahrain,,extra\n"
        "Судан,Sudan,\n",
        encoding="utf-8",
    )
    g = load_glossary(path)
    assert [e.source for e in g.entries] == ["Казахстан", "Казахстан", "Бахрейн", "Судан"]
    text = "\n".join(g.problems)
    assert "terms.csv, row 3: missing target for 'Иран'" in text
    assert "terms.csv, row 4: missing source" in text
    assert "row 5: duplicate of" in text and "row 2" in text
    assert "row 6" in text and "conflicts with" in text
    # both conflicting rows are kept; the first wins where both match
    assert [m.entry.target for m in g.match("в Казахстане")] == ["Kazakhstan"]


def test_headerless_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("Казахстан,Kazakhstan\nИран,Iran\n", encoding="utf-8")
    g = load_glossary(path)
    assert len(g.entries) == 2
    assert "no 'source,target' header" in g.problems[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"source,target,note\n", "no usable entries"),
        (b"source,target\n\xd0\x98\xd1\x80\xd0\xb0\xd0\xbd,\n", "missing target"),
        (b"\x00\x01\x02\x03PK\x03\x04binary\x00" * 50, "binary"),
    ],
)
def test_unusable_files_name_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(GlossaryError, match=message) as info:
        load_glossary(path)
    assert "broken.csv" in str(info.value)


def test_missing_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="does not exist"):
        load_glossary(tmp_path / "nope.csv")
    big = tmp_path / "huge.csv"
    with big.open("wb") as fh:
        fh.write(b"source,target\n")
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    with pytest.raises(GlossaryError, match=r"huge\.csv is 50 MB"):
        load_glossary(big)


def sample() -> Glossary:
    return Glossary([
        Entry("Авраамские соглашения", "Abraham Accords", note="treaties", pos="noun",
              forbidden=["Abrahamic agreements", "Abraham agreements"]),
        Entry("МИД", "Foreign Ministry", case_sensitive=True),
        Entry("кибер", "cyber", match_mode="prefix", case_sensitive=False),
        Entry("Lada.kz", "Lada.kz", note="do not translate", dnt=True, match_mode="exact"),
    ])


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".tbx"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    save_glossary(sample(), path)
    back = load_glossary(path)
    assert [e.to_dict() for e in back.entries] == [e.to_dict() for e in sample().entries]
    assert back.problems == []


def test_tbx_from_another_tool(tmp_path: Path) -> None:
    path = tmp_path / "other.tbx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="t1">
  <descrip type="definition">Peace treaties of 2020</descrip>
  <langSet xml:lang="ru"><tig><term>Авраамские соглашения</term></tig></langSet>
  <langSet xml:lang="en">
    <tig><term>Abraham Accords</term></tig>
    <tig><term>Abrahamic agreements</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
</termEntry>
<termEntry id="t2">
  <langSet xml:lang="ru"><tig><term>Иран</term></tig></langSet>
</termEntry>
</body></text></martif>""",
        encoding="utf-8",
    )
    g = load_glossary(path)
    [entry] = g.entries
    assert (entry.source, entry.target, entry.forbidden) == (
        "Авраамские соглашения", "Abraham Accords", ["Abrahamic agreements"])
    assert entry.note == "Peace treaties of 2020"
    assert any("other.tbx, entry 2: missing English target" in p for p in g.problems)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="ru"><tig><term>&lol3;</term></tig></langSet>
</termEntry></body></text></martif>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="ru"><tig><term>&xxe;</term></tig></langSet>
</termEntry></body></text></martif>"""


@pytest.mark.parametrize(("content", "message"), [
    (BOMB, "declares XML entities"),
    (XXE, "declares XML entities"),
    ("<martif><text><body><termEntry>", r"line \d+: malformed"),
    ("<html><body>not a glossary</body></html>", "not a TBX glossary|no TBX term entries"),
])
def test_hostile_tbx(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "evil.tbx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError, match=message) as info:
        load_glossary(path)
    assert "evil.tbx" in str(info.value)


def test_cannot_save_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"use a \.csv"):
        save_glossary(sample(), tmp_path / "g.xlsx")


def test_junk_without_nul_bytes(tmp_path: Path) -> None:
    import random

    rng = random.Random(1)
    path = tmp_path / "junk.csv"
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(5000)))
    with pytest.raises(GlossaryError, match=r"junk\.csv is not readable text|junk\.csv looks like a binary"):
        load_glossary(path)


def test_entry_count_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.glossary import io as gio

    monkeypatch.setattr(gio, "MAX_ENTRIES", 3)
    path = tmp_path / "many.csv"
    path.write_text("source,target\n" + "".join(f"слово{i},word{i}\n" for i in range(5)), encoding="utf-8")
    g = load_glossary(path)
    assert len(g.entries) == 3
    assert "many.csv, row 5: more than 3 entries" in g.problems[-1]

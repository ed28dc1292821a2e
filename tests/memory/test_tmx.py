"""TMX 1.4: round trip, files from other CAT tools, hostile XML, TM import/export."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.formats.tmx import TranslationPair, read_tmx, write_tmx
from workbench.memory import TranslationMemory

OMEGAT_LIKE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
          segtype="sentence" srclang="RU-RU"/>
  <body>
    <tu tuid="42" creationdate="20240102T030405Z">
      <note>Checked by the desk</note>
      <prop type="x-prev">Об этом сообщил Токаев.</prop>
      <tuv xml:lang="RU-RU" changedate="20250203T101112Z">
        <seg>Переговоры прошли в <bpt i="1">&lt;b&gt;</bpt>Вашингтоне<ept i="1">&lt;/b&gt;</ept>.</seg>
      </tuv>
      <tuv xml:lang="EN-US">
        <seg>The talks took place in <hi>Washington</hi><ph x="1">{1}</ph>.</seg>
      </tuv>
      <tuv xml:lang="DE-DE"><seg>Die Gespräche fanden in Washington statt.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-GB"><seg>Only English here.</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Seulement en français.</seg></tuv>
    </tu>
    <tu srclang="en-US">
      <tuv xml:lang="en-US"><seg>Oil prices rose by 5%.</seg></tuv>
      <tuv xml:lang="ru"><seg>Цены на нефть выросли на 5%.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_round_trip(tmp_path: Path) -> None:
    pairs = [
        TranslationPair("Казахстан присоединится к Авраамским соглашениям.",
                        "Kazakhstan will join the Abraham Accords.", note="demo",
                        created=datetime(2025, 11, 7, 12, 30, tzinfo=UTC),
                        props={"x-context-prev": "Об этом сообщил Токаев."}),
        TranslationPair("Рост составил 5% & <больше>.", "Growth was 5% & <more>."),
        TranslationPair("  Пробелы  сохраняются ", " Spaces are kept "),
    ]
    path = tmp_path / "out.tmx"
    assert write_tmx(pairs, path) == 3
    assert not [p for p in tmp_path.iterdir() if p.name != "out.tmx"]  # no temp file left behind
    text = path.read_text(encoding="utf-8")
    assert '<tmx version="1.4">' in text and 'srclang="ru"' in text
    assert read_tmx(path) == pairs


def test_foreign_tool_file(tmp_path: Path) -> None:
    path = tmp_path / "omegat.tmx"
    path.write_text(OMEGAT_LIKE, encoding="utf-8")
    pairs = read_tmx(path)
    assert [(p.source, p.target) for p in pairs] == [
        ("Переговоры прошли в Вашингтоне.", "The talks took place in Washington."),
        ("Цены на нефть выросли на 5%.", "Oil prices rose by 5%."),
    ]
    first = pairs[0]
    assert first.note == "Checked by the desk"
    assert first.props == {"x-prev": "Об этом сообщил Токаев."}
    assert first.created == datetime(2025, 2, 3, 10, 11, 12, tzinfo=UTC)  # change date wins
    # other directions of the same file
    assert [p.target for p in read_tmx(path, "en", "fr")] == ["Seulement en français."]
    with pytest.raises(WorkbenchError, match="no it→en units"):
        read_tmx(path, "it", "en")


def test_memory_imports_foreign_tmx_with_context(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "omegat.tmx"
    path.write_text(OMEGAT_LIKE, encoding="utf-8")
    tm = TranslationMemory()
    assert tm.import_tmx(path) == 2
    assert tm.import_tmx(path) == 0  # importing again adds nothing
    match = tm.lookup("Переговоры прошли в Вашингтоне.", prev="Об этом сообщил Токаев.")[0]
    assert (match.kind, match.target, match.origin) == ("context", "The talks took place in Washington.", "import")
    tm.close()


def test_memory_export_import_round_trip(tmp_path: Path) -> None:
    first = TranslationMemory(tmp_path / "a.sqlite3")
    first.add("Первое.", "First.", doc_id="doc-1", context_next="Второе.",
              created=datetime(2025, 1, 1, tzinfo=UTC))
    first.add("Второе.", "Second.", context_prev="Первое.")
    assert first.export_tmx(tmp_path / "tm.tmx") == 2
    second = TranslationMemory(tmp_path / "b.sqlite3")
    assert second.import_tmx(tmp_path / "tm.tmx") == 2
    match = second.lookup("Первое.", next="Второе.")[0]
    assert (match.kind, match.target, match.doc_id, match.created) == (
        "context", "First.", "doc-1", "2025-01-01T00:00:00+00:00")
    assert second.exact("Второе.", prev="Первое.").kind == "context"
    first.close()
    second.close()


BOMB = """<?xml version="1.0"?>
<!DOCTYPE tmx [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<tmx version="1.4"><header srclang="ru"/><body>
<tu><tuv xml:lang="ru"><seg>&c;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>
</body></tmx>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="ru"/><body>
<tu><tuv xml:lang="ru"><seg>&secret;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>
</body></tmx>"""


@pytest.mark.parametrize("content", [BOMB, XXE], ids=["entity-bomb", "xxe"])
def test_hostile_tmx_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "hostile.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkbenchError, match="declares XML entities"):
        read_tmx(path)
    tm = TranslationMemory(tmp_path / "tm.sqlite3")
    with pytest.raises(WorkbenchError):
        tm.import_tmx(path)
    assert len(tm) == 0
    tm.close()


@pytest.mark.parametrize(("content", "message"), [
    ("<tmx version='1.4'><body><tu>", "not a well-formed TMX"),
    ("<xliff version='1.2'/>", "not a TMX file"),
    ("   ", "empty"),
])
def test_broken_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "broken.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkbenchError, match=message):
        read_tmx(path)


def test_missing_file_and_unwritable_target(tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="no such file"):
        read_tmx(tmp_path / "nope.tmx")
    with pytest.raises(WorkbenchError, match="does not exist"):
        write_tmx([TranslationPair("а", "a")], tmp_path / "missing-dir" / "x.tmx")


def test_utf16_trados_style_file(tmp_path: Path) -> None:
    content = ('<?xml version="1.0" encoding="UTF-16"?>\n<tmx version="1.4"><header srclang="ru-RU" '
               'creationtool="SDL Language Platform"/><body><tu><tuv xml:lang="ru-RU"><seg>Привет.</seg></tuv>'
               '<tuv xml:lang="en-US"><seg>Hello.</seg></tuv></tu></body></tmx>')
    path = tmp_path / "trados.tmx"
    path.write_bytes(content.encode("utf-16"))
    assert [(p.source, p.target) for p in read_tmx(path)] == [("Привет.", "Hello.")]


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.tmx"
    write_tmx([TranslationPair(f"Предложение {i}.", f"Sentence {i}.") for i in range(3000)], path)
    monkeypatch.setenv("WORKBENCH_MAX_TMX_MB", "0.1")
    with pytest.raises(WorkbenchError, match="WORKBENCH_MAX_TMX_MB"):
        read_tmx(path)
    monkeypatch.setenv("WORKBENCH_MAX_TMX_MB", "5")
    assert len(read_tmx(path)) == 3000


def test_control_characters_never_break_the_file(tmp_path: Path) -> None:
    path = tmp_path / "ctl.tmx"
    write_tmx([TranslationPair("Текст\x00 с символом\x07.", "Text\x01 with a character.",
                               note="n\x02", props={"x-a": "v\x03"})], path)
    assert read_tmx(path) == [TranslationPair("Текст с символом.", "Text with a character.", note="n",
                                              props={"x-a": "v"})]

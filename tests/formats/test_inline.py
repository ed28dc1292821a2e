"""Placeholder protection around machine translation."""

from __future__ import annotations

from workbench.formats.inline import balance_tags, parse_tagged, protect, restore, strip_tags


def test_protect_masks_tags_placeholders_urls_and_emails() -> None:
    text = "Привет, {name}! Файл %s и %(count)d из 25 шт. на https://example.ru/a?b=1, пишите a.b@mail.ru <b1>сейчас</b1><x2/>."
    masked, mapping = protect(text)
    for item in ("{name}", "%s", "%(count)d", "https://example.ru/a?b=1", "a.b@mail.ru", "<b1>", "</b1>", "<x2/>"):
        assert item not in masked
        assert item in mapping.values()
    assert "25" in masked  # numbers stay translatable text
    assert masked.endswith(".")  # trailing punctuation is not swallowed by the URL pattern
    back, problems = restore(masked, mapping)
    assert back == text and problems == []


def test_restore_tolerates_spaced_tokens_and_reports_missing() -> None:
    _masked, mapping = protect("Нажмите {button} или <b1>отмена</b1>")
    tokens = list(mapping)
    mt = f"Press {tokens[0].replace('⟦', '⟦ ')} or {tokens[1]}cancel"  # closing tag dropped by MT
    text, problems = restore(mt, mapping)
    assert text == "Press {button} or cancel"
    assert any("</b1>" in p for p in problems)
    assert any("lost its pair" in p for p in problems)


def test_restore_reports_invented_and_repeated_tokens() -> None:
    _masked, mapping = protect("Текст {a}")
    (tok,) = mapping
    text, problems = restore(f"Text {tok} {tok} ⟦9⟧", mapping)
    assert text.split() == ["Text", "{a}"]
    assert len(problems) == 2


def test_balance_and_parse_tagged() -> None:
    assert balance_tags("a <b1>b</b1> </i2>c")[0] == "a <b1>b</b1> c"
    pieces = parse_tagged("x <b1>y <i2>z</i2></b1><x3/>")
    assert [(p.text, p.tags, p.placeholder) for p in pieces] == [
        ("x ", (), None), ("y ", ("b1",), None), ("z", ("b1", "i2"), None), ("", (), "x3"),
    ]
    assert strip_tags("a <b1>b</b1><x2/>") == "a b"


def test_placeholder_problems_compares_source_and_target() -> None:
    from workbench.formats.inline import placeholder_problems

    src = "Привет, {name}! См. https://x.ru и <b1>жирное</b1>."
    assert placeholder_problems(src, "Hi, {name}! See https://x.ru and <b1>bold</b1>.") == []
    assert placeholder_problems(src, "") == []  # untranslated: nothing to compare yet
    problems = placeholder_problems(src, "Hi, {user}! See <b1>bold</b1>.")
    assert sorted(problems) == sorted([
        "missing placeholder {name}", "missing placeholder https://x.ru", "unexpected placeholder {user}",
    ])


def test_percent_signs_in_prose_are_not_placeholders() -> None:
    from workbench.formats.inline import protect

    for text in ("Рост составил 5% от уровня", "5% of voters", "100% sure", "19.7% of the vote"):
        masked, mapping = protect(text)
        assert mapping == {} and masked == text
    masked, mapping = protect("Hello %s, you have %d items and %(name)s")
    assert sorted(mapping.values()) == ["%(name)s", "%d", "%s"]

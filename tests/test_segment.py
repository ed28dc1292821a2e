"""Russian sentence splitting: rule cases, offset invariants, robustness and the shared-set score."""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.segment import Sentence, split_paragraphs, split_sentences

REPO = Path(__file__).resolve().parent.parent


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def assert_invariants(text: str) -> list[Sentence]:
    """Offsets index into ``text``, sentences are stripped, non-empty, ordered and disjoint."""
    sentences = split_sentences(text)
    previous_end = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= previous_end
        previous_end = s.end
    # Nothing but whitespace is dropped between sentences.
    covered = "".join(s.text for s in sentences)
    assert "".join(text.split()) == "".join(covered.split())
    return sentences


# Each case: the expected sentences; the input is them joined by one space.
CASES: dict[str, list[list[str]]] = {
    "quotes": [
        ["Он сказал: «Мы победим».", "Затем он ушёл."],
        ["«Мы победим!» — сказал он.", "Все обрадовались."],
        ["«Мы победим», — сказал он.", "Все обрадовались."],
        ["«Это правда…» — сказал он.", "Все замолчали."],
        ["„Мы победим“.", "Затем он ушёл."],
        ["Он спросил: «Ты придёшь?»", "Я ответил."],
        ['"Ты придёшь?" - спросил он.', "Я кивнул."],
        ["«Я приду!» – заявил министр.", "Все ждали."],
        ["Он ушёл.", "«Всё кончено», — подумал он."],
        ["Компания ООО «Ромашка» обанкротилась.", "Суд решил."],
        ['Он сказал: "Я приду."', "Потом ушёл."],
    ],
    "initials": [
        ["Встреча прошла в Кремле.", "В. В. Путин выступил с речью."],
        ["Доклад сделал А.Б. Иванов.", "Он говорил час."],
        ["Президент РФ В.В.Путин прибыл.", "Встреча началась."],
        ["Иванов И.И. пришёл.", "Петров П.П. ушёл."],
        ["Доклад Дж. Буша.", "Он выступил."],
        ["Пришёл Иванов И. И.", "Потом ушёл."],
        ["Это поколение X.", "Сознательно никто не ушёл."],
        ["В 2020 г. В. Путин подписал указ."],
    ],
    "abbreviations": [
        ["Доклад сделал проф. Иванов.", "Он говорил час."],
        ["Мы купили фрукты, овощи и т.д.", "Потом пошли домой."],
        ["Мы купили фрукты, овощи и т. д.", "Потом пошли домой."],
        ["Это, т.е. главное, сделано.", "Все рады."],
        ["Он живёт на ул. Ленина.", "Там тихо."],
        ["Театр им. Пушкина открылся.", "Зрители пришли."],
        ["США и др. страны согласны.", "Китай против."],
        ["Это т.н. реформа.", "Она провалилась."],
        ["Согласно п. 3 ч. 2 ст. 5 закона, срок истёк.", "Суд согласился."],
        ["Цены растут (см. табл. 2).", "Это тревожно."],
        ["См. рис. 3, там всё показано.", "Далее идёт вывод."],
        ["Ведущий — д-р Смит.", "Он врач."],
        ["Бюджет составил 5 млрд. руб. в прошлом году.", "В этом году меньше."],
        ["Купили хлеб, молоко и пр.", "Потом ушли."],
        ["Купили хлеб и пр., а потом ушли.", "Дома никого."],
        ["Он живёт на пр. Мира.", "Там шумно."],
        ["Т. е. всё ясно.", "Идём дальше."],
        ["Его зовут Дж. Р. Р. Толкин.", "Он писатель."],
        ["Цена: 100 руб./шт.", "Скидок нет."],
    ],
    "datelines": [
        ["МОСКВА, 7 ноября. /ТАСС/.", "Президент России подписал указ."],
        ["МОСКВА, 7 ноя — РИА Новости.", "Президент подписал указ."],
    ],
    "words razdel mistakes for abbreviations": [
        ["Театр им. Пушкина открылся.", "Зрители пришли."],
        ["Мы помогли им.", "Они благодарны."],
        ["Об этом говорится в нем.", "Сестра подтвердила."],
        ["Он упал на пол.", "Потом встал."],
    ],
    "years": [
        ["Это произошло в 2020 г.", "Потом всё изменилось."],
        ["В 2020 г. Путин подписал указ.", "Он вступил в силу."],
        ["Она родилась в 1990-х гг.", "В Москве она училась."],
        ["В 1960-х гг. Бжезинский был советником.", "Затем он ушёл."],
        ["Он родился в XIX в.", "Его отец был купцом."],
        ["В XIX в. Россия росла.", "Города строились."],
        ["Завод выпустил 2 млн бутылок в 2017 г.", "Предлагалось продать его."],
        ['В 2017 г. "Новый Свет" выпустил вино.', "Продажи выросли."],
    ],
    "units and money": [
        ["Бюджет составил 5 млрд руб.", "В следующем году он вырастет."],
        ["Скорость достигла 600 Мбит/с.", "Дюваль ответил на вопросы."],
        ["Погибли 12 чел.", "Ещё 5 ранены."],
        ["Стоимость — 100 тыс. руб.", "Она выросла."],
        ["Это стоит 5 долл. США.", "Дорого."],
        ["Вложения составят $30 млн.", '"Новый Свет" ждёт инвестора.'],
        ["Цена выросла на 3%.", "Аналитики удивлены."],
        ["Он пришёл в 10 ч.", "Потом ушёл."],
        ["Прошли 5 км.", "Иванов устал."],
        ["Он прибыл в 10 ч. 30 мин. утра.", "Все ждали."],
    ],
    "numbers and dates": [
        ["Рост составил 2.5 процента.", "Это много."],
        ["Рост составил 2,5 процента.", "Это много."],
        ["Это случилось 7.11.2025 в Москве.", "Никто не пострадал."],
        ["Он пришёл в 10:30.", "Все ждали."],
        ["Пожар потушили к 23:35.", "После этого дорогу открыли."],
        ["Он получил 1-е место.", "Второе досталось Петрову."],
    ],
    "ellipses": [
        ["Он подумал…", "И решил уйти."],
        ["Он подумал... и решил уйти."],
        ["Майк много говорит...", "Я готовился."],
        ["Было сказано следующее: «…».", "Потом все ушли."],
    ],
    "lists": [
        ["Пункты: 1. Первый.", "2. Второй."],
        ["Порядок такой: а) собрать данные; б) проверить их.", "Потом отчёт."],
    ],
    "brackets": [
        ["Он ушёл (и не вернулся).", "Все ждали."],
        ["Он ушёл (и не вернулся.)", "Все ждали."],
        ["Цены растут.", "(Так считают аналитики.)", "Но не все."],
        ['Там был Адам Делимханов (депутат Думы от Чечни. - "Ъ").', "Он молчал."],
        ["(Фото: ТАСС.)", "Вчера в Москве."],
    ],
    "web": [
        ["Подробнее на сайте Lada.kz.", "Там всё есть."],
        ["Сайт Lada.kz сообщил об этом первым.", "Другие молчали."],
        ["Пишите на info@example.com.", "Мы ответим."],
        ["Смотрите https://example.com/a.html.", "Там всё."],
        ["Сайт www.gov.ru не работает.", "Пишут о сбоях."],
    ],
    "lowercase continuation": [
        ["Он купил т.н. акции и др. бумаги, а затем продал их.", "Сделка закрыта."],
        ["Запуск перенесли на 2026 г. из-за погоды.", "Ракета готова."],
        ["Там живёт 1,5 млн чел. и 2 тыс. собак.", "Город большой."],
    ],
    "semicolons": [
        ["Рост ослабил ожидания повышения; ВВП тогда вырос на 0,3%.", "Рынок успокоился."],
        ["Это было интересно; потом стало скучно."],
    ],
    "headlines without a full stop": [
        ["В Югре появится новый храм", "В поселке Сосьва начали стройку."],
        ["Доходы превысили прогноз на 7 млрд рублей", "Фактически полученные доходы выросли."],
        ["Вице-мэра задержали на рабочем месте", "Как сообщает пресс-служба, его увезли."],
        ["Рафферти надеется на удобства в клубе «Ренессанс»", "Бывший чемпион Европы доволен."],
        ['Крым продаёт завод "Новый Свет"', "Покупатель пока не найден."],
    ],
    "quoted names inside a sentence": [
        ["Ведущий программы «Время» Первого канала ушёл в отпуск.", "Его заменят."],
        ['Покупателей украинской "дочки" Сбербанка нет.', "Сделка сорвалась."],
        ["Газета «Коммерсантъ» Владимиру Путину не писала.", "Это слух."],
    ],
    "letter designations are not sentence starts": [
        ["Россия попала в группу В вместе с Египтом.", "Жеребьёвка прошла вчера."],
        ["Нужен витамин С для здоровья.", "Его много в лимонах."],
        ["Машина класса А стоит дорого.", "Спрос растёт."],
    ],
    "names with particles stay whole": [
        ["Об этом сообщил адвокат Виктор Ли Хонг.", "Суд отложен."],
        ["Президент Ла Лиги Хавьер Тебас не согласен.", "Клубы молчат."],
        ["Удостоверьтесь, что автобус, в который Вы садитесь, идёт в город.", "Билеты в кассе."],
        ["Её поздравил посол Кийс Ван Баар.", "Встреча прошла тепло."],
    ],
    "exclamations and questions": [
        ["Она спросила?!", "Никто не ответил."],
        ["Ура!!!", "Победа!!!"],
        ["— Ты придёшь? — спросил он.", "— Да."],
    ],
}

PARAMS = [pytest.param(case, id=f"{rule}-{i}") for rule, cases in CASES.items() for i, case in enumerate(cases)]


@pytest.mark.parametrize("expected", PARAMS)
def test_rule_cases(expected: list[str]) -> None:
    text = " ".join(expected)
    assert_invariants(text)
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Погода хорошая!Завтра будет дождь.", ["Погода хорошая!", "Завтра будет дождь."]),
        ("Заголовок без точки\nТекст статьи.", ["Заголовок без точки", "Текст статьи."]),
        ("Итак:\n1. Купить хлеб\n2. Купить молоко", ["Итак:", "1. Купить хлеб", "2. Купить молоко"]),
        ("- первый пункт\n- второй пункт", ["- первый пункт", "- второй пункт"]),
        ("— Привет.\n— Привет!", ["— Привет.", "— Привет!"]),
        ("Итоги:\nВыручка выросла.", ["Итоги:", "Выручка выросла."]),
        ("Он встретился с\nПутиным вчера.", ["Он встретился с\nПутиным вчера."]),
        ("Текст был перенесён\nпо строкам. Конец.", ["Текст был перенесён\nпо строкам.", "Конец."]),
        ("Заголовок\r\nТекст статьи.\r\n", ["Заголовок", "Текст статьи."]),
        ("Первый абзац.\n\nВторой абзац", ["Первый абзац.", "Второй абзац"]),
        ("Москва\n— столица России.", ["Москва\n— столица России."]),
        ("Итак:\n- хлеб\n- молоко", ["Итак:", "- хлеб", "- молоко"]),
        ("Список\n• один\n• два", ["Список", "• один", "• два"]),
    ],
    ids=["glued-exclamation", "headline-line", "numbered-list", "dash-list", "dialogue", "colon-line",
         "wrapped-before-name", "wrapped-lowercase", "crlf", "blank-line", "wrapped-before-dash",
         "dash-list-after-colon", "bullets"],
)
def test_line_structure(text: str, expected: list[str]) -> None:
    assert_invariants(text)
    assert texts(text) == expected


def test_offsets_point_into_the_original_text() -> None:
    text = "  Он пришёл.   Потом\tушёл…  «Зачем?» — спросили все.\n"
    sentences = assert_invariants(text)
    assert [(s.start, s.end) for s in sentences] == [(2, 12), (15, 26), (28, 52)]
    assert sentences[1].text == "Потом\tушёл…"


@pytest.mark.parametrize("text", ["", " ", "\n\n\t", "\x00", "\u2028", "🙂", "...", "«»", "(", ")", ";", "г.", "1."])
def test_degenerate_inputs(text: str) -> None:
    sentences = assert_invariants(text)
    assert all(s.text.strip() for s in sentences)
    if not text.strip():
        assert sentences == []


def test_random_strings_never_break_the_invariants() -> None:
    rng = random.Random(7)
    alphabet = [*"абвгдАБВГДxyzXYZ0123456789 .,;:!?…«»„“\"'()[]{}—–-\n\t\r\x00\x1c\u2028\u00a0🙂/@#$%*",
                "г.", "т.д.", "В. ", "млн руб. ", "Потом ", "В ", "1) ", "\n- "]
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert_invariants(text)


@pytest.mark.parametrize(
    "text",
    [
        "а. " * 20_000,  # razdel alone is quadratic here
        "." * 20_000,
        "(" * 20_000 + " Он ушёл. Потом пришёл.",
        "слово В " * 20_000,
        "Предложение номер один. " * 5_000,
    ],
    ids=["lowercase-abbreviations", "dots", "open-brackets", "capital-prepositions", "many-sentences"],
)
def test_long_pathological_inputs_are_handled(text: str) -> None:
    sentences = assert_invariants(text)
    assert sentences


def test_many_sentences_all_found() -> None:
    text = "Предложение номер один. " * 500
    assert len(split_sentences(text)) == 500


def test_split_paragraphs() -> None:
    text = "\n  Первый абзац.\nВторая строка.  \n\n \t\nВторой абзац.\r\n\r\nТретий\n\n\n"
    spans = split_paragraphs(text)
    assert [text[a:b] for a, b in spans] == ["Первый абзац.\nВторая строка.", "Второй абзац.", "Третий"]
    assert split_paragraphs("") == []
    assert split_paragraphs(" \n\n ") == []


def test_import_stays_light() -> None:
    """The splitter must not drag in the MT stack: ``workbench segment`` has to start instantly."""
    code = (
        "import sys, workbench.segment; "
        "heavy = [m for m in ('torch', 'stanza', 'argostranslate', 'ctranslate2', 'pymorphy3') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == ""


def _benchmark_module():
    spec = importlib.util.spec_from_file_location("segmentation_benchmark", REPO / "benchmarks" / "segmentation.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scoring_counts_boundaries() -> None:
    bench = _benchmark_module()
    paragraphs = [["Один.", "Два.", "Три."]]
    perfect = bench.score(lambda t: [(0, 5), (6, 10), (11, 15)], paragraphs)
    assert perfect == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "exact": 1.0}
    merged = bench.score(lambda t: [(0, 10), (11, 15)], paragraphs)
    assert merged["precision"] == 1.0 and merged["recall"] == 0.5 and merged["exact"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("name", ["flores200-devtest", "newstest2018"])
def test_better_than_razdel_on_shared_sets(shared_data: Path, name: str) -> None:
    bench = _benchmark_module()
    path = shared_data / name / "ru.txt"
    if not path.is_file():
        pytest.skip(f"{path} not available")
    paragraphs = bench.make_paragraphs(path.read_text(encoding="utf-8").splitlines())
    ours = bench.score(bench.workbench_split, paragraphs)
    base = bench.score(bench.razdel_split, paragraphs)
    assert ours["f1"] > base["f1"]
    assert ours["exact"] >= base["exact"]


def test_benchmark_skips_without_shared_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bench = _benchmark_module()
    bench.SHARED_DATA = tmp_path / "missing"
    assert bench.run(quick=True) == []
    assert "skipped" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Текст <b1>жирный.</b1> Второе.", ["Текст <b1>жирный.</b1>", "Второе."]),
        ("Сообщает <a2>Lada.kz</a2>. Вторая фраза.", ["Сообщает <a2>Lada.kz</a2>.", "Вторая фраза."]),
        ("<x1/>Первое. <b2>Второе</b2>.", ["<x1/>Первое.", "<b2>Второе</b2>."]),
        ("В. <i1>В.</i1> Путин приехал. Всё.", ["В. <i1>В.</i1> Путин приехал.", "Всё."]),
    ],
)
def test_inline_tags_are_zero_width(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)

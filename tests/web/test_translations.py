"""Every message the application shows has its Ukrainian translation (Ukrainian is the default)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from homeward.i18n import LOCALE_DIR, catalogue, in_context, plural_catalogue, translator
from homeward.web.labels import LABELS

SRC = Path(__file__).resolve().parents[2] / "src" / "homeward"
WEB = SRC / "web"
METHODS = [("web/templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]
# The errors a user can meet, and where their message is among the arguments (1-based).
ERRORS: dict[str, int] = {
    "InvalidInput": 2,
    "NotFound": 1,
    "Conflict": 1,
    "MergedRecord": 1,
    "HomewardError": 1,
    "Throttled": 1,
    "Message": 1,
    "Reason": 2,  # why no estimate exists (homeward.stats.loglinear): a code, then the message
    "_says": 1,  # a reason of an exchange category's rule, made a Message when read
    "UnreadableFile": 1,
    "ListTooLarge": 1,
}
# Packages whose errors only a developer or the command line meets (they stay English).
NOT_SHOWN_ON_PAGES = ("documents", "linkage/model.py", "linkage/backends.py", "linkage/files.py",
                      "linkage/cli.py", "cli.py", "cli_support.py", "demo")  # fmt: skip


def extracted() -> dict[str, str]:
    found: dict[str, str] = {}
    keywords = {
        "_": None,
        "ngettext": (1, 2),
        **{name: (position,) for name, position in ERRORS.items()},
    }
    for filename, _line, message, _comments, _context in extract_from_dir(
        str(SRC), METHODS, keywords=keywords
    ):
        shown = not any(part in filename for part in NOT_SHOWN_ON_PAGES)
        if isinstance(message, str) and shown:
            found[message] = filename
        elif isinstance(message, tuple) and shown:
            found[f"plural:{message[0]}"] = filename
    return found


def test_error_messages_are_templates_never_formatted_strings() -> None:
    """An f-string message cannot be found in the catalogue: values go in as named values."""
    formatted = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            position = ERRORS.get(name)
            if position is None or len(node.args) < position:
                continue
            if isinstance(node.args[position - 1], ast.JoinedStr):
                formatted.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not formatted, "formatted messages:\n" + "\n".join(formatted)


def test_the_extractor_sees_the_templates() -> None:
    assert "Sign in" in extracted()


def test_every_message_has_a_ukrainian_translation() -> None:
    uk = dict(catalogue("uk"))
    uk.update({f"plural:{singular}": "" for singular in plural_catalogue("uk")})
    wanted = {**extracted(), **dict.fromkeys(LABELS.values(), "labels.py")}
    missing = sorted(
        f"{where}: {message}" for message, where in wanted.items() if message not in uk
    )
    assert not missing, "untranslated:\n" + "\n".join(missing)


def test_catalogues_are_split_by_area_and_parse() -> None:
    assert len(list((LOCALE_DIR / "uk").glob("*.po"))) >= 1
    assert translator("uk")("Sign in") == "Увійти"
    assert translator("en")("Sign in") == "Sign in"
    assert translator("uk")("Found %(n)s", n=3) == "Found 3"
    # a message in a context: its entry, else the message's own translation, else the message
    assert translator("uk")(in_context("woman", "Good health")) == "Здорова"
    assert translator("uk")(in_context("woman", "Convalescent")) == "Одужує"
    assert translator("en")(in_context("woman", "Good health")) == "Good health"


def test_a_message_has_one_translation_in_every_catalogue() -> None:
    seen: dict[str, tuple[str, str]] = {}
    differ = []
    for po_file in sorted((LOCALE_DIR / "uk").glob("*.po")):
        with po_file.open("rb") as handle:
            for message in read_po(handle, locale="uk"):
                if not message.id:
                    continue
                key = in_context(message.context, str(message.id))  # a word said of a woman
                if key in seen and seen[key][1] != message.string:
                    differ.append(f"{key!r}: {seen[key][0]} and {po_file.name}")
                seen[key] = (po_file.name, str(message.string))
    assert not differ, "translated differently:\n" + "\n".join(differ)


# Messages about a person — the missing, the captive, the returnee, the one a witness saw, a
# family's relative — whose Ukrainian once assumed a man ("раніше за його повернення"): said
# now so that they fit anyone ("раніше за повернення", "цієї особи", "рідна людина").
ABOUT_ANYONE = (
    "before the return on %(day)s",
    "Returned on %(day)s.",
    "Each one's holds, and the form that lifts one, are on the person's page.",
    "captured at %(place)s → another place",
    "captured at %(place)s, date not known → maybe",
    "captured at %(place)s %(captured)s → within %(start)s–%(end)s",
    "captured at %(place)s %(captured)s → outside %(start)s–%(end)s",
    "captured at %(place)s %(captured)s: partly within %(start)s–%(end)s → maybe",
    "captured %(captured)s, after the return on %(returned)s",
    "a prisoner is bound to give it (Art. 17); record it as not known, and how he was identified",
    "record the surname he gave, or one that identifies him",
    "only what he gave voluntarily is recorded (Art. 17: no coercion)",
    "Type a surname to see whether he is in the register already.",
    "This is the man: captured again",
    "The prisoner was registered; his serial number is issued.",
    "He gave this voluntarily",
    "If he does not give it",
    "If he could not state his identity: how he was identified",
    "Language of his capture card",
    "How he came to serve",
    "how he came to serve",
    "did not finish school",
    "refused",
    "Refused to say",
    "Missing from",
    "Missing to",
    "died in captivity",
    "reported",
    "not reported",
    "The relative agrees to be contacted about the search",
    "The relative's contact and consent are recorded.",
    "say when the witness saw him (a year is enough): the witness's return is not known either",
    "a returnee is usually in the register: his return bounds what he saw",
    "Your relative",
    "News of your relative",
    "Your relative has come home. Ask your liaison about medical care, rehabilitation and pay "
    "for the time in captivity.",
    "There is news that we must tell you in person. Your family liaison will contact you; you "
    "can also call them now.",
)
MASCULINE = re.compile(
    r"(?<![\w'])(його|він|йому|ним|рідного|рідний|рідному|повернувся|полонений|узятий|зник|"
    r"відмовився|назвав|повідомив|закінчив|помер|потрапив)(?![\w'])",
    re.IGNORECASE,
)


def test_messages_about_a_person_fit_anyone_in_ukrainian() -> None:
    uk = dict(catalogue("uk"))
    assert set(ABOUT_ANYONE) <= set(uk)
    assumed = {message: uk[message] for message in ABOUT_ANYONE if MASCULINE.search(uk[message])}
    assert assumed == {}


# A name or a place goes into a message as typed, in the nominative: after a preposition it
# would read undeclined ("у Маріуполь", "для Коваленко Марія"); a label before a colon takes it.
AFTER_A_PREPOSITION = re.compile(
    r"(?<![\w'])(у|в|з|із|до|на|від|для|про|щодо) %\((place|person|contact|name|witness)\w*\)s",
    re.IGNORECASE,
)


def test_no_name_or_place_follows_a_preposition_undeclined_in_ukrainian() -> None:
    undeclined = {m: t for m, t in catalogue("uk").items() if AFTER_A_PREPOSITION.search(t)}
    assert undeclined == {}


def test_what_a_user_did_is_said_of_a_man_or_a_woman_alike() -> None:
    """The audit log's actions and a file's custody log say what the user did in the past
    tense, which in Ukrainian has a gender: "переглянув(-ла)", as for anyone."""
    from homeward.web.usecases.audit import ACTION_LABELS
    from homeward.web.usecases.incidents import WORDS

    uk = dict(catalogue("uk"))
    said = [
        uk[m]
        for m in (*ACTION_LABELS.values(), *(WORDS[k] for k in WORDS if k.startswith("file_")))
    ]
    only_his = re.compile(r"(?<![\w'])[а-яіїєґ']+(?:ив|ав|ов|ув|яв|ніс)(?![\w'(-])")
    assert [text for text in said if only_his.search(text)] == []
    assert "переглянув(-ла) особу" in said
    assert [text for text in uk.values() if "(ла)" in text] == []  # one way: "(-ла)"


STAFF_ROLE_AS_A_MAN = re.compile(
    r"(?<![\w'])(зв'язков(ий|ого|ому|им)|працівник\w*|співробітник\w*)(?![\w'])", re.IGNORECASE
)


def test_staff_are_named_by_their_office_not_as_a_man() -> None:
    """Families and staff read of the one who answers them as the office ("служба зв'язку з
    родинами") or as a contact person, never as "зв'язковий", a man: whoever signs a letter
    may be a woman."""
    uk = dict(catalogue("uk"))
    assumed = {message: text for message, text in uk.items() if STAFF_ROLE_AS_A_MAN.search(text)}
    assert assumed == {}


def test_the_demos_users_are_named_by_their_office_not_as_a_man() -> None:
    """A family reads the demo liaison's name as the one who answers it: an office too."""
    from homeward.access.users import _DEMO_NAMES

    assert [name for name in _DEMO_NAMES.values() if STAFF_ROLE_AS_A_MAN.search(name)] == []


def test_a_language_is_named_in_small_letters_as_ukrainian_writes_it() -> None:
    """A choice of languages reads "українська, англійська", not "українська, Англійська"."""
    uk = dict(catalogue("uk"))
    named = [uk[word] for word in ("Ukrainian", "Russian", "English")]
    assert named == ["українська", "російська", "англійська"]


NAME_AFTER_A_PREPOSITION = re.compile(
    r"(?<![\w'])(про|для|від|щодо|до|з|із|у|в|на|за|по) %\((name|person)\)s", re.IGNORECASE
)


def test_a_name_is_not_put_after_a_preposition() -> None:
    """A name comes in as the register holds it, in the nominative: after "про" or "щодо" it
    would have to be declined, which a message cannot do; it is named
    after a colon instead ("Про кого: …", "особа: …")."""
    uk = dict(catalogue("uk"))
    assert [text for text in uk.values() if NAME_AFTER_A_PREPOSITION.search(text)] == []

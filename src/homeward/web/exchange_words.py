"""The exchanges' words for their codes (states, modes, sides, rank groups, checklist steps,
one-off payments), in English for the catalogue: the exchanges' pages and the person page's
section for a returnee show them."""

from __future__ import annotations


def _(message: str) -> str:
    """Marks a word for the translation catalogue; the template translates it."""
    return message


WORDS: dict[str, str] = {
    "proposed": _("proposed"),
    "agreed": _("agreed"),
    "carried_out": _("carried out"),
    "reconciled": _("reconciled"),
    "all_for_all": _("all for all, within the categories"),
    "one_for_one": _("one for one"),
    "numbers": _("agreed numbers per category"),
    "own": _("whom we ask back"),
    "adversary": _("whom we offer"),
    "yes": _("yes"),
    "no": _("no"),
    "maybe": _("maybe"),
    "came_back_on_list": _("came back, on the list"),
    "came_back_not_on_list": _("came back, not on the list (substitution)"),
    "did_not_come": _("on the list, did not come"),
    "unknown_to_register": _("unknown to the register (a person was made)"),
    # the same, in a dry run: nothing is made until it is applied
    "unknown_to_register_planned": _("unknown to the register (a person will be made)"),
    "never_confirmed_before_return": _("never confirmed as captive before return"),
    "category": _("category"),
    "rank": _("rank"),
    "citizenship": _("citizenship"),
    "held": _("time held"),
    "rank_and_file": _("rank and file"),
    "sergeant": _("sergeant"),
    "officer": _("officer"),
    "general": _("general"),
    "unknown": _("unknown"),
    "none": _("none"),
    "under 1 year": _("under 1 year"),
    "1–2 years": _("1–2 years"),
    "2–3 years": _("2–3 years"),
    "3 years or more": _("3 years or more"),
    "medical_screening": _("Medical screening"),
    "psychological_rehabilitation": _("Psychological rehabilitation"),
    "documents_restored": _("Documents restored"),
    "back_pay": _("Back pay"),
    "return": _("on return"),
    "rehabilitation": _("for rehabilitation"),
}


# why a prisoner we hold is held back from exchanges (exchanges.vocab.HoldKind)
HOLD_WORDS: dict[str, str] = {
    "proceedings": _("held back for judicial proceedings (Art. 115, 119)"),
    "refuses": _("refuses repatriation (Art. 109)"),
}


def word(code: object) -> str:
    text = str(getattr(code, "value", code) or "")
    return WORDS.get(text, text)

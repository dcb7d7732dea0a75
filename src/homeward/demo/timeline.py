"""What happened to each synthetic person, as dated events consistent with the war's chronology.

Own persons: went missing (the fighting's days and places); some were captured; signs of
captivity (a captor's video, the captor's unofficial list, a letter or call, a returnee who saw
them) come before any confirmation (an ICRC notification or the captor's acknowledgment); many
are never confirmed, also among those who come home — a return happens only on an exchange day;
some die in captivity or are identified among repatriated remains. Adversary servicemen: captured,
moved to a camp, hospitalised, repatriated in an exchange, transferred, released, escaped.

An `Event` becomes a `SyntheticEvidence`; `carrier` names the kind of report that brought it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from homeward.demo.chronology import exchange_after, exchange_name
from homeward.demo.sampling import Uniform, day_between, skewed_days
from homeward.demo.sites import (
    CAPTOR_FIRST,
    CAPTOR_HOSPITALS,
    CAPTOR_LATER,
    OWN_CAMPS,
    OWN_HOSPITALS,
    OWN_SIZO,
    DetentionSite,
)


@dataclass(slots=True)  # not frozen: created by the million, internal to the generator
class Event:
    kind: str
    day: date
    precision: str  # day | month | year: how precisely the source dates it
    site: DetentionSite | None
    place: str | None  # a location when not a detention site
    reliability: str
    source_kind: str
    carrier: str | None  # the kind of report that carries it, None when none does
    received: date  # when that report was received
    note: str
    report_id: str | None = None  # set when the carrying report is written


def _coarse(rnd: Uniform, day: date, low: date, high: date) -> str:
    """Month or year precision when the whole month or year lies within [low, high]."""
    u = rnd()
    if u < 0.1 and date(day.year, 1, 1) >= low and date(day.year, 12, 31) <= high:
        return "year"
    month_end = date(day.year + day.month // 12, day.month % 12 + 1, 1) - timedelta(days=1)
    if u < 0.45 and date(day.year, day.month, 1) >= low and month_end <= high:
        return "month"
    return "day"


def _within(rnd: Uniform, low: date, high: date) -> date:
    """A day in [low, high], or `high` when `low` comes after it."""
    return day_between(rnd, min(low, high), high)


class _Captivity:
    """The sites a captive of the adversary passes through, by date."""

    def __init__(self, rnd: Uniform, captured: date, until: date) -> None:
        self.first = CAPTOR_FIRST.pick(rnd)
        moved = captured + timedelta(days=skewed_days(rnd, 10, 45, 240))
        self.moved = moved if moved < until else None
        self.later = CAPTOR_LATER.pick(rnd)

    def site_on(self, day: date) -> DetentionSite:
        return self.later if self.moved and day >= self.moved else self.first


def own_events(
    rnd: Uniform, *, missing: date, place: str, military: bool, today: date
) -> list[Event]:
    """The evidence about one of our people who went missing on `missing` at `place`."""
    carrier = "unit_report" if military and rnd() < 0.15 else "relative"
    reported = min(missing + timedelta(days=skewed_days(rnd, 1, 10, 90)), today)
    events = [
        Event(
            "reported_missing",
            missing,
            "day",
            None,
            place,
            "high",
            carrier,
            carrier,
            reported,
            "повідомлено про зникнення",
        )
    ]
    if rnd() < (0.5 if military else 0.4):
        _captivity(rnd, events, missing, today)
    elif rnd() < 0.25:
        found = missing + timedelta(days=skewed_days(rnd, 60, 300, 1400))
        if found <= today:
            events.append(
                Event(
                    "remains_identified",
                    found,
                    "day",
                    None,
                    None,
                    "high",
                    "unit_report",
                    "unit_report",
                    found,
                    "ідентифікований за ДНК",
                )
            )
    return events


def _end_of_captivity(rnd: Uniform, captured: date, today: date) -> tuple[str, date] | None:
    u = rnd()
    if u < 0.05:
        end, kind = captured + timedelta(days=skewed_days(rnd, 10, 200, 1100)), "died"
    elif u < 0.08:
        end, kind = captured + timedelta(days=skewed_days(rnd, 20, 300, 1200)), "released_other"
    else:
        earliest = captured + timedelta(days=skewed_days(rnd, 25, 600, 2600))
        day = exchange_after(rnd, earliest, today)
        if day is None:
            return None
        end, kind = day, "returned"
    return (kind, end) if end <= today else None


def _captivity(rnd: Uniform, events: list[Event], captured: date, today: date) -> None:
    end = _end_of_captivity(rnd, captured, today)
    horizon = end[1] if end else today
    sites = _Captivity(rnd, captured, horizon)
    confirmed = None
    if rnd() < 0.8:
        day = captured + timedelta(days=skewed_days(rnd, 14, 90, 600))
        if day < horizon:
            confirmed = day
    _signs(rnd, events, sites, captured, confirmed or horizon, today)
    if confirmed:
        _confirmation(rnd, events, sites, confirmed, horizon)
    if end:
        _end_events(rnd, events, sites, end, today)


def _signs(
    rnd: Uniform, events: list[Event], sites: _Captivity, captured: date, until: date, today: date
) -> None:
    """Signs of captivity short of confirmation, all before it."""
    if rnd() < 0.22:
        day = min(captured + timedelta(days=skewed_days(rnd, 0, 4, 60)), until)
        events.append(
            Event(
                "seen_in_media",
                day,
                "day",
                None,
                None,
                "medium",
                "media",
                "media",
                day,
                "відео на каналі сторони-утримувача",
            )
        )
    if rnd() < 0.25:
        day = _within(rnd, captured + timedelta(days=14), until)
        events.append(
            Event(
                "captor_list",
                day,
                "day",
                sites.site_on(day),
                None,
                "medium",
                "captor_list",
                "captor_list",
                day,
                "у неофіційному списку сторони-утримувача",
            )
        )
    if rnd() < 0.12:
        day = _within(rnd, captured + timedelta(days=21), until)
        precision = _coarse(rnd, day, captured, until)
        events.append(
            Event(
                "letter_or_call",
                day,
                precision,
                None,
                None,
                "medium",
                "relative",
                None,
                day,
                "дзвінок з полону",
            )
        )
    for chance_of_witness in (0.3, 0.1):
        if rnd() >= chance_of_witness:
            break
        _testimony(rnd, events, sites, captured, until, today)


def _testimony(
    rnd: Uniform, events: list[Event], sites: _Captivity, captured: date, until: date, today: date
) -> None:
    seen = _within(rnd, captured + timedelta(days=7), until)
    witness_home = exchange_after(rnd, seen + timedelta(days=1), today)
    if witness_home is None:
        return
    received = min(witness_home + timedelta(days=skewed_days(rnd, 1, 14, 120)), today)
    site = sites.site_on(seen)
    events.append(
        Event(
            "testimony_sighting",
            seen,
            _coarse(rnd, seen, captured, until),
            site,
            None,
            "medium" if rnd() < 0.7 else "low",
            "testimony",
            "testimony",
            received,
            f"бачив побратим, звільнений з полону під час обміну {witness_home:%d.%m.%Y}",
        )
    )


def _confirmation(
    rnd: Uniform, events: list[Event], sites: _Captivity, confirmed: date, horizon: date
) -> None:
    if rnd() < 0.75:
        events.append(
            Event(
                "icrc_notification",
                confirmed,
                "day",
                sites.site_on(confirmed),
                None,
                "high",
                "icrc_list",
                "icrc_list",
                confirmed,
                "повідомлення МКЧХ",
            )
        )
    else:
        events.append(
            Event(
                "captor_acknowledgment",
                confirmed,
                "day",
                None,
                None,
                "high",
                "captor_list",
                "captor_list",
                confirmed,
                "визнано органами сторони-утримувача",
            )
        )
    if rnd() < 0.2:
        day = day_between(rnd, confirmed, horizon - timedelta(days=1))
        events.append(
            Event(
                "icrc_visit",
                day,
                "day",
                sites.site_on(day),
                None,
                "high",
                "icrc_list",
                None,
                day,
                "відвідування МКЧХ",
            )
        )
    if rnd() < 0.08:
        day = day_between(rnd, confirmed, horizon - timedelta(days=1))
        events.append(
            Event(
                "court_case",
                day,
                "day",
                sites.site_on(day),
                None,
                "medium",
                "media",
                None,
                day,
                "засуджений судом сторони-утримувача",
            )
        )


def _end_events(
    rnd: Uniform, events: list[Event], sites: _Captivity, end: tuple[str, date], today: date
) -> None:
    kind, day = end
    if kind == "returned":
        events.append(
            Event(
                "returned",
                day,
                "day",
                None,
                None,
                "high",
                "exchange_list",
                "exchange_list",
                day,
                exchange_name(day),
            )
        )
    elif kind == "released_other":
        events.append(
            Event(
                "released_other",
                day,
                "day",
                None,
                None,
                "high",
                "unit_report",
                None,
                day,
                "звільнений поза обміном",
            )
        )
    else:
        source = "icrc_list" if rnd() < 0.6 else "captor_list"
        site = CAPTOR_HOSPITALS.pick(rnd) if rnd() < 0.3 else sites.site_on(day)
        events.append(
            Event(
                "died",
                day,
                "day",
                site,
                None,
                "high" if source == "icrc_list" else "medium",
                source,
                source,
                day,
                "помер у полоні",
            )
        )
        found = day + timedelta(days=skewed_days(rnd, 30, 200, 900))
        if rnd() < 0.4 and found <= today:
            events.append(
                Event(
                    "remains_identified",
                    found,
                    "day",
                    None,
                    None,
                    "high",
                    "unit_report",
                    "unit_report",
                    found,
                    "ідентифікований серед репатрійованих тіл",
                )
            )


def adversary_events(rnd: Uniform, *, captured: date, place: str, today: date) -> list[Event]:
    """The custody record of an adversary serviceman captured on `captured` at `place`."""
    card = min(captured + timedelta(days=int(rnd() * 7) + 1), today)
    events = [
        Event(
            "captured",
            captured,
            "day",
            None,
            place,
            "high",
            "capture_card",
            "capture_card",
            card,
            f"потрапив у полон поблизу: {place}",
        )
    ]
    since: date | None = captured
    if rnd() < 0.12:
        since = _wounded(rnd, events, captured, today)
    if since is not None:
        since = _add(
            rnd, events, "moved", since, skewed_days(rnd, 2, 7, 30), OWN_CAMPS.pick(rnd), today
        )
    if since is not None:
        _adversary_end(rnd, events, since, today)
    return events


def _add(
    rnd: Uniform,
    events: list[Event],
    kind: str,
    after: date,
    days: int,
    site: DetentionSite | None,
    today: date,
    note: str = "",
) -> date | None:
    day = after + timedelta(days=max(days, 1))
    if day > today:
        return None
    events.append(
        Event(kind, day, "day", site, None, "high", "unit_report", None, day, note or _NOTES[kind])
    )
    return day


# what the unit's report says of a step in custody, in the demo's language (Ukrainian)
_NOTES = {
    "moved": "переведений до іншого табору",
    "discharged": "виписаний з лікарні",
    "escaped": "втік з табору",
    "recaptured": "знову затриманий після втечі",
}


def _wounded(rnd: Uniform, events: list[Event], captured: date, today: date) -> date | None:
    day = _add(
        rnd,
        events,
        "hospitalised",
        captured,
        int(rnd() * 3),
        OWN_HOSPITALS.pick(rnd),
        today,
        "поранений під час полонення",
    )
    if day is None:
        return None
    if rnd() < 0.05:
        _add(
            rnd,
            events,
            "died",
            day,
            skewed_days(rnd, 1, 10, 60),
            events[-1].site,
            today,
            "помер від поранень",
        )
        return None
    return _add(rnd, events, "discharged", day, skewed_days(rnd, 7, 25, 90), None, today)


def _adversary_end(rnd: Uniform, events: list[Event], since: date, today: date) -> None:
    u = rnd()
    if u < 0.62:
        earliest = since + timedelta(days=skewed_days(rnd, 20, 250, 1200))
        day = exchange_after(rnd, earliest, today)
        if day is not None:
            events.append(
                Event(
                    "repatriated",
                    day,
                    "day",
                    None,
                    None,
                    "high",
                    "exchange_list",
                    "exchange_list",
                    day,
                    exchange_name(day),
                )
            )
    elif u < 0.65:
        _add(
            rnd,
            events,
            "transferred",
            since,
            skewed_days(rnd, 10, 120, 700),
            OWN_SIZO.pick(rnd),
            today,
            "переданий для кримінального провадження",
        )
    elif u < 0.665:
        _add(
            rnd,
            events,
            "released",
            since,
            skewed_days(rnd, 30, 300, 900),
            None,
            today,
            "звільнений до третьої країни",
        )
    elif u < 0.668:
        escaped = _add(rnd, events, "escaped", since, skewed_days(rnd, 10, 150, 600), None, today)
        if escaped and rnd() < 0.8:
            _add(
                rnd, events, "recaptured", escaped, int(rnd() * 10) + 1, OWN_CAMPS.pick(rnd), today
            )
    elif u < 0.68:
        _add(
            rnd,
            events,
            "died",
            since,
            skewed_days(rnd, 10, 300, 1000),
            None,
            today,
            "помер під вартою",
        )

"""`homeward demo` gives debriefings: several mentions each, most linked, some open, with the
places of detention they name."""

from __future__ import annotations

import re

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.db import session_factory
from homeward.demo.sites import DETENTION_SITES
from homeward.demo.store import build_demo
from homeward.registry.models import Evidence, Source
from homeward.testimonies.demo import build_testimony_demo
from homeward.testimonies.models import Debriefing, Mention


def test_the_demo_debriefs_returnees_who_name_several_persons(clean_db: Engine) -> None:
    build_demo(clean_db, persons=600, seed=3, recorded_twice=0.0)
    made = build_testimony_demo(clean_db, seed=3)
    assert made.debriefings >= 5
    assert made.linked > made.open > 0
    with session_factory(clean_db)() as session:
        assert isinstance(session, Session)
        debriefings = list(session.scalars(select(Debriefing)))
        assert all(len(d.mentions) >= 3 for d in debriefings)
        assert all(d.witness_person_id is not None for d in debriefings)
        # named as the demo's other names are, in Ukrainian
        assert all(d.source and d.source.name.startswith("опитування ") for d in debriefings)
        testimonies = session.scalars(select(Source.name).where(Source.kind == "returnee"))
        assert not [n for n in testimonies if re.search(r"[A-Za-z]{3,}", n)]
        places = {m.place.kind for d in debriefings for m in d.mentions if m.place}
        assert places and "other" not in places
        sightings = session.scalars(
            select(Evidence).where(Evidence.source_id.in_([d.source_id for d in debriefings]))
        ).all()
        assert len(sightings) == made.linked
        assert all(e.kind == "testimony_sighting" and e.place_id for e in sightings)


def test_the_demos_witnesses_saw_our_people_only_in_the_adversarys_places(
    clean_db: Engine,
) -> None:
    build_demo(clean_db, persons=600, seed=3, recorded_twice=0.0)
    build_testimony_demo(clean_db, seed=3)
    own = {name for site in DETENTION_SITES if site.holder == "own" for name in site.names}
    captors = {site.name_uk for site in DETENTION_SITES if site.holder == "captor"}
    with session_factory(clean_db)() as session:
        mentions = list(session.scalars(select(Mention).where(Mention.place_id.is_not(None))))
        assert mentions
        assert not {m.place_heard for m in mentions} & own
        assert {m.place.name for m in mentions if m.place} <= captors

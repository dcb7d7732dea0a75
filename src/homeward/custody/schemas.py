"""What the bureau's services accept: pydantic models that read raw input and name the bad field,
and the custody vocabularies."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from homeward.dates import PartialDate
from homeward.registry.schemas import OptionalText, PersonIn, Schema, _partial_date
from homeward.registry.vocab import EvidenceKind


class Answer(StrEnum):
    """What a prisoner said of a field he was asked: distinct from a field left empty."""

    REFUSED = "refused"
    NOT_KNOWN = "not_known"


# Art. 17: what a prisoner is bound to give. Everything else of the identity set he may refuse.
OWED = ("surname", "given_name", "rank", "birth_date", "service_number")
IDENTITY_SET = (
    *OWED,
    "patronymic",
    "birth_place",
    "power",
    "father_name",
    "mother_maiden_name",
    "person_to_inform",
    "correspondence_address",
)


class CustodyEvent(StrEnum):
    """The movements the bureau records; each is evidence on the person."""

    CAPTURED = "captured"
    MOVED = "moved"  # arrival at a camp, or a transfer between our camps
    HOSPITALISED = "hospitalised"
    DISCHARGED = "discharged"
    TRANSFERRED = "transferred"  # handed over to another Power (Art. 12)
    ESCAPED = "escaped"
    RECAPTURED = "recaptured"
    RELEASED = "released"
    REPATRIATED = "repatriated"
    DIED = "died"

    @property
    def evidence_kind(self) -> EvidenceKind:
        return EvidenceKind(self.value)


# Events that bring him to a place of internment: the place must be one the bureau knows.
TO_A_PLACE_OF_INTERNMENT = frozenset(
    {CustodyEvent.MOVED, CustodyEvent.HOSPITALISED, CustodyEvent.RECAPTURED}
)


class RankCategory(StrEnum):
    RANK_AND_FILE = "rank_and_file"
    SERGEANT = "sergeant"
    OFFICER = "officer"


class ServiceRoute(StrEnum):
    CONTRACT = "contract"
    CONTRACT_PRISON = "contract_prison"  # recruited from a prison
    CONTRACT_PMC = "contract_pmc"  # a private military company
    MOBILISED = "mobilised"
    CONSCRIPT = "conscript"


class Education(StrEnum):
    HIGHER = "higher"
    VOCATIONAL = "vocational"
    SECONDARY = "secondary"
    INCOMPLETE = "incomplete"  # did not finish school


class LetterKind(StrEnum):
    LETTER = "letter"
    CARD = "card"
    DECLINED = "declined"  # he does not wish to write
    OBSTRUCTED = "obstructed"  # he cannot: no post, a disciplinary measure …


class Direction(StrEnum):
    SENT = "sent"
    RECEIVED = "received"


class Visitor(StrEnum):
    ICRC = "icrc"
    PROTECTING_POWER = "protecting_power"


class AnnexCondition(StrEnum):
    """The categories of Annex I, A (direct repatriation) and B (neutral country)."""

    INCURABLE_WOUNDED = "incurable_wounded"
    INCURABLE_SICK = "incurable_sick"
    NO_RECOVERY_IN_A_YEAR = "no_recovery_in_a_year"
    MENTAL_DISORDER = "mental_disorder"
    GRAVE_CHRONIC_DISEASE = "grave_chronic_disease"
    LOSS_OF_LIMB_OR_SENSE = "loss_of_limb_or_sense"
    TUBERCULOSIS = "tuberculosis"
    OTHER = "other"


class AnnexOutcome(StrEnum):
    DIRECT_REPATRIATION = "direct_repatriation"
    NEUTRAL_COUNTRY = "neutral_country"


def _not_future(value: date, field: str = "on") -> date:
    if value > date.today():
        raise ValueError(f"{field}: is in the future")
    return value


def parse_day(value: Any, info: ValidationInfo | None = None) -> Any:
    """A day, given as a date or as text (dd.mm.yyyy or yyyy-mm-dd); a month or a year will not
    do for the bureau's own records. An impossible date names its field ("sent_on")."""
    if value is None or isinstance(value, date):
        return value
    from homeward.dates import parse_partial_date

    field = (info.field_name if info is not None else None) or "date"
    parsed = parse_partial_date(str(value), field=field)
    if parsed is None or parsed.day is None:
        raise ValueError("give the day: dd.mm.yyyy")
    return parsed.earliest


def _day(value: Any, info: ValidationInfo) -> Any:
    return parse_day(value, info)


Day = Annotated[date, BeforeValidator(_day)]
OptionalDay = Annotated[date | None, BeforeValidator(_day)]
When = Annotated[PartialDate, BeforeValidator(_partial_date)]


class RegistrationIn(PersonIn):
    """The identity set (Art. 17, 122 §4) and the capture."""

    captured_on: When
    captured_at: str = Field(min_length=1, max_length=200)
    sector: OptionalText = Field(default=None, max_length=200)
    capturing_unit: OptionalText = Field(default=None, max_length=200)
    power: OptionalText = Field(default="RUS", min_length=3, max_length=3)
    language: str = Field(default="ru", pattern="^(ru|en)$")
    identified_by: OptionalText = None
    answers: dict[str, Answer] = Field(default_factory=dict)
    person_id: int | None = None  # an existing person: captured a second time

    @field_validator("captured_on", mode="after")
    @classmethod
    def _capture_not_in_future(cls, value: PartialDate) -> PartialDate:
        if value.earliest > date.today():
            raise ValueError("is in the future")
        return value

    @field_validator("power", mode="after")
    @classmethod
    def _upper_power(cls, value: str | None) -> str | None:
        return value.upper() if value else value

    @model_validator(mode="after")
    def _answers_fit_the_set(self) -> RegistrationIn:
        for field, answer in self.answers.items():
            if field not in IDENTITY_SET:
                raise ValueError(f"answers: {field!r} is not a field of the identity set")
            if field == "surname":
                raise ValueError("surname: record the surname he gave, or one that identifies him")
            if answer is Answer.REFUSED and field in OWED:
                raise ValueError(
                    f"{field}: a prisoner is bound to give it (Art. 17); "
                    "record it as not known, and how he was identified"
                )
            if getattr(self, field, None) not in (None, ""):
                raise ValueError(f"{field}: give a value or an answer, not both")
        if self.side.value != "adversary":
            raise ValueError("side: a prisoner we hold is of the adversary's side")
        return self


class EventIn(Schema):
    kind: CustodyEvent
    on: When
    place: OptionalText = Field(default=None, max_length=200)
    note: OptionalText = None

    @field_validator("on", mode="after")
    @classmethod
    def _not_in_future(cls, value: PartialDate) -> PartialDate:
        if value.earliest > date.today():
            raise ValueError("is in the future")
        return value


class LetterIn(Schema):
    on: Day
    kind: LetterKind
    direction: Direction | None = None
    note: OptionalText = None

    @model_validator(mode="after")
    def _direction_for_mail(self) -> LetterIn:
        _not_future(self.on)
        written = self.kind in (LetterKind.LETTER, LetterKind.CARD)
        if written and self.direction is None:
            raise ValueError("direction: say whether it was sent or received")
        if not written and self.direction is not None:
            raise ValueError("direction: only a letter or a card is sent or received")
        return self


def _decimal_comma(value: Any) -> Any:
    """A number as Ukrainian forms write it: "72,5" is 72.5."""
    return value.strip().replace(",", ".") if isinstance(value, str) else value


class InspectionIn(Schema):
    on: Day
    weight_kg: Annotated[float | None, BeforeValidator(_decimal_comma)] = Field(
        default=None, ge=20, le=300
    )
    seriously_ill: bool = False
    findings: OptionalText = None
    doctor: OptionalText = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _past(self) -> InspectionIn:
        _not_future(self.on)
        return self


class HealthReportIn(Schema):
    sent_on: Day
    summary: OptionalText = None

    @model_validator(mode="after")
    def _past(self) -> HealthReportIn:
        _not_future(self.sent_on, "sent_on")
        return self


class AnnexFindingIn(Schema):
    on: Day
    condition: AnnexCondition
    outcome: AnnexOutcome
    doctor: str = Field(min_length=1, max_length=200)
    note: OptionalText = None

    @model_validator(mode="after")
    def _past(self) -> AnnexFindingIn:
        _not_future(self.on)
        return self


class VisitIn(Schema):
    on: Day
    place: str = Field(min_length=1, max_length=200)
    visitor: Visitor
    interviewed: tuple[int, ...] = ()
    note: OptionalText = None

    @model_validator(mode="after")
    def _past(self) -> VisitIn:
        _not_future(self.on)
        return self


class DeathNoticeIn(Schema):
    sent_on: Day
    cause: OptionalText = None  # None: not known
    caused_by_another: bool = False
    buried_on: OptionalDay = None
    burial_place: OptionalText = Field(default=None, max_length=300)
    grave: OptionalText = Field(default=None, max_length=300)

    @model_validator(mode="after")
    def _past(self) -> DeathNoticeIn:
        _not_future(self.sent_on, "sent_on")
        if self.buried_on is not None:
            _not_future(self.buried_on, "buried_on")
        return self

    @property
    def enquiry_needed(self) -> bool:
        return self.cause is None or self.caused_by_another


class EnquiryIn(Schema):
    opened_on: Day
    finding: OptionalText = None

    @model_validator(mode="after")
    def _past(self) -> EnquiryIn:
        _not_future(self.opened_on, "opened_on")
        return self


class EffectIn(Schema):
    taken_on: Day
    description: str = Field(min_length=1, max_length=300)
    amount_minor: int | None = Field(default=None, ge=0)
    currency: OptionalText = Field(default=None, min_length=3, max_length=3)
    receipt: str = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _money_has_currency(self) -> EffectIn:
        _not_future(self.taken_on, "taken_on")
        if (self.amount_minor is None) != (self.currency is None):
            raise ValueError("currency: money needs an amount and a currency")
        return self


class DisposalIn(Schema):
    """An article that went back: returned to him, or sent in a sealed packet (Art. 122 §9)."""

    on: Day
    disposal: Literal["returned", "sealed_packet"] = "returned"


class ProfileIn(Schema):
    interviewed_on: Day
    voluntary: bool
    rank_category: RankCategory | None = None
    service_route: ServiceRoute | None = None
    citizenship: OptionalText = Field(default=None, min_length=3, max_length=3)
    coercion_or_deception: bool | None = None
    previous_convictions: bool | None = None
    education: Education | None = None
    worked_before_war: bool | None = None
    children: int | None = Field(default=None, ge=0, le=30)
    chronic_conditions: OptionalText = None

    @model_validator(mode="after")
    def _given_freely(self) -> ProfileIn:
        _not_future(self.interviewed_on, "interviewed_on")
        if not self.voluntary:
            raise ValueError(
                "voluntary: only what he gave voluntarily is recorded (Art. 17: no coercion)"
            )
        return self

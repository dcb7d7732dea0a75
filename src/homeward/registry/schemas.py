"""What the services accept: pydantic models that read raw user input and name the bad field."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Final, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from homeward.dates import PartialDate, parse_partial_date
from homeward.errors import InvalidInput, Message
from homeward.registry.vocab import (
    EvidenceKind,
    IdentifierKind,
    Reliability,
    ServiceStatus,
    Sex,
    Side,
    SourceKind,
)
from homeward.text import NOT_TEXT, NOTE_MAX, not_text


def _partial_date(value: Any, info: ValidationInfo) -> PartialDate | None:
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, date):
        return PartialDate.of(value)
    try:
        return parse_partial_date(str(value), field=info.field_name or "date")
    except InvalidInput as error:
        # the template and its values travel inside, so the page says it in the user's language
        raise ValueError(error.as_message()) from None


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return value


OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]
OptionalDate = Annotated[PartialDate | None, BeforeValidator(_partial_date)]


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    @field_validator("*", mode="before")
    @classmethod
    def _only_text(cls, value: Any) -> Any:
        if isinstance(value, str) and not_text(value):
            raise ValueError(NOT_TEXT)
        return value


class SourceIn(Schema):
    kind: SourceKind
    name: str = Field(min_length=1, max_length=300)
    description: OptionalText = None


class IdentifierIn(Schema):
    kind: IdentifierKind
    value: str = Field(min_length=1, max_length=100)


# A cell a spreadsheet would run ("=HYPERLINK(…)", "+cmd", "@SUM(…)"): no one's name.
NOT_A_NAME: Final = "does not read as a name: it looks like a spreadsheet formula"


def looks_like_formula(value: str) -> bool:
    """Whether a name field holds a spreadsheet formula rather than a name: it begins with
    "=", "+" or "@" (or their full-width forms). An "=" further in is a register's notation
    ("Petrenko (=Petrenkov)"), kept. A name that starts with "-" is not refused here; exports
    guard it (`guard`)."""
    text = value.strip()
    return bool(text) and text[0] in "=+@\uff1d\uff0b\uff20"


class NameIn(Schema):
    surname: str = Field(max_length=200)
    given_name: OptionalText = Field(default=None, max_length=200)
    patronymic: OptionalText = Field(default=None, max_length=200)

    @field_validator("surname", mode="before")
    @classmethod
    def _surname_present(cls, value: Any) -> Any:
        if not isinstance(value, str) or not value.strip():
            raise ValueError("a surname is required")
        return " ".join(value.split())

    @field_validator("surname", "given_name", "patronymic", mode="after")
    @classmethod
    def _not_a_formula(cls, value: str | None) -> str | None:
        if value is not None and looks_like_formula(value):
            raise ValueError(NOT_A_NAME)
        return value


class PersonIn(NameIn):
    side: Side = Side.OWN
    sex: Sex = Sex.UNKNOWN
    birth_date: OptionalDate = None
    birth_place: OptionalText = Field(default=None, max_length=200)
    citizenship: OptionalText = Field(default=None, min_length=3, max_length=3)
    service_status: ServiceStatus = ServiceStatus.MILITARY
    branch: OptionalText = Field(default=None, max_length=100)
    unit: OptionalText = Field(default=None, max_length=100)
    rank: OptionalText = Field(default=None, max_length=100)
    service_number: OptionalText = Field(default=None, max_length=50)
    missing_date: OptionalDate = None
    missing_place: OptionalText = Field(default=None, max_length=200)
    father_name: OptionalText = Field(default=None, max_length=200)
    mother_maiden_name: OptionalText = Field(default=None, max_length=200)
    person_to_inform: OptionalText = Field(default=None, max_length=300)
    correspondence_address: OptionalText = Field(default=None, max_length=500)
    legal_status: OptionalText = Field(default=None, max_length=100)
    identifiers: tuple[IdentifierIn, ...] = ()

    @field_validator("citizenship", mode="after")
    @classmethod
    def _upper_country(cls, value: str | None) -> str | None:
        return value.upper() if value else value

    @model_validator(mode="after")
    def _dates_in_order(self) -> PersonIn:
        check_person_dates(self.birth_date, self.missing_date)
        return self


def check_person_dates(birth: PartialDate | None, missing: PartialDate | None) -> None:
    today = date.today()
    if birth is not None and birth.earliest > today:
        raise ValueError("birth_date: is in the future")
    if missing is not None and missing.earliest > today:
        raise ValueError("missing_date: is in the future")
    if birth is not None and missing is not None and missing.certainly_before(birth):
        raise ValueError("birth_date: is after the date of disappearance")


# The fields an edit may change; names are added as variants, never overwritten.
EDITABLE_FIELDS = frozenset(PersonIn.model_fields) - {
    "surname",
    "given_name",
    "patronymic",
    "side",
    "identifiers",
}


class EvidenceIn(Schema):
    kind: EvidenceKind
    on: Annotated[PartialDate, BeforeValidator(_partial_date)]
    reliability: Reliability = Reliability.MEDIUM
    place: OptionalText = Field(default=None, max_length=200)
    note: OptionalText = Field(default=None, max_length=NOTE_MAX)
    supersedes_id: int | None = None
    source: SourceIn | None = None
    report_id: int | None = None

    @field_validator("on", mode="after")
    @classmethod
    def _not_in_future(cls, value: PartialDate) -> PartialDate:
        if value.earliest > date.today():
            raise ValueError("is in the future")
        return value

    @model_validator(mode="after")
    def _retraction_names_its_target(self) -> EvidenceIn:
        if self.kind is EvidenceKind.RETRACTION and self.supersedes_id is None:
            raise ValueError("supersedes_id: a retraction must name the evidence it retracts")
        return self


class ContactIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    relation: str = Field(min_length=1, max_length=50)
    phone: OptionalText = Field(default=None, max_length=50)
    email: OptionalText = Field(default=None, max_length=200)
    address: OptionalText = Field(default=None, max_length=500)
    consent_contact: bool = False
    consent_share: bool = False


class ReportIn(Schema):
    source: SourceIn
    payload: dict[str, Any]
    received_at: Annotated[Any, Field(default=None)] = None
    origin_file: OptionalText = None
    origin_sha256: OptionalText = None
    origin_sheet: OptionalText = None
    origin_row: int | None = None


M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], data: dict[str, Any]) -> M:
    """Build `model` from raw input, turning the first problem into an error naming its field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise invalid_input(error, model.__name__) from None


# Pydantic's messages as templates of our own, so that they are translated like every other.
_PYDANTIC_MESSAGES = {
    "missing": "is required",
    "string_too_long": "is too long: at most %(max_length)s characters",
    "string_too_short": "is too short: at least %(min_length)s characters",
    "enum": "is not one of: %(expected)s",
    "literal_error": "is not one of: %(expected)s",
    "int_parsing": "is not a whole number",
    "int_type": "is not a whole number",
    "float_parsing": "is not a number",
    "float_type": "is not a number",
    "bool_parsing": "is not yes or no",
    "greater_than_equal": "must be at least %(ge)s",
    "less_than_equal": "must be at most %(le)s",
    "extra_forbidden": "is not a field of this form",
}


def invalid_input(error: ValidationError, where: str) -> InvalidInput:
    """The first problem of a validation as an error naming its field, its message a template
    (with the values pydantic gives) or, for our own validators, our own words."""
    return invalid_input_of(error.errors()[0], where)


def invalid_input_of(first: Any, where: str = "request") -> InvalidInput:
    """One problem of a pydantic validation (an `ErrorDetails`) as an `InvalidInput`."""
    location = ".".join(str(part) for part in first.get("loc", ())) or where
    raised = (first.get("ctx") or {}).get("error")
    if isinstance(raised, ValueError) and raised.args and isinstance(raised.args[0], Message):
        said = raised.args[0]
        return InvalidInput(location, said.template, **said.values)
    template = _PYDANTIC_MESSAGES.get(first.get("type", ""))
    if template is not None:
        context = {k: str(v) for k, v in (first.get("ctx") or {}).items()}
        if first["type"] == "string_too_short" and context.get("min_length") == "1":
            template, context = "is required", {}
        return InvalidInput(location, template, **context)
    message = str(first.get("msg", "")).removeprefix("Value error, ")
    if ": " in message and not first.get("loc"):
        location, message = message.split(": ", 1)
    return InvalidInput(location, message)

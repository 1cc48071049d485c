"""Request bodies of the review endpoints: pydantic lives here, at the HTTP edge, and nowhere else.

Validation here turns a malformed review into a 422 before it reaches the store, so the audit
log only ever holds corrections of known fields with values of the right shape.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator

from eventledger.api.validation import Country, Date, Mode, Name, PlainText, time_order
from eventledger.model import EVENT_STATUSES, PLACE_PRECISIONS, TIME_PRECISIONS

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Status = Literal[EVENT_STATUSES]  # type: ignore[valid-type]
TimePrecision = Literal[TIME_PRECISIONS]  # type: ignore[valid-type]
PlacePrecision = Literal[PLACE_PRECISIONS]  # type: ignore[valid-type]
Text = Field(default=None, max_length=200)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)  # NaN/Infinity are a 422, not a 500


class Location(_Strict):
    """A corrected place: a name, and optionally coordinates, country, admin1 and precision."""

    name: Name
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    country: Country | None = None
    admin1: PlainText | None = Text
    admin2: PlainText | None = Text
    precision: PlacePrecision = "unknown"


class Corrections(_Strict):
    """The correctable fields; only those sent are corrected."""

    type: str | None = Field(default=None, pattern=r"^[A-Z_]{2,20}$")
    mode: Mode | None = Field(default=None, max_length=40)
    status: Status | None = None
    contexts: list[Name] | None = Field(default=None, max_length=20)
    time_start: Date | None = None
    time_end: Date | None = None
    time_precision: TimePrecision | None = None
    location: Location | None = None
    actors: list[Name] | None = Field(default=None, max_length=20)
    targets: list[Name] | None = Field(default=None, max_length=20)
    fatalities: StrictInt | None = Field(
        default=None, ge=0, le=10_000_000, description="Deaths, overriding the stated counts."
    )

    @field_validator("type", "status", "contexts", "actors", "targets", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:  # sent as null: only location, mode, times and fatalities take null as a value
            raise ValueError("cannot be null; send a value (an empty list clears actors or targets)")
        return value

    @model_validator(mode="after")
    def _start_before_end(self) -> Corrections:
        time_order(self.time_start, self.time_end)
        return self


class ReviewIn(_Strict):
    """The body of accept and reject: an optional comment."""

    comment: str = Field(default="", max_length=2000)


class CorrectIn(ReviewIn):
    """The body of correct: the fields to correct (at least one) and a comment."""

    fields: Corrections


class MergeIn(ReviewIn):
    """The body of an event merge: the event to fold this one into."""

    into: int = Field(ge=1, le=2**62, description="The event that is kept; this one is folded into it.")


RowId = Annotated[int, Field(ge=1, le=2**62)]


class SplitIn(ReviewIn):
    """The body of an incident split: the events to move out into a new incident."""

    event_ids: list[RowId] = Field(min_length=1, max_length=500, description="Events moved into a new incident.")


class MergeIncidentsIn(ReviewIn):
    """The body of an incident merge: two or more incident ids."""

    incident_ids: list[RowId] = Field(min_length=2, max_length=50, description="Merged into the oldest of them.")


class BulkIn(ReviewIn):
    """The body of a bulk review: one action, its corrections, and the events (or the query's filters).

    Without ``event_ids`` the events are those the query string's filters select (the same
    filters as ``GET /api/events``), so the UI can act on what it shows.
    """

    action: Literal["accept", "correct", "reject"]
    event_ids: list[RowId] | None = Field(default=None, min_length=1, max_length=1000)
    fields: Corrections | None = None

    @model_validator(mode="after")
    def _fields_with_correct_only(self) -> BulkIn:
        sent = self.fields.model_dump(exclude_unset=True) if self.fields else {}
        if self.action == "correct" and not sent:
            raise ValueError("a bulk correction needs at least one field to correct")
        if self.action != "correct" and self.fields is not None:
            raise ValueError(f"{self.action} takes no fields; use action 'correct'")
        return self

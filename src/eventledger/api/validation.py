"""Value checks for review bodies, used by ``api.schemas``: a bad correction is a 422, never a 500.

JSON as Python reads it accepts ``NaN`` and ``Infinity``; a coordinate like that used to reach
the store and then fail to serialise (500). Countries must be ISO 3166-1 alpha-2 codes that
exist (``zz`` is not one), dates must be real days, a time interval must not end before it
starts, modes and names are plain text (no markup or control characters), and actors are
non-empty.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints

from eventledger.validate import is_date_prefix

# ISO 3166-1 alpha-2, officially assigned, plus XK (Kosovo), which news and gazetteers use.
ISO_COUNTRIES = frozenset(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
    BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ
    FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ
    IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH
    MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL
    PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD
    TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK""".split()
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_MARKUP = re.compile(r"[<>{}\[\]`\\]|&[#\w]+;|javascript:", re.I)
_MODE = re.compile(r"^[A-Za-z][A-Za-z0-9 _/-]{0,39}$")


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    if value.upper() not in ISO_COUNTRIES:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return value.upper()


def _plain(value: str | None) -> str | None:
    if value is None:
        return None
    if _CONTROL.search(value) or _MARKUP.search(value):
        raise ValueError("must be plain text (no markup, no control characters)")
    return value


def _mode(value: str | None) -> str | None:
    if value is not None and not _MODE.match(value):
        raise ValueError("a mode is a plain word or phrase: letters, digits, spaces, '_', '/' or '-'")
    return value


def _real_date(value: str | None) -> str | None:
    if value is not None and not is_date_prefix(value):
        raise ValueError(f"{value!r} is not a real date")
    return value


def finite(value: float | None) -> float | None:
    """The value itself; ValueError for NaN and the infinities, which Python's JSON reader lets through."""
    if value is not None and not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


def time_order(start: str | None, end: str | None) -> None:
    """Raise ValueError when ``end`` is before ``start`` (ISO prefixes compare as text)."""
    if start and end and end < start[: len(end)]:
        raise ValueError(f"time_end {end} is before time_start {start}")


def check_json_finite(value: Any) -> None:
    """Raise ValueError for NaN or an infinity anywhere in a parsed JSON value."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("NaN and Infinity are not JSON numbers")
    if isinstance(value, dict):
        for v in value.values():
            check_json_finite(v)
    elif isinstance(value, list):
        for v in value:
            check_json_finite(v)


Country = Annotated[str, StringConstraints(min_length=2, max_length=2), AfterValidator(_country)]
PlainText = Annotated[str, StringConstraints(max_length=200), AfterValidator(_plain)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), AfterValidator(_plain)]
Mode = Annotated[str, AfterValidator(_mode)]
Date = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"), AfterValidator(_real_date)]


def _finite_json(value: Any) -> Any:
    """``value`` with NaN and infinities spelled as strings, so an error that quotes them can be sent."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _finite_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite_json(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def install(app: Any) -> None:
    """422 handlers: request bodies pydantic refused (quoting NaN safely) and corrections the store refused."""
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse

    from eventledger.errors import InvalidCorrection

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Any, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _finite_json(list(exc.errors()))}, status_code=422)

    @app.exception_handler(InvalidCorrection)
    def _invalid_correction(request: Any, exc: InvalidCorrection) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

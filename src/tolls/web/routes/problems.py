"""``/api/v1/problems/{code}``: what a problem's ``type`` names (RFC 9457): the problem type of
an E-code, its title, usual status and message template."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from tolls.errors import ErrorCode, NotFound
from tolls.web.errors import PROBLEM_TYPES, problem_type
from tolls.web.schemas import ProblemTypePublic

__all__ = ["router"]

router = APIRouter(prefix="/problems", tags=["problems"])


@router.get("/{code}", response_model=ProblemTypePublic, summary="A problem type, by its E-code")
async def get_problem_type(
    code: Annotated[str, Path(pattern=r"^E\d{3}$", description="An E-code, such as E404.")],
) -> ProblemTypePublic:
    template = ErrorCode.__members__.get(code)
    if code not in PROBLEM_TYPES or template is None:
        raise NotFound(ErrorCode.E404, what="Problem type", name=code)
    title, status = PROBLEM_TYPES[code]
    return ProblemTypePublic(
        type=problem_type(code), code=code, title=title, status=status, template=template.value
    )

"""``/api/v1/problems/{code}``: what a problem's ``type`` names (RFC 9457): the problem type of
an E-code, its title, usual status and message template."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from tolls.errors import ErrorCode
from tolls.web.errors import PROBLEM_TYPES, problem_type
from tolls.web.schemas import ProblemTypePublic

__all__ = ["router"]

router = APIRouter(prefix="/problems", tags=["problems"])

ProblemCode = Literal[
    "E403", "E404", "E405", "E406", "E407", "E410", "E411", "E412", "E420",
    "E421", "E422", "E423", "E424", "E430", "E431", "E432", "E433", "E501",
]  # fmt: skip


@router.get("/{code}", response_model=ProblemTypePublic, summary="A problem type, by its E-code")
async def get_problem_type(code: ProblemCode) -> ProblemTypePublic:
    title, status = PROBLEM_TYPES[code]
    return ProblemTypePublic(
        type=problem_type(code), code=code, title=title, status=status, template=ErrorCode[code].value
    )

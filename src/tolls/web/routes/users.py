"""``/api/v1/users`` and ``/api/v1/tokens`` (admin only): add people, issue API tokens."""

from __future__ import annotations

from fastapi import APIRouter

from tolls.store.users import add_user, create_token, list_users
from tolls.web.deps import AdminDep, LedgerDep
from tolls.web.schemas import TokenCreate, TokenPublic, UserCreate, UserPublic, user_public

__all__ = ["router"]

router = APIRouter(tags=["users"])


@router.get("/users", response_model=list[UserPublic], summary="List users")
def get_users(ledger: LedgerDep, _who: AdminDep) -> list[UserPublic]:
    with ledger.read() as session:
        return [user_public(u) for u in list_users(session)]


@router.post("/users", response_model=UserPublic, status_code=201, summary="Add a user")
def post_user(body: UserCreate, ledger: LedgerDep, _who: AdminDep) -> UserPublic:
    with ledger.write() as session:
        return user_public(add_user(session, body.username, body.password, role=body.role))


@router.post("/tokens", response_model=TokenPublic, status_code=201, summary="Issue an API token")
def post_token(body: TokenCreate, ledger: LedgerDep, _who: AdminDep) -> TokenPublic:
    """The token is shown once; only its hash is stored."""
    with ledger.write() as session:
        return TokenPublic(token=create_token(session, body.username, name=body.name))

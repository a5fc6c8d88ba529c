"""The people's pages against another site and a stolen cookie: page sessions (the cookie holds a session id,
never the key; sign-out and revocation end the session on the server), a form token on every form, the
Origin / Sec-Fetch-Site check on every post, and the security headers of every page."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from store.page_sessions import PageSession
from store.suppliers import SupplierApplication
from tests.commerce.helpers import bearer, ok
from tests.conftest import MakeKey
from tests.onboarding.helpers import app_path, application, platform_id, review_path
from tests.pages import form_token, sign_in, sign_out, submit
from tests.policy_versions.helpers import APPROVER, FRUIT_AT_16, approved, edited_files

pytestmark = pytest.mark.asyncio
OWN = "http://xiaopu.test"
APP = review_path("APP-C")
REJECT = {"decision": "reject", "reason": "no proof of origin"}


def key_id(key: str) -> str:
    return key.split("_")[1]


async def pending_application(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    await ok(await client.post("/v1/supplier-applications", json=application("APP-C"),
                               headers=bearer(await make_key("supplier"))), 201)


async def status_of(client: httpx.AsyncClient, reviewer: str) -> str:
    view = await ok(await client.get(app_path("APP-C"), headers=bearer(reviewer)))
    return str(view["status"])


def refused(response: httpx.Response, code: str) -> None:
    assert response.status_code == 403, response.text
    assert response.headers["content-type"].startswith("text/html") and code in response.text  # a page, in words
    assert "content-security-policy" in response.headers


@pytest.mark.parametrize("headers", [
    pytest.param({"Origin": "http://127.0.0.1:8001"}, id="another-host-and-port"),
    pytest.param({"Origin": "http://xiaopu.test:8080"}, id="same-host-another-port"),
    pytest.param({"Origin": "https://xiaopu.test"}, id="another-scheme"),
    pytest.param({"Origin": "null"}, id="opaque-origin"),
    pytest.param({"Sec-Fetch-Site": "cross-site"}, id="cross-site"),
    pytest.param({"Sec-Fetch-Site": "same-site"}, id="same-site"),
    pytest.param({"Sec-Fetch-Site": "none"}, id="typed-address-posts-nothing"),
    pytest.param({"Origin": OWN, "Sec-Fetch-Site": "cross-site"}, id="either-says-elsewhere"),
])
async def test_a_decision_posted_from_another_origin_is_refused_and_changes_nothing(
        client: httpx.AsyncClient, make_key: MakeKey, headers: dict[str, str]) -> None:
    await pending_application(client, make_key)
    reviewer = await make_key("reviewer")
    assert (await sign_in(client, "/review", reviewer)).status_code == 303
    response = await submit(client, APP, f"{APP}/decision", REJECT, **headers)  # even with the right token
    refused(response, "cross_origin_form")
    assert await status_of(client, reviewer) == "pending_review"
    assert await SupplierApplication.filter(application_id=platform_id("APP-C"), status="pending_review").exists()


async def test_the_same_decision_from_the_own_origin_goes_through(client: httpx.AsyncClient,
                                                                  make_key: MakeKey) -> None:
    await pending_application(client, make_key)
    reviewer = await make_key("reviewer")
    await sign_in(client, "/review", reviewer)
    done = await submit(client, APP, f"{APP}/decision", REJECT, Origin=OWN, **{"Sec-Fetch-Site": "same-origin"})
    assert done.status_code == 303, done.text
    assert await status_of(client, reviewer) == "rejected"


async def test_a_decision_without_a_valid_token_is_refused_and_changes_nothing(client: httpx.AsyncClient,
                                                                               make_key: MakeKey) -> None:
    await pending_application(client, make_key)
    reviewer = await make_key("reviewer")
    await sign_in(client, "/review", reviewer)
    refused(await client.post(f"{APP}/decision", data=REJECT), "form_token_invalid")  # no token
    refused(await client.post(f"{APP}/decision", data={**REJECT, "csrf_token": ""}), "form_token_invalid")
    refused(await client.post(f"{APP}/decision", data={**REJECT, "csrf_token": "x" * 64}), "form_token_invalid")
    refused(await client.post(f"{APP}/decision", json={**REJECT, "csrf_token": form_token(  # not a form
        (await client.get(APP)).text)}), "form_token_invalid")
    async with httpx.AsyncClient(transport=client._transport, base_url=OWN) as other:  # another reviewer's token
        await sign_in(other, "/review", await make_key("reviewer"))
        foreign = form_token((await other.get(APP)).text)
    refused(await client.post(f"{APP}/decision", data={**REJECT, "csrf_token": foreign}), "form_token_invalid")
    assert await status_of(client, reviewer) == "pending_review"


async def test_a_rollback_from_another_origin_or_without_a_token_is_refused(client: httpx.AsyncClient,
                                                                           make_key: MakeKey) -> None:
    admin = await make_key("policy_admin")
    await approved(client, await client.post("/v1/policy-versions", json={"files": edited_files(FRUIT_AT_16),
                                                                         "message": "16%"}, headers=bearer(admin)),
                   bearer(await make_key("policy_admin", person=APPROVER)))
    timeline = (await ok(await client.get("/v1/policy-versions", headers=bearer(admin))))["activations"]
    await sign_in(client, "/policy", admin)
    refused(await client.post("/policy/rollback", data={"message": "back"}), "form_token_invalid")
    refused(await submit(client, "/policy/versions", "/policy/rollback", {"message": "back"},
                         Origin="http://127.0.0.1:8001"), "cross_origin_form")
    assert (await ok(await client.get("/v1/policy-versions", headers=bearer(admin))))["activations"] == timeline
    done = await submit(client, "/policy/versions", "/policy/rollback", {"message": "back"}, Origin=OWN)
    assert done.status_code == 303
    assert (await ok(await client.get("/v1/policy-versions", headers=bearer(admin))))["activations"] != timeline


async def test_signing_in_needs_the_sign_in_pages_token(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    reviewer = await make_key("reviewer")
    refused(await client.post("/review/sign-in", data={"key": reviewer}), "form_token_invalid")
    page = await client.get("/review/sign-in")
    cookie = page.headers["set-cookie"]
    assert "xiaopu_review_sign_in=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Path=/review" in cookie
    token = form_token(page.text)
    assert form_token((await client.get("/review/sign-in")).text) == token  # one token while the cookie lives
    client.cookies.clear()  # the token without its cookie (a form copied to another site) is worth nothing
    refused(await client.post("/review/sign-in", data={"key": reviewer, "csrf_token": token}), "form_token_invalid")
    refused(await submit(client, "/review/sign-in", "/review/sign-in", {"key": reviewer},
                         Origin="http://127.0.0.1:8001"), "cross_origin_form")
    assert await PageSession.all().count() == 0
    assert (await sign_in(client, "/review", reviewer)).status_code == 303
    assert await PageSession.all().count() == 1


async def test_the_cookie_holds_a_session_id_that_is_no_api_key(client: httpx.AsyncClient,
                                                                make_key: MakeKey) -> None:
    reviewer = await make_key("reviewer")
    signed = await sign_in(client, "/review", reviewer)
    cookie = signed.headers["set-cookie"]
    assert reviewer not in cookie and key_id(reviewer) not in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/review" in cookie
    assert "Secure" not in cookie  # XIAOPU_SECURE_COOKIES is off by default
    session_id = client.cookies["xiaopu_review_session"]
    [stored] = await PageSession.all()
    assert stored.session_hash == hashlib.sha256(session_id.encode()).hexdigest()  # the id itself is not stored
    assert session_id not in {str(v) for v in (await PageSession.all().values())[0].values()}
    whoami = await client.get("/v1/whoami", headers=bearer(session_id))
    assert whoami.status_code == 401  # the session id is no key for the API
    assert (await client.get("/v1/whoami", headers={"Cookie": f"xiaopu_review_session={session_id}"})
            ).status_code == 401


@pytest.mark.parametrize("cookie", ["xiaopu_review_session", "xiaopu_review_key"])
async def test_an_api_key_in_a_cookie_opens_no_page(client: httpx.AsyncClient, make_key: MakeKey,
                                                     cookie: str) -> None:
    reviewer = await make_key("reviewer")
    client.cookies.set(cookie, reviewer, domain="xiaopu.test", path="/review")
    page = await client.get("/review/applications")
    assert page.status_code == 303 and page.headers["location"] == "/review/sign-in"


async def test_sign_out_ends_the_session_on_the_server(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    await sign_in(client, "/review", await make_key("reviewer"))
    session_id = client.cookies["xiaopu_review_session"]
    out = await sign_out(client, "/review", "/review/applications")
    assert out.status_code == 303 and out.headers["location"] == "/review/sign-in"
    assert (await PageSession.get()).ended_at is not None
    client.cookies.set("xiaopu_review_session", session_id, domain="xiaopu.test", path="/review")  # kept a copy
    again = await client.get("/review/applications")
    assert again.status_code == 303 and again.headers["location"] == "/review/sign-in"


async def test_revoking_the_key_ends_its_sessions(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    reviewer, admin = await make_key("reviewer"), await make_key("policy_admin")
    await sign_in(client, "/review", reviewer)
    await sign_in(client, "/policy", reviewer)
    assert (await client.get("/review/applications")).status_code == 200
    await ok(await client.post(f"/v1/keys/{key_id(reviewer)}/revoke", headers=bearer(admin)))
    for page, sign_in_page in (("/review/applications", "/review/sign-in"), ("/policy/versions", "/policy/sign-in")):
        gone = await client.get(page)
        assert gone.status_code == 303 and gone.headers["location"] == sign_in_page
    assert [s.ended_at is not None for s in await PageSession.all()] == [True, True]


async def test_a_session_expires(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    await sign_in(client, "/policy", await make_key("policy_admin"))
    assert "Max-Age=604800" in (await sign_in(client, "/policy", await make_key("policy_admin"))).headers["set-cookie"]
    assert (await client.get("/policy/versions")).status_code == 200
    session = await PageSession.filter(ended_at__isnull=True).get()
    await PageSession.filter(id=session.id).update(expires_at=session.created_at)
    assert (await client.get("/policy/versions")).headers["location"] == "/policy/sign-in"


async def test_a_session_of_one_area_opens_no_other(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    await sign_in(client, "/review", await make_key("reviewer"))
    session_id = client.cookies["xiaopu_review_session"]
    client.cookies.set("xiaopu_policy_session", session_id, domain="xiaopu.test", path="/policy")
    assert (await client.get("/policy/versions")).headers["location"] == "/policy/sign-in"


SECURITY_HEADERS = {"x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "same-origin",
                    "cache-control": "no-store"}


def has_security_headers(response: httpx.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (response.url, name, response.headers.get(name))
    policy = response.headers["content-security-policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "form-action 'self'",
                      "base-uri 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


async def test_every_page_carries_the_security_headers(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    await pending_application(client, make_key)
    answers: list[Any] = [await client.get("/review/sign-in"), await client.get("/policy/sign-in"),
                          await client.get("/review/applications")]  # the redirect to sign-in
    await sign_in(client, "/review", await make_key("reviewer"))
    await sign_in(client, "/policy", await make_key("policy_admin"))
    answers += [await client.get(path) for path in (
        "/review/applications", APP, "/review/disputes", "/review/badges", "/review/applications/NOPE",
        "/policy/versions", "/policy/diff?old=nonsense1&new=nonsense2")]
    answers.append(await client.post(f"{APP}/decision", data=REJECT))  # refused
    for answer in answers:
        has_security_headers(answer)
    assert "<script" not in "".join(a.text for a in answers) and "onclick" not in "".join(a.text for a in answers)
    api = await client.get("/healthz")
    assert "content-security-policy" not in api.headers  # the JSON API is no page
    docs = await client.get("/docs")
    assert docs.status_code == 200 and docs.headers["x-frame-options"] == "DENY"
    assert "'sha256-" in docs.headers["content-security-policy"]  # Swagger UI's inline start-up script, by hash


@pytest.fixture
def secure_app(database_url: str, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    monkeypatch.setenv("XIAOPU_SECURE_COOKIES", "true")
    monkeypatch.setenv("XIAOPU_PAGE_SESSION_HOURS", "1")
    return create_app(database_url=database_url, tick_seconds=0, run_migrations=False)


@pytest.fixture
async def secure_client(secure_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with secure_app.router.lifespan_context(secure_app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=secure_app), base_url="https://xiaopu.test") as c:
        yield c


async def test_over_https_the_cookies_are_secure(secure_client: httpx.AsyncClient) -> None:
    from store.api_keys import create_key

    _, reviewer = await create_key("reviewer", person="Zhao Min <zhao.min@xiaopu.test>")
    page = await secure_client.get("/review/sign-in")
    assert "Secure" in page.headers["set-cookie"]
    signed = await sign_in(secure_client, "/review", reviewer)
    assert signed.status_code == 303
    assert "Secure" in signed.headers["set-cookie"] and "Max-Age=604800" in signed.headers["set-cookie"]
    refused(await submit(secure_client, "/review/applications", "/review/sign-out", {}, Origin=OWN),
            "cross_origin_form")  # http:// is another origin than https://


async def test_a_key_that_expires_ends_its_session(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    from store.api_keys import ApiKey

    reviewer = await make_key("reviewer")
    await sign_in(client, "/review", reviewer)
    assert (await client.get("/review/applications")).status_code == 200
    session = await PageSession.get()
    await ApiKey.filter(key_id=key_id(reviewer)).update(expires_at=session.created_at)
    assert (await client.get("/review/applications")).headers["location"] == "/review/sign-in"


async def test_signing_in_again_ends_the_session_held_before(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    await sign_in(client, "/review", await make_key("reviewer"))
    first = client.cookies["xiaopu_review_session"]
    await sign_in(client, "/review", await make_key("reviewer"))
    assert client.cookies["xiaopu_review_session"] != first
    assert sorted(s.ended_at is None for s in await PageSession.all()) == [False, True]
    client.cookies.set("xiaopu_review_session", first, domain="xiaopu.test", path="/review")
    assert (await client.get("/review/applications")).headers["location"] == "/review/sign-in"


async def test_a_sign_in_cookie_not_of_ours_is_worth_nothing(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    client.cookies.set("xiaopu_review_sign_in", "planted", domain="xiaopu.test", path="/review")
    planted = await client.post("/review/sign-in", data={"key": await make_key("reviewer"), "csrf_token": "planted"})
    refused(planted, "form_token_invalid")
    page = await client.get("/review/sign-in")
    assert "planted" not in page.text and "xiaopu_review_sign_in=" in page.headers["set-cookie"]  # replaced


@pytest.mark.parametrize("area", [pytest.param("/review", id="review"), pytest.param("/policy", id="policy")])
async def test_a_link_cannot_put_its_own_words_on_the_sign_in_page(client: httpx.AsyncClient, area: str) -> None:
    """A link a party sends a reviewer (`?error=...`) shows no text of theirs where the reviewer types a key."""
    page = await client.get(f"{area}/sign-in", params={"error": "Keys changed: send yours to keys@evil.example"})
    assert page.status_code == 200 and "evil.example" not in page.text and 'role="alert"' not in page.text

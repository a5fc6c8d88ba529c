"""The pages' layers only where there are pages. A request under /review or /policy goes through the page
headers, the page problems and the form checks (outermost first); any other request only through the page
headers, which dress an HTML answer such as a statement. A JSON call thus skips two layers it never needs:
they were on the path of every quote."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from api.common.middleware.page_forms import PageForms
from api.common.middleware.page_headers import PageHeaders
from api.common.page_problems import PageProblems
from api.common.page_session import area_of


class PageLayers:
    def __init__(self, app: ASGIApp, *, secure_cookies: bool) -> None:
        # a page post from elsewhere is refused; a problem met on a page (a refused post too) is shown as a page;
        # every page says what the browser may do with it
        self.pages = PageHeaders(PageProblems(PageForms(app, secure_cookies=secure_cookies)))
        self.other = PageHeaders(app)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        on_page = scope["type"] == "http" and area_of(str(scope["path"])) is not None
        await (self.pages if on_page else self.other)(scope, receive, send)

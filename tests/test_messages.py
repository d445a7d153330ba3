"""stories.middleware.MessageMiddleware: Django's messages, the storage made
only when a request adds or reads one (most requests do neither)."""

import pytest
from django.contrib import messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.utils.functional import empty

from stories.middleware import MessageMiddleware

pytestmark = pytest.mark.django_db


def _through_the_middleware(rf, view, cookies=None):
    request = rf.get("/")
    request.COOKIES.update(cookies or {})
    response = SessionMiddleware(MessageMiddleware(view))(request)
    return request, response


def test_a_message_added_before_a_redirect_is_shown_once_on_the_next_page(rf):
    def saving(request):
        messages.success(request, "Saved <b>it</b>.")
        return HttpResponse(status=302)

    shown = []

    def next_page(request):
        shown.append([str(message) for message in messages.get_messages(request)])
        return HttpResponse()

    _request, saved = _through_the_middleware(rf, saving)
    cookie = saved.cookies["messages"].value
    _request, answered = _through_the_middleware(rf, next_page, {"messages": cookie})
    _request, again = _through_the_middleware(rf, next_page, {"messages": answered.cookies["messages"].value})
    assert shown == [["Saved <b>it</b>."], []]
    assert answered.cookies["messages"]["max-age"] == 0  # read: removed from the browser


def test_a_request_that_neither_adds_nor_reads_a_message_makes_no_storage(rf):
    request, response = _through_the_middleware(rf, lambda request: HttpResponse("ok"))
    assert request._messages._wrapped is empty
    assert not response.cookies


def test_a_message_still_waiting_survives_a_request_that_doesnt_read_it(rf):
    def saving(request):
        messages.info(request, "Waiting")
        return HttpResponse(status=302)

    def reading(request):
        return HttpResponse(" ".join(str(message) for message in messages.get_messages(request)))

    _request, saved = _through_the_middleware(rf, saving)
    waiting = {"messages": saved.cookies["messages"].value}
    _request, poll = _through_the_middleware(rf, lambda request: HttpResponse(status=304), waiting)
    assert not poll.cookies  # the browser keeps its cookie
    _request, page = _through_the_middleware(rf, reading, waiting)
    assert page.content == b"Waiting"

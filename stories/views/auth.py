"""Signing in and out: the sign-in page refuses password guessing and the
reset page too many emails (stories.auth), and signing out never dead-ends."""

from allauth.account.views import ConfirmLoginCodeView, RequestLoginCodeView
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.urls import reverse

from ..auth import (
    CODES_THROTTLED,
    RESETS_THROTTLED,
    ThrottledAuthenticationForm,
    code_request_allowed,
    reset_allowed,
    reset_mail_allowed,
)


class SignInView(auth_views.LoginView):
    authentication_form = ThrottledAuthenticationForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(password_sign_in=settings.WINSBOARD_PASSWORD_SIGN_IN, **kwargs)

    def get_redirect_url(self):
        """Never "back" to the sign-out address (a GET there is a 405)."""
        url = super().get_redirect_url()
        return "" if url.split("?")[0] == reverse("logout") else url

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", code="throttled"):
            response.status_code = 429
        return response


class SignOutView(auth_views.LogoutView):
    """Signing out also empties what the installed app kept on this device
    (its caches, drafts, the service worker): the next person to pick up
    the phone finds nothing of theirs."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


# Signing out needs no signed-in user: a session that expired (or ended in
# another tab) still gets the sign-in page, not a 405 after signing in again.
sign_out = login_not_required(SignOutView.as_view())


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, with limits per client (429 beyond) and a quiet
    cap on emails to one address (stories.auth)."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not reset_allowed(email, self.request):
            form.add_error(None, RESETS_THROTTLED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not reset_mail_allowed(email):
            return HttpResponseRedirect(self.get_success_url())  # the same page, no email
        return super().form_valid(form)


password_reset = login_not_required(PasswordResetView.as_view())


class RequestCodeView(RequestLoginCodeView):
    """allauth's "E-mail me a sign-in code", with our limits per client (429
    beyond) and a quiet cap on codes mailed to one address (stories.auth)."""

    def form_valid(self, form):
        if not code_request_allowed(form.cleaned_data.get("email"), self.request):
            form.add_error(None, CODES_THROTTLED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


request_code = RequestCodeView.as_view()


class ConfirmCodeView(ConfirmLoginCodeView):
    """allauth's check of an e-mailed sign-in code. The e-mail's link fills
    the code in; the person still presses "Sign in" (a GET never signs in)."""

    def get_initial(self):
        return {**super().get_initial(), "code": self.request.GET.get("code", "")[:32]}


confirm_code = ConfirmCodeView.as_view()

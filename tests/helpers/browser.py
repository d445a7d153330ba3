"""What the browser journeys do again and again: sign in, check accessibility."""

from tests.helpers.people import PASSWORD


def sign_in(page, user, password=PASSWORD):
    page.goto(f"{page.base_url}/accounts/login/")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{page.base_url}/")


def assert_accessible(page, *, context=None):
    """axe-core: zero violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    violations = results.response.get("violations", [])
    report = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in violations]
    assert violations == [], "axe-core violations on " + page.url + ":\n" + "\n".join(report)


def loaded_width(image, timeout=10_000):
    """The natural width of an <img> (in view) once it has loaded: a visible image may still be on its way."""
    image.page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=timeout
    )
    return image.evaluate("img => img.naturalWidth")


def open_section(page, name):
    """Open a folded section of the post form (a <details> named by its summary), as one tap does."""
    summary = page.locator("details.form-fold > summary", has_text=name)
    if not summary.evaluate("summary => summary.parentElement.open"):
        summary.click()

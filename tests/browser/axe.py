"""axe-core in the browser tests: run it on the open page and sort what it finds.

axe-core is vendored for the tests only (tests/browser/vendor/axe-core/, version and checksum in
its VERSION file). It is added to every page as an init script, which the page's
Content-Security-Policy does not apply to, so pages are checked exactly as they are served.
"""

from pathlib import Path

AXE_SOURCE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"

BLOCKING = ("critical", "serious")

# Each pair is a viewport width and an interface language. Russian is checked at the phone's width,
# where its longer words wrap most.
VIEWS = [(1280, "en"), (1280, "ru"), (390, "en"), (390, "ru")]

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ")),
  }));
}"""


def prepare(page, live_server, *, width, language):
    """Load axe-core into every page `page` opens, at `width` px, in `language`."""
    page.context.add_init_script(path=str(AXE_SOURCE))
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 900 if width > 600 else 844})


def violations(page):
    """axe-core's violations on the open page, as dicts of id, impact, help and node selectors."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.axe !== undefined")
    return page.evaluate(RUN_AXE)


class Audit:
    """The violations of every page visited: blocking ones fail the test, moderate ones are printed."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.blocking = []
        self.moderate = []
        self.visited = []

    def visit(self, path):
        response = self.page.goto(self.base_url + path)
        assert response.ok, f"{path} answered {response.status}"
        self.check(path)

    def check(self, label):
        """Check the page as it is now (after a visit, or after filling in and sending a form)."""
        self.visited.append(label)
        for found in violations(self.page):
            line = f"{label}: {found['impact']} {found['id']} ({found['help']}) at {', '.join(found['nodes'][:5])}"
            (self.blocking if found["impact"] in BLOCKING else self.moderate).append(line)

    def report(self):
        """Print the moderate findings; return the blocking ones, one line each."""
        for line in self.moderate:
            print("axe moderate/minor:", line)
        return self.blocking

"""The projector page must not wait for the internet: a town hall's network may have none."""

import re

import httpx

from palabre.launcher import facilitator_url


def test_the_dashboard_page_links_nothing_outside_the_laptop(live_server):
    session = live_server.new_session()
    url = facilitator_url(live_server.local_url, live_server.token, session.code)
    # Voilà streams the page while the kernel runs the notebook: read the head only.
    with httpx.stream("GET", url, timeout=60) as response:
        assert response.status_code == 200
        head = ""
        for chunk in response.iter_text():
            head += chunk
            if "</head>" in head:
                break
    blocking = re.findall(r'<(?:link|script)[^>]+(?:href|src)="(https?://[^"]+)"', head)
    assert blocking == [], f"the page head loads from outside the laptop: {blocking}"

"""Two app servers on one PostgreSQL, one Redis and one S3 bucket stay coherent.

Each server is a real gunicorn in production mode (DEBUG off, collected static files), as two
boxes behind a load balancer would be: requests carry the public host name, not the server's
port. The bucket lives in moto's S3 server, an emulator speaking S3 over HTTP, not a mock.
"""

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import uuid
from urllib.parse import quote

import boto3
import httpx
import pytest
import redis
from django.db import connection
from moto.server import ThreadedMotoServer
from PIL import Image

from bench.server import ROOT, Gunicorn, free_port, server_environment
from reviews.enums import ReviewStatus
from reviews.models import Paper
from tests.factories import ReviewerFactory, ReviewFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: run the suite with DATABASE_URL=postgres://… (CI's PostgreSQL pass)",
    ),
    pytest.mark.django_db(transaction=True),
]

PUBLIC_HOST = "digest.test"  # the name the load balancer forwards; both servers answer to it
REDIS_URL = os.environ.get("DIGEST_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
PASSWORD = "correct horse battery staple"  # the factories' default
BUCKET = "digest-media"
S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="module")
def redis_prefix():
    """A key prefix of our own in the shared Redis, removed afterwards."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as error:
        pytest.fail(f"needs Redis at {REDIS_URL} (set DIGEST_TEST_REDIS_URL): {error}")
    prefix = f"digest-test-{uuid.uuid4().hex[:8]}"
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_lower(S3_CREDENTIALS))
    s3.create_bucket(Bucket=BUCKET)
    # Images in reviews are public: readers load them straight from the bucket (README: Production).
    public_read = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{BUCKET}/*",
    }
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [public_read]}))
    yield endpoint
    server.stop()


def _lower(credentials):
    return {key.lower(): value for key, value in credentials.items()}


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    """The environment of a production server, with its static files collected once."""
    root = tmp_path_factory.mktemp("static")
    env = server_environment("sqlite://:memory:", static_root=root)  # the database comes later
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    return env


def database_url():
    db = connection.settings_dict  # the test database pytest-django created
    user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{credentials}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def two_servers(env, tmp_path):
    """Servers A and B with the same settings (one secret key), each with a media folder of its own."""
    env = env | {"DATABASE_URL": database_url(), "DJANGO_ALLOWED_HOSTS": f"{PUBLIC_HOST},127.0.0.1"}
    servers = []
    try:
        for name in ("a", "b"):
            media = tmp_path / f"media-{name}"
            server = Gunicorn(env | {"DJANGO_MEDIA_ROOT": str(media)}, free_port(8110 + 3 * len(servers)),
                              workers=1, log=tmp_path / f"{name}.log")  # fmt: skip
            servers.append(server.__enter__())
            server.media = media
        yield servers
    finally:
        for server in servers:
            server.__exit__(None, None, None)


@pytest.fixture(scope="module")
def servers(django_db_setup, production_env, redis_prefix, s3_endpoint, tmp_path_factory):
    """Shared PostgreSQL, Redis cache and S3 bucket: the deployment the README describes."""
    env = production_env | S3_CREDENTIALS | {
        "REDIS_URL": REDIS_URL, "DJANGO_CACHE_PREFIX": redis_prefix,
        "DJANGO_S3_BUCKET": BUCKET, "DJANGO_S3_ENDPOINT_URL": s3_endpoint,
    }  # fmt: skip
    with two_servers(env, tmp_path_factory.mktemp("servers")) as pair:
        yield pair


@pytest.fixture(scope="module")
def servers_without_redis(django_db_setup, production_env, tmp_path_factory):
    with two_servers(production_env, tmp_path_factory.mktemp("servers-db")) as pair:
        yield pair


class Browser:
    """One visitor: keeps the cookies (DEBUG off marks them Secure; we speak plain HTTP to the servers)."""

    def __init__(self):
        self.cookies = {}

    def request(self, server, method, path, **kwargs):
        headers = {"Host": PUBLIC_HOST, **kwargs.pop("headers", {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = httpx.request(method, server.url + path, headers=headers, timeout=30, **kwargs)
        for name, value in response.cookies.items():
            self.cookies[name] = value
        for header in response.headers.get_list("set-cookie"):
            if "expires=Thu, 01 Jan 1970" in header:  # a deleted cookie (logout)
                self.cookies.pop(header.split("=", 1)[0], None)
        return response

    def log_in(self, server, username):
        form = self.request(server, "GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        data = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        return self.request(server, "POST", "/accounts/login/", data=data)

    def post(self, server, path, **kwargs):
        return self.request(server, "POST", path, headers={"X-CSRFToken": self.cookies["csrftoken"]}, **kwargs)


def png(width=64, height=48):
    image = Image.new("RGB", (width, height))
    image.putdata([(x * 4 % 256, y * 5 % 256, (x + y) % 256) for y in range(height) for x in range(width)])
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue(), image


@pytest.fixture
def member(db, settings):
    """A member whose password the production servers can check (the suite hashes with MD5 for speed)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    return ReviewerFactory(user=UserFactory(username="member@example.org"), display_name="Mira Member")


def test_a_session_started_on_one_server_is_valid_on_the_other_and_ends_on_both(servers, member):
    a, b = servers
    visitor = Browser()
    assert visitor.log_in(a, "member@example.org").status_code == 302
    assert visitor.request(b, "GET", "/me/").status_code == 200  # /me/ is for logged-in members only
    assert visitor.request(a, "GET", "/me/").status_code == 200
    assert visitor.post(b, "/accounts/logout/").status_code == 302
    assert visitor.request(a, "GET", "/me/").status_code == 302  # to the login page: logged out on A as well


def test_without_redis_a_logout_on_one_server_still_ends_the_session_on_the_other(servers_without_redis, member):
    a, b = servers_without_redis
    visitor = Browser()
    visitor.log_in(a, "member@example.org")
    assert visitor.request(b, "GET", "/me/").status_code == 200
    assert visitor.post(a, "/accounts/logout/").status_code == 302
    assert visitor.request(b, "GET", "/me/").status_code == 302


def test_an_image_uploaded_through_one_server_is_in_the_bucket_for_every_server(servers, member, s3_endpoint):
    a, b = servers
    visitor = Browser()
    visitor.log_in(a, "member@example.org")
    content, original = png()
    upload = visitor.post(a, "/markdownx/upload/", files={"image": ("figure.png", content, "image/png")})
    assert upload.status_code == 200, upload.text
    url = upload.json()["url"]
    assert url.startswith(f"{s3_endpoint}/{BUCKET}/uploads/") and url.endswith(".png")
    stored = httpx.get(url)
    assert (stored.status_code, stored.headers["content-type"]) == (200, "image/png")
    with Image.open(io.BytesIO(stored.content)) as image:
        assert (image.size, image.convert("RGB").tobytes()) == (original.size, original.tobytes())
    preview = visitor.post(b, "/markdownx/markdownify/", data={"content": f"![figure]({url})"})
    assert f'src="{url}"' in preview.text
    assert not a.media.exists() and not b.media.exists()  # nothing on either server's disk


def test_a_page_cached_by_one_server_is_served_from_the_shared_cache_by_the_other(servers):
    a, b = servers
    review = ReviewFactory(status=ReviewStatus.PUBLISHED, paper__title="Layer rotation, first title")
    visitor = Browser()
    visitor.cookies["csrftoken"] = "k" * 32  # the page varies on Cookie: same visitor, same cache entry
    cached = f"/bench/cached/reviews/{review.pk}/"
    assert "Layer rotation, first title" in visitor.request(a, "GET", cached).text
    Paper.objects.filter(pk=review.paper_id).update(title="Layer rotation, second title")
    from_b = visitor.request(b, "GET", cached)
    assert (from_b.status_code, "Layer rotation, first title" in from_b.text) == (200, True)
    fresh = visitor.request(b, "GET", f"/reviews/{review.pk}/")
    assert "Layer rotation, second title" in fresh.text

"""A bench's scratch database (`scratch_django`) and what the benches seed
into it, in bulk: people, teams, tags, wins, their heroes and tags. One
place, so every bench builds its wins the same way and says only what
differs (`wins(…, cost=…)`).

    users = seeding.people(30)
    stories = seeding.wins(10_000, users=users, teams=seeding.teams(5), created_at=lambda i: …)
    seeding.credit(stories, users)
    seeding.tag(stories, seeding.tags(8), per_win=2)

Models are imported inside the functions: a bench may set Django up after
importing this module (bench_search.py does, in a child process)."""

import os
import tempfile
from pathlib import Path

BODY = "What happened, what I decided, how it ended."
LONG_BODY = " ".join([BODY] * 8)


def scratch_django(*, bench_database_url=True):
    """Set Django up on a scratch database, never db.sqlite3 nor a configured
    PostgreSQL: a SQLite file in a temporary folder, or BENCH_DATABASE_URL's
    database when set (and `bench_database_url`). DEBUG on (the test client
    counts queries), warnings only in the logs. Returns the folder, a
    TemporaryDirectory removed when it is cleaned up or collected."""
    import django

    scratch = tempfile.TemporaryDirectory(prefix="winsboard-bench-")
    os.environ["SQLITE_PATH"] = str(Path(scratch.name) / "bench.sqlite3")
    os.environ.pop("DATABASE_URL", None)
    if bench_database_url and os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    os.environ.update(DEBUG="true", ALLOWED_HOSTS="testserver", LOG_LEVEL="WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "winsboard.settings")
    django.setup()
    return scratch


def people(count, *, first_name="User"):
    """`count` people: user0…, named "<first_name>0 Bench"…"""
    from django.contrib.auth import get_user_model

    user = get_user_model()
    return user.objects.bulk_create(
        user(username=f"user{i}", first_name=f"{first_name}{i}", last_name="Bench") for i in range(count)
    )


def teams(count):
    from stories.models import Team

    return Team.objects.bulk_create(Team(name=f"Team {i}") for i in range(count))


def tags(count):
    from stories.models import Tag

    return Tag.objects.bulk_create(Tag(name=f"Tag {i}", slug=f"tag-{i}") for i in range(count))


def wins(count, *, users, teams, batch_size=1000, **fields):
    """`count` wins: "Bench win <i>", the kinds, teams and authors in turn, a
    short body. Each of `fields` (any Story field, these included) is a value
    or a function of the win's number i, evaluated in the order given."""
    from stories.models import Story

    def win(i):
        values = {
            "headline": f"Bench win {i}",
            "body": BODY,
            "kind": Story.Kind.values[i % 4],
            "team": teams[i % len(teams)],
            "author": users[i % len(users)],
        }
        values.update({name: value(i) if callable(value) else value for name, value in fields.items()})
        return Story(**values)

    return Story.objects.bulk_create((win(i) for i in range(count)), batch_size=batch_size)


def credit(stories, users, *, per_win=2, spread=lambda i, story, k: i + k, batch_size=2000):
    """`per_win` heroes on each win: the i-th win's k-th hero is
    users[spread(i, story, k) % len(users)] (by default the next ones in turn)."""
    from stories.models import Story

    through = Story.heroes.through
    through.objects.bulk_create(
        (
            through(story_id=story.pk, user_id=users[spread(i, story, k) % len(users)].pk)
            for i, story in enumerate(stories)
            for k in range(per_win)
        ),
        batch_size=batch_size,
    )


def tag(stories, tags, *, per_win=1, batch_size=2000):
    """Tags on each win, the next ones in turn from the win's number;
    `per_win` is a count or a function of the win's number."""
    from stories.models import Story

    through = Story.tags.through
    through.objects.bulk_create(
        (
            through(story_id=story.pk, tag_id=tags[(i + k) % len(tags)].pk)
            for i, story in enumerate(stories)
            for k in range(per_win(i) if callable(per_win) else per_win)
        ),
        batch_size=batch_size,
    )

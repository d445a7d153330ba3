"""Finding wins, the database side (StoryQuerySet inherits these reads):
full-text search, the feed's filters, and what the CSV export reads.

Search has one contract on both databases (what matches: `stories.lib.search`;
best matches first, then newest):
- PostgreSQL: `Story.search_vector`, a stored tsvector with a GIN index,
  weighted A (headline, names), B (team, tags), C (quote), D (story);
  queried with `websearch_to_tsquery` per term and ranked by `ts_rank`.
- SQLite: the FTS5 table `stories_search` (rowid = the win's id; columns
  headline, people, labels, quote, body), ranked by bm25 with the same
  weights' order.
Both are written by `stories.services.search` whenever a win, its heroes,
tags or team, or a name in it changes (see there).
"""

from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import Count, Exists, F, OuterRef, Q, Value

from ..lib import search

FTS_TABLE = "stories_search"
FTS_VOCABULARY = "stories_search_words"  # fts5vocab over FTS_TABLE: its indexed words (migration 0011)
FTS_COLUMNS = ("headline", "people", "labels", "quote", "body")
BM25_WEIGHTS = (10.0, 10.0, 4.0, 2.0, 1.0)
PG_WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # D (story), C (quote), B (team, tags), A (headline, names)
PG_CONFIG = "english"  # stems and skips small words, as stories.lib.search expects
PG_NAMES_CONFIG = "simple"  # names, teams and tags word for word, small words too


def _pg_term(term, *, names_only, prefix=True):
    config = PG_NAMES_CONFIG if names_only else PG_CONFIG
    query = SearchQuery(term.websearch(), config=config, search_type="websearch")
    if prefix and term.prefix:  # and the words it begins ("priy" finds "Priya")
        query |= SearchQuery(term.tsquery_prefix(), config=config, search_type="raw")
    return query


def _pg_query(groups, *, names_only):
    """AND over the groups, OR within one."""
    combined = None
    for group in groups:
        either = None
        for term in group:
            one = _pg_term(term, names_only=names_only)
            either = one if either is None else either | one
        combined = either if combined is None else combined & either
    return combined


# SQLite: the indexed words a beginning stands for, as ` OR "word"`s, in the
# same statement (the vocabulary's words are letters and digits: no quotes).
# The table name is a constant; the prefix and the limit are parameters.
_BEGUN_SQL = (
    "coalesce((SELECT group_concat(' OR \"' || term || '\"', '') FROM "  # noqa: S608
    f"(SELECT term FROM {FTS_VOCABULARY} WHERE term >= %s AND term < %s ORDER BY doc DESC LIMIT %s)), '')"
)


def _fts5_match(query):
    """The MATCH operand for `query` as SQL and its parameters (no query of its own)."""
    sql, params = [], []
    for part in query.fts5():
        if isinstance(part, search.Begun):
            sql.append(_BEGUN_SQL)
            params += [part.prefix, part.prefix + "\U0010ffff", search.PREFIX_EXPANSIONS]
        else:
            sql.append("%s")
            params.append(part)
    return "(" + " || ".join(sql) + ")", params


class FindQuerySet(models.QuerySet):
    """Search, filters and the export (mixed into StoryQuerySet)."""

    def _on_postgresql(self):
        return connections[self.db].vendor == "postgresql"

    # --- search ----------------------------------------------------------------

    def search(self, query):
        """Wins matching `query` (a `stories.lib.search.Query`), each with a
        `search_rank` (higher is better; see `best_first`)."""
        if not query:
            return self
        if not query.groups:  # only "-word"s: every win without them
            wins = self.annotate(search_rank=Value(0.0))
        elif self._on_postgresql():
            tsquery = _pg_query(query.groups, names_only=query.names_only)
            rank = SearchRank(F("search_vector"), tsquery, weights=PG_WEIGHTS)
            wins = self.filter(search_vector=tsquery).annotate(search_rank=rank)
        else:
            table = self.model._meta.db_table
            weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
            match, params = _fts5_match(query)
            wins = self.extra(  # noqa: S610 - constant SQL; the parameters are built by lib.search
                tables=[FTS_TABLE],
                where=[f"{FTS_TABLE}.rowid = {table}.id", f"{FTS_TABLE} MATCH {match}"],
                params=params,
                select={"search_rank": f"-bm25({FTS_TABLE}, {weights})"},
            )
        for term in query.excluded:
            wins = wins.exclude(pk__in=self._matching_term(term))
        return wins

    def _matching_term(self, term):
        if self._on_postgresql():
            return self.model.objects.filter(search_vector=_pg_term(term, names_only=False, prefix=False)).values("pk")
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - a constant table name
        return models.expressions.RawSQL(sql, [term.fts5()])  # noqa: S611 - the one parameter is built by lib.search

    def best_first(self):
        """Search results: the best match first, then the newest."""
        return self.order_by(F("search_rank").desc(), "-created_at", "-id")

    def search_sources(self):
        """{win id: its words for the index} for these wins, in three queries
        however many wins, heroes and tags."""
        through_heroes, through_tags = self.model.heroes.through, self.model.tags.through
        rows = self.order_by().values_list(
            "pk",
            "headline",
            "body",
            "quote",
            "quote_by",
            "team__name",
            "author__username",
            "author__first_name",
            "author__last_name",
            "author__profile__display_name",
        )
        people, labels = {}, {}
        heroes = through_heroes.objects.filter(story__in=self.values("pk")).values_list(
            "story_id", "user__username", "user__first_name", "user__last_name", "user__profile__display_name"
        )
        for story_id, *names in heroes:
            people.setdefault(story_id, []).extend(names)
        tags = through_tags.objects.filter(story__in=self.values("pk")).values_list("story_id", "tag__name")
        for story_id, name in tags:
            labels.setdefault(story_id, []).append(name)
        documents = {}
        for pk, headline, body, quote, quote_by, team, *author in rows:
            documents[pk] = (
                search.index_text(headline),
                search.index_text(*people.get(pk, []), *author),
                search.index_text(team, *labels.get(pk, [])),
                search.index_text(quote, quote_by),
                search.index_text(body),
            )
        return documents

    # --- the feed's filters --------------------------------------------------------

    def filtered(self, filters):
        """The wins `filters` (a `stories.lib.filters.FeedFilters`) keep."""
        wins = self
        if filters.kind:
            wins = wins.filter(kind=filters.kind)
        if filters.team_id is not None:
            wins = wins.filter(team_id=filters.team_id)
        if filters.tag_ids:  # any of them
            tagged = self.model.tags.through.objects.filter(tag_id__in=filters.tag_ids)
            wins = wins.filter(pk__in=tagged.values("story_id"))
        if filters.hero_id is not None:
            wins = wins.credited_to_id(filters.hero_id)
        if filters.since:
            wins = wins.filter(happened_on__gte=filters.since)
        if filters.until:
            wins = wins.filter(happened_on__lte=filters.until)
        if filters.featured:
            wins = wins.filter(featured_at__isnull=False)
        if filters.has_photo:
            wins = wins.filter(Exists(self._related("photos").filter(story=OuterRef("pk"))))
        if filters.has_video:
            videos = self._related("video")
            videos = videos.filter(story=OuterRef("pk"), status=videos.model.Status.READY)
            wins = wins.filter(Exists(videos))
        if filters.decided:
            wins = wins.filter(needed_approval=filters.decided == "approval")
        return wins.search(filters.query)

    def in_order_for(self, filters):
        """Best match first when searching for words, else newest first."""
        return self.best_first() if filters.query.groups else self.newest_first()

    def credited_to_id(self, user_id):
        """Credited to the person `user_id` (no join: no duplicates)."""
        return self.filter(pk__in=self.model.heroes.through.objects.filter(user_id=user_id).values("story_id"))

    def involving(self, user):
        """Wins crediting `user` or written by them: those whose index holds their name."""
        return self.filter(Q(pk__in=self.credited_to_id(user.pk).values("pk")) | Q(author=user))

    def _related(self, name):
        return self.model._meta.get_field(name).related_model.objects.all()

    # --- a person's page -------------------------------------------------------------

    def credit_counts(self, person, *, months=(), until=None):
        """What a person's page counts, in one query over published wins:
        those credited to them, featured among those, each kind, those they
        posted for others, and — for each first day in `months` — those
        credited to them that happened that month (`month_<i>`; the last
        month up to `until`). The database groups the wins by what is
        counted (credited or not, featured or not, kind, day) and Python
        adds the groups up: a short query to build (twenty filtered
        COUNTs took ~11 ms of Python to build, most of the page's time)."""
        heroes = self.model.heroes.through.objects.filter(user_id=person.pk, story_id=OuterRef("pk"))
        groups = (
            self.published()
            .annotate(is_credited=Exists(heroes), is_featured=Q(featured_at__isnull=False))
            .filter(Q(is_credited=True) | Q(author=person))
            .order_by()
            .values_list("is_credited", "is_featured", "kind", "happened_on")
            .annotate(wins=Count("pk"))
        )
        counts = dict.fromkeys(["credited", "featured", "posted_for_others"], 0)
        counts |= {f"kind_{kind}": 0 for kind in self.model.Kind.values}
        counts |= {f"month_{index}": 0 for index in range(len(months))}
        ends = [*months[1:], until + timedelta(days=1) if until else None]
        for is_credited, is_featured, kind, day, wins in groups:
            if not is_credited:
                counts["posted_for_others"] += wins
                continue
            counts["credited"] += wins
            counts["featured"] += wins if is_featured else 0
            counts[f"kind_{kind}"] = counts.get(f"kind_{kind}", 0) + wins
            for index, (start, end) in enumerate(zip(months, ends, strict=True)):
                if start <= day and (end is None or day < end):
                    counts[f"month_{index}"] += wins
        return counts

    # --- the CSV export ----------------------------------------------------------------

    def with_celebration_counts(self):
        """`cheer_count` and `comment_count` (those everyone sees) per win
        (CelebrationQuerySet's subqueries: StoryQuerySet mixes in both)."""
        return self.with_cheer_counts().with_comment_counts()

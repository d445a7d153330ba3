"""Cheers and comments made in bulk for a test (straight with the ORM), so
that an N+1 over them would show in a query count."""

from stories.models import Cheer, Comment


def seed_celebration(stories, people, *, comments_per_win=3):
    """Every one of `people` cheers every win in `stories`; each win gets
    `comments_per_win` comments (one of them hidden by a manager)."""
    Cheer.objects.bulk_create(Cheer(story=story, user=person) for story in stories for person in people)
    Comment.objects.bulk_create(
        Comment(
            story=story,
            author=people[index % len(people)],
            body=f"Comment {index}",
            hidden_reason="Off topic" if index == 0 else "",
            hidden_at=story.created_at if index == 0 else None,
        )
        for story in stories
        for index in range(comments_per_win)
    )

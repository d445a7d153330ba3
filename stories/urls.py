from django.urls import path

from .views import feed, health, wins

urlpatterns = [
    path("", feed.feed, name="feed"),
    path("wins/new/", wins.story_create, name="story_create"),
    path("wins/<int:pk>/", wins.story_detail, name="story_detail"),
    path("wins/<int:pk>/edit/", wins.story_edit, name="story_edit"),
    path("wins/<int:pk>/delete/", wins.story_delete, name="story_delete"),
    path("people/<str:username>/", feed.person, name="person"),
    path("healthz", health.healthz, name="healthz"),
]

# --- media (photos, videos) ---

# --- curation (tags, featuring, wall order, hiding, review, featured wall) ---

# --- slideshow (deck, slides.json, display links) ---

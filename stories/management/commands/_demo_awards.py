"""The demo's awards (issue 23): last month announced — a winner in each
category (one with a runner-up), each nominated by a colleague or two — and
this month's nominations still open on /manage/awards/."""

# category, win, citation, [reasons], place ("winner" or "runner_up")
ANNOUNCED = [
    (
        "Best decision on the spot",
        "Anniversary rescued after a double booking",
        "Turned our mistake into their best night, without waiting for anyone's permission.",
        ["Didn't wait for a manager: upgraded, apologised, done.", "The guests wrote to us twice."],
        "winner",
    ),
    (
        "Best decision on the spot",
        "Flight cancelled: rebooked and roomed in 20 minutes",
        "Twenty minutes from bad news to a room and a new flight.",
        ["A whole family sorted before their coffee went cold."],
        "runner_up",
    ),
    (
        "Most creative idea",
        "Cold soup turned into a chef's table",
        "A complaint became a memory the guests will tell for years.",
        ["Who else would think of a chef's table?", "Made the kitchen team proud too."],
        "winner",
    ),
    (
        "Best lesson from a miss",
        "We learned to double-check airport pick-up times",
        "Owned the miss, then changed how every pick-up is booked.",
        ["The new checklist has already saved two pick-ups."],
        "winner",
    ),
]

# This month, still open: category, win, reason
OPEN = [
    ("Most creative idea", "Birthday cake from a dinner-roll tower", "Out of flour, full of ideas."),
    ("Most creative idea", "Welcome notes in the guest's own language", "Every guest felt at home on day one."),
    ("Most creative idea", "Dog bowl and blanket for an unplanned pet guest", "The dog loved it; so did the owner."),
    ("Best decision on the spot", "Allergy caught before the plate left the kitchen", "Stopped the plate in time."),
    ("Best lesson from a miss", "We over-promised a late checkout", "Honest about it, and we all learned."),
]

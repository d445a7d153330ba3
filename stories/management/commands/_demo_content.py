"""What `manage.py demo_data` creates: teams, people, wins, tags and the
featured wall (the words only; the command does the writing)."""

from decimal import Decimal

TEAMS = ["Front desk", "Housekeeping", "Restaurant", "Concierge", "Contact centre"]

# username, first name, last name, manager?
PEOPLE = [
    ("maria", "Maria", "Lopez", True),
    ("sam", "Sam", "Okafor", False),
    ("alex", "Alex", "Chen", False),
    ("priya", "Priya", "Nair", False),
    ("jordan", "Jordan", "Weber", False),
    ("lena", "Lena", "Svensson", False),
]

# Added by a manager, not joined yet (/manage/people/ shows them as invited):
# name, e-mail ("" for none), team, employee number
INVITED = [
    ("Tomasz Kowalski", "", "Housekeeping", "H-1042"),
    ("Aisha Bello", "aisha@example.com", "Restaurant", "R-2210"),
    ("Luis Ortega", "", "Front desk", "F-0317"),
]

# headline, kind, team, needed approval, cost, story, quote, quote by
WINS = [
    (
        "A ring found in the laundry, back before checkout",
        "fixed",
        "Housekeeping",
        False,
        None,
        "A guest called in tears: her grandmother's ring had gone out with the sheets. I stopped the laundry cart, "
        "we went through four bags together, and found it tangled in a pillowcase.\n\nShe had it back on her finger "
        "twenty minutes before her taxi.",
        "You saved a piece of my family.",
        "Mrs. Adeyemi, room 508",
    ),
    (
        "Anniversary rescued after a double booking",
        "fixed",
        "Front desk",
        False,
        Decimal("180.00"),
        "We had given the couple's suite to someone else by mistake. I upgraded them to the terrace suite, "
        "had the restaurant send champagne, and wrote them a card myself.",
        "Better than the room we booked!",
        "The Moreau family",
    ),
    (
        "Cold soup turned into a chef's table",
        "creative",
        "Restaurant",
        False,
        Decimal("60.00"),
        "A table waited 40 minutes and their soup arrived cold. Instead of just replacing it I invited them to "
        "the chef's table for dessert and a tour of the kitchen.",
        "",
        "",
    ),
    (
        "We learned to double-check airport pick-up times",
        "learned",
        "Concierge",
        False,
        None,
        "Our driver went to the wrong terminal and the guest waited an hour. We now confirm the terminal by text "
        "the day before, and the driver sends a photo of the sign when he arrives.",
        "",
        "",
    ),
    (
        "Guest praised our night team by name",
        "praise",
        "Front desk",
        False,
        None,
        "A guest wrote to the general manager about the night team: they found a pharmacy open at 3 a.m. for her "
        "son's medicine and drove her there.",
        "The kindest people I've met travelling.",
        "A guest from Lyon",
    ),
    (
        "Refund handled in one call, no transfer",
        "fixed",
        "Contact centre",
        False,
        Decimal("95.50"),
        "A customer had been charged twice. I refunded the duplicate on the call instead of opening a ticket, "
        "and explained when he would see it.",
        "",
        "",
    ),
    (
        "Birthday cake from a dinner-roll tower",
        "creative",
        "Restaurant",
        False,
        Decimal("0.00"),
        "No cake left on a Sunday night and a child's birthday at table 9. The pastry team built a tower of "
        "brioche rolls with a candle on top. The family loved it.",
        "Best birthday ever!",
        "Noah, age 7",
    ),
    (
        "Wheelchair route mapped for a conference guest",
        "creative",
        "Concierge",
        False,
        None,
        "A guest in a wheelchair had meetings across the old town. I walked the route the evening before and "
        "drew a map with the step-free entrances.",
        "",
        "",
    ),
    (
        "Missed wake-up call: what we changed",
        "learned",
        "Front desk",
        True,
        Decimal("250.00"),
        "A guest missed her flight because our wake-up call failed. We paid the change fee (manager approved) "
        "and now check the wake-up list against the phone system every night at 11.",
        "",
        "",
    ),
    (
        "Lost passport found at the train station",
        "fixed",
        "Concierge",
        False,
        Decimal("35.00"),
        "A guest realised at breakfast that his passport was gone. I called the station's lost and found, took a "
        "taxi there and back, and he made his flight.",
        "I will never forget this.",
        "Mr. Tanaka",
    ),
    (
        "Quiet room for a guest with a migraine",
        "fixed",
        "Housekeeping",
        False,
        None,
        "Construction noise next door. I moved the guest to a courtyard room, brought blackout curtains from "
        "storage and a cold compress.",
        "",
        "",
    ),
    (
        "Five-star review for the whole breakfast team",
        "praise",
        "Restaurant",
        False,
        None,
        "A family of six left a review thanking the breakfast team for remembering every child's name by day two.",
        "They made our kids feel at home.",
        "The Kowalski family",
    ),
    (
        "Replacement charger delivered in 10 minutes",
        "fixed",
        "Front desk",
        False,
        Decimal("25.00"),
        "A guest with a presentation in an hour had forgotten his laptop charger. I bought one at the shop across "
        "the street.",
        "",
        "",
    ),
    (
        "Welcome notes in the guest's own language",
        "creative",
        "Front desk",
        False,
        None,
        "We noticed many guests arrive tired from long flights. We now leave a short welcome note in the guest's "
        "language, with the Wi-Fi password and breakfast hours.",
        "",
        "",
    ),
    (
        "Overbooked tour: what we learned",
        "learned",
        "Concierge",
        False,
        Decimal("120.00"),
        "We sold eight places on a tour with six seats. I paid for a second taxi so everyone could go, and we now "
        "hold the booking sheet in one shared place.",
        "",
        "",
    ),
    (
        "A call transcript the customer framed",
        "praise",
        "Contact centre",
        False,
        None,
        "A customer asked for a copy of our chat because 'nobody has ever been this patient with me'.",
        "Patient, warm and so clear.",
        "A customer in Leeds",
    ),
    (
        "Dog bowl and blanket for an unplanned pet guest",
        "creative",
        "Housekeeping",
        False,
        Decimal("15.00"),
        "A family's dog-sitter cancelled. We found a bowl, a blanket and a map of the nearest park.",
        "",
        "",
    ),
    (
        "Allergy caught before the plate left the kitchen",
        "fixed",
        "Restaurant",
        False,
        None,
        "A guest mentioned a sesame allergy to me but it wasn't on the order. I stopped the plate and the chef "
        "made a new one.",
        "",
        "",
    ),
    (
        "Flight cancelled: rebooked and roomed in 20 minutes",
        "fixed",
        "Contact centre",
        False,
        Decimal("0.00"),
        "A storm cancelled a customer's flight. I rebooked her, held a room for the night and sent the details "
        "while she was still at the gate.",
        "",
        "",
    ),
    (
        "Umbrellas by the door on rainy days",
        "creative",
        "Front desk",
        False,
        Decimal("40.00"),
        "We bought a stand of umbrellas guests can borrow. Fewer soaked arrivals at dinner.",
        "",
        "",
    ),
    (
        "We over-promised a late checkout",
        "learned",
        "Front desk",
        False,
        None,
        "We promised a 3 p.m. checkout without asking housekeeping. The next guest waited. Now late checkouts "
        "are confirmed on the housekeeping board first.",
        "",
        "",
    ),
    (
        "Handwritten thank-you from a regular",
        "praise",
        "Housekeeping",
        False,
        None,
        "A guest who stays every month left a handwritten card for the housekeeping team.",
        "You make this feel like home.",
        "A regular guest",
    ),
    (
        "Stroller borrowed from the staff room",
        "fixed",
        "Concierge",
        False,
        None,
        "A family's stroller broke on day one. We lent them the spare stroller from the staff room for the week.",
        "",
        "",
    ),
    (
        "Phone menu shortened after a complaint",
        "learned",
        "Contact centre",
        True,
        None,
        "A customer said our phone menu took four minutes to reach a person. We cut it to two choices.",
        "",
        "",
    ),
    (
        "A song at check-in for a honeymoon couple",
        "creative",
        "Front desk",
        False,
        None,
        "Our night porter plays the guitar. With the couple's permission he played their wedding song in the lobby.",
        "We cried. Thank you!",
        "Ana and Luis",
    ),
    (
        "Room cooled down before arrival during a heatwave",
        "fixed",
        "Housekeeping",
        False,
        None,
        "We switched on the air conditioning in arriving guests' rooms an hour early during the heatwave.",
        "",
        "",
    ),
    (
        "Customer praised the speed of a refund",
        "praise",
        "Contact centre",
        False,
        None,
        "A customer emailed to say it was the fastest refund she had ever had.",
        "Fast, friendly, done.",
        "A customer in Porto",
    ),
    (
        "Late kitchen for a delayed team dinner",
        "fixed",
        "Restaurant",
        True,
        Decimal("300.00"),
        "A conference group's bus broke down. With the manager's approval we kept the kitchen open an extra hour.",
        "",
        "",
    ),
    (
        "Printed boarding passes without being asked",
        "creative",
        "Front desk",
        False,
        None,
        "Guests checking out early get their boarding passes printed and waiting at the desk.",
        "",
        "",
    ),
    (
        "We mixed up two room keys — and fixed it",
        "learned",
        "Front desk",
        False,
        Decimal("2400.00"),
        "Two guests got keys to the same room. We apologised in person, moved one to a suite and paid dinner for "
        "both. Key cards are now checked on the screen before they are handed over.",
        "",
        "",
    ),
]


# What the demo manager has curated: tags, and the featured wall (top first).
TAGS = {
    "Above and beyond": [
        "A ring found in the laundry, back before checkout",
        "Lost passport found at the train station",
        "Anniversary rescued after a double booking",
    ],
    "Q4 2026": [
        "A ring found in the laundry, back before checkout",
        "Cold soup turned into a chef's table",
        "Guest praised our night team by name",
        "We learned to double-check airport pick-up times",
    ],
    "Small touches": ["Welcome notes in the guest's own language", "Umbrellas by the door on rainy days"],
}
FEATURED = [
    ("A ring found in the laundry, back before checkout", "Four laundry bags, one ring, zero hesitation."),
    ("Anniversary rescued after a double booking", "Our mistake became their best night."),
    ("Guest praised our night team by name", ""),
    ("Cold soup turned into a chef's table", "A complaint turned into a memory."),
    ("We learned to double-check airport pick-up times", "Owning a miss, and fixing the process."),
    ("Lost passport found at the train station", ""),
]

# Each colleague's team (set on their profile, as they would at /settings/).
PEOPLE_TEAMS = {
    "sam": "Front desk",
    "alex": "Restaurant",
    "priya": "Concierge",
    "jordan": "Contact centre",
    "lena": "Housekeeping",
}

# Colleagues' comments on a few wins: (headline, username, comment).
COMMENTS = [
    ("A ring found in the laundry, back before checkout", "priya", "Four bags by hand. That's dedication!"),
    ("A ring found in the laundry, back before checkout", "jordan", "Telling this one at our team huddle tomorrow."),
    ("Anniversary rescued after a double booking", "lena", "Turning our mistake into their best night. Love it."),
    ("Cold soup turned into a chef's table", "sam", "Can we do this for every complaint? 😄"),
    ("Lost passport found at the train station", "alex", "You made their holiday."),
]

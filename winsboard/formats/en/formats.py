# English dates as Winsboard has always written them ("5 Dec 2026, 14:30"):
# day first, short month names, a 24-hour clock — for a workforce across
# countries, not only the US. Every other language uses Django's own formats.
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j M"
FIRST_DAY_OF_WEEK = 1  # Monday

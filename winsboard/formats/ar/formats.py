# Arabic dates and times written as Arabic writes them ("7 نوفمبر 2026، 3:31 م"):
# Django's Arabic formats have no DATETIME_FORMAT, so the English one
# ("N j, Y, P") showed through. The other formats are Django's own.
DATETIME_FORMAT = "j F Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"


'use strict';
{
  const globals = this;
  const django = globals.django || (globals.django = {});

  
  django.pluralidx = function(n) {
    const v = (n != 1);
    if (typeof v === 'boolean') {
      return v ? 1 : 0;
    } else {
      return v;
    }
  };
  

  /* gettext library */

  django.catalog = django.catalog || {};
  
  const newcatalog = {
    "%(count)s colleague matches.": [
      "%(count)s Person passt.",
      "%(count)s Personen passen."
    ],
    "%(count)s hero credited.": [
      "%(count)s Held genannt.",
      "%(count)s Helden genannt."
    ],
    "%(count)s photo added: give each an alt text below.": [
      "%(count)s Foto hinzugef\u00fcgt: Gib ihm unten einen Alternativtext.",
      "%(count)s Fotos hinzugef\u00fcgt: Gib jedem unten einen Alternativtext."
    ],
    "%(count)s win celebrated": [
      "%(count)s Erfolg gefeiert",
      "%(count)s Erfolge gefeiert"
    ],
    "%(count)s win waiting to send. Kept on this phone: it goes as soon as you're back online.": [
      "%(count)s Erfolg wartet aufs Senden. Er ist auf diesem Handy gespeichert und geht raus, sobald du wieder online bist.",
      "%(count)s Erfolge warten aufs Senden. Sie sind auf diesem Handy gespeichert und gehen raus, sobald du wieder online bist."
    ],
    "%(name)s added.": "%(name)s hinzugef\u00fcgt.",
    "%(name)s mentioned.": "%(name)s erw\u00e4hnt.",
    "%(name)s removed.": "%(name)s entfernt.",
    "%(percent)s \u2014 %(loaded)s of %(total)s MB": "%(percent)s \u2013 %(loaded)s von %(total)s MB",
    "%(place)s of %(count)s": "%(place)s von %(count)s",
    "%(provider)s video: %(headline)s": "Video von %(provider)s: %(headline)s",
    "A manager revoked it. Ask them for a new display link.": "Eine F\u00fchrungskraft hat ihn widerrufen. Bitte um einen neuen Bildschirm-Link.",
    "Add an alt text for \u201c%(name)s\u201d: describe it for colleagues who can't see it.": "Gib einen Alternativtext f\u00fcr \u201e%(name)s\u201c ein: Beschreib es f\u00fcr alle, die es nicht sehen k\u00f6nnen.",
    "Add an alt text: describe this photo for colleagues who can't see it.": "Gib einen Alternativtext ein: Beschreib das Foto f\u00fcr alle, die es nicht sehen k\u00f6nnen.",
    "Award \u00b7 %(award)s": "Auszeichnung \u00b7 %(award)s",
    "Cheer taken back. %(summary)s": "Gl\u00fcckwunsch zur\u00fcckgenommen. %(summary)s",
    "Cheered by": "Gl\u00fcckw\u00fcnsche von",
    "Choose a smaller file (or, for a video, a link to it); your text is still here.": "W\u00e4hle eine kleinere Datei (oder bei einem Video einen Link dazu); dein Text ist noch da.",
    "Clear the selection": "Auswahl aufheben",
    "Close": "Schlie\u00dfen",
    "Colleagues to mention": "Personen zum Erw\u00e4hnen",
    "Colleagues who match": "Passende Kolleginnen und Kollegen",
    "Copied the address.": "Adresse kopiert.",
    "Could not mark the deck as shown.": "Die Diashow konnte nicht als gezeigt markiert werden.",
    "Could not reach Winsboard. Try again in a moment.": "Winsboard ist nicht erreichbar. Versuch es gleich noch einmal.",
    "Credited heroes": "Genannte Helden",
    "Discard it": "Verwerfen",
    "Drag to reorder": "Ziehen zum Umsortieren",
    "Full screen": "Vollbild",
    "Hero": [
      "Held",
      "Helden"
    ],
    "Leave full screen": "Vollbild beenden",
    "Left out: %(problems)s.": "Ausgelassen: %(problems)s.",
    "Move %(name)s down": "%(name)s nach unten",
    "Move %(name)s up": "%(name)s nach oben",
    "Move photo %(number)s down": "Foto %(number)s nach unten",
    "Move photo %(number)s up": "Foto %(number)s nach oben",
    "Moved to place %(place)s of %(count)s.": "Verschoben auf Platz %(place)s von %(count)s.",
    "New photo: %(name)s": "Neues Foto: %(name)s",
    "No colleague matches \u201c%(typed)s\u201d.": "Niemand passt zu \u201e%(typed)s\u201c.",
    "No colleague matches.": "Niemand passt.",
    "Only managers can do that. If you were just made one, reload the page.": "Das d\u00fcrfen nur F\u00fchrungskr\u00e4fte. Wenn du gerade dazu ernannt wurdest, lade die Seite neu.",
    "Please fix the %(count)s problem below.": [
      "Bitte behebe das Problem unten.",
      "Bitte behebe die %(count)s Probleme unten."
    ],
    "Remove %(name)s": "%(name)s entfernen",
    "Restore it": "Wiederherstellen",
    "Resume": "Fortsetzen",
    "Select all on this page": "Alle auf dieser Seite ausw\u00e4hlen",
    "Starting\u2026": "Wird gestartet \u2026",
    "That didn't work (error %(status)s). Reload the page and try again.": "Das hat nicht geklappt (Fehler %(status)s). Lade die Seite neu und versuch es noch einmal.",
    "That win (or tag) no longer exists. Reload the page.": "Diesen Erfolg (oder dieses Schlagwort) gibt es nicht mehr. Lade die Seite neu.",
    "That win is no longer shared. Reload the page.": "Dieser Erfolg ist nicht mehr geteilt. Lade die Seite neu.",
    "That's above your %(budget)s budget \u2014 and that's fine when it's right for the customer. Post it as usual: nobody needs to approve it now, and managers see the amount to learn what it takes.": "Das liegt \u00fcber deinem Budget von %(budget)s \u2013 und das ist in Ordnung, wenn es f\u00fcr den Kunden richtig ist. Teile den Erfolg wie gewohnt: Niemand muss ihn jetzt freigeben, und F\u00fchrungskr\u00e4fte sehen den Betrag, um zu lernen, was es braucht.",
    "The address is selected: press %(keys)s to copy it.": "Die Adresse ist markiert: Dr\u00fcck %(keys)s, um sie zu kopieren.",
    "The upload failed (the server answered %(status)s).": "Der Upload ist fehlgeschlagen (der Server antwortete mit %(status)s).",
    "The upload took too long. Check your connection.": "Der Upload hat zu lange gedauert. Pr\u00fcf deine Verbindung.",
    "The upload was interrupted. Check your connection.": "Der Upload wurde unterbrochen. Pr\u00fcf deine Verbindung.",
    "The upload was refused because your session expired. Sign in again in another tab, then post again.": "Der Upload wurde abgelehnt, weil deine Sitzung abgelaufen ist. Melde dich in einem anderen Tab neu an und teile den Erfolg dann noch einmal.",
    "The upload was refused: it is larger than a win's photos and video can be.": "Der Upload wurde abgelehnt: Er ist gr\u00f6\u00dfer, als Fotos und Video eines Erfolgs sein d\u00fcrfen.",
    "This display link is turned off": "Dieser Bildschirm-Link ist ausgeschaltet",
    "Type a name to add a colleague": "Tippe einen Namen, um jemanden hinzuzuf\u00fcgen",
    "Type more of the name to see others.": "Tippe mehr vom Namen, um weitere zu sehen.",
    "Unfinished win": "Unfertiger Erfolg",
    "Up and down arrows to choose, Enter to mention.": "Pfeiltasten hoch und runter zum Ausw\u00e4hlen, Eingabetaste zum Erw\u00e4hnen.",
    "Uploaded. Preparing your photos\u2026": "Hochgeladen. Deine Fotos werden vorbereitet \u2026",
    "Video: %(headline)s": "Video: %(headline)s",
    "Why we love this": "Warum wir das lieben",
    "Winsboard could not be reached. Check your connection and try again.": "Winsboard ist nicht erreichbar. Pr\u00fcf deine Verbindung und versuch es noch einmal.",
    "You (%(name)s) are no longer credited.": "Du (%(name)s) bist nicht mehr genannt.",
    "You cancelled the upload.": "Du hast den Upload abgebrochen.",
    "You have an unfinished win from %(when)s (its text and %(count)s photo), kept on this device.": [
      "Du hast einen unfertigen Erfolg vom %(when)s (den Text und %(count)s Foto), auf diesem Ger\u00e4t gespeichert.",
      "Du hast einen unfertigen Erfolg vom %(when)s (den Text und %(count)s Fotos), auf diesem Ger\u00e4t gespeichert."
    ],
    "You have an unfinished win from %(when)s (its text), kept on this device.": "Du hast einen unfertigen Erfolg vom %(when)s (den Text), auf diesem Ger\u00e4t gespeichert.",
    "You're offline, so your win is saved on this phone. It will be sent as soon as you're back online \u2014 you can close this page.": "Du bist offline, deshalb ist dein Erfolg auf diesem Handy gespeichert. Er wird gesendet, sobald du wieder online bist \u2013 du kannst diese Seite schlie\u00dfen.",
    "Your text and chosen files are still here: try again when you're ready.": "Dein Text und die gew\u00e4hlten Dateien sind noch da: Versuch es noch einmal, wenn du so weit bist.",
    "Your win": "Dein Erfolg",
    "Your win \u201c%(headline)s\u201d needs a fix before it can be posted: open Post a win to finish it.": "Dein Erfolg \u201e%(headline)s\u201c muss noch korrigiert werden, bevor er geteilt werden kann: \u00d6ffne \u201eErfolg teilen\u201c, um ihn fertigzustellen.",
    "Your win \u201c%(headline)s\u201d was sent. Thank you for sharing it!": "Dein Erfolg \u201e%(headline)s\u201c wurde gesendet. Danke f\u00fcrs Teilen!",
    "one page of the slideshow\u0004slide": "Folie",
    "under a count on the title slide\u0004hero": [
      "Held",
      "Helden"
    ],
    "under a count on the title slide\u0004team": [
      "Team",
      "Teams"
    ],
    "under a count on the title slide\u0004win": [
      "Erfolg",
      "Erfolge"
    ],
    "verb: pause the slideshow\u0004Pause": "Pause",
    "verb: take a photo off the win\u0004Remove": "Entfernen",
    "\u201c%(name)s\u201d is %(size)s MB; it can be up to %(limit)s MB.": "\u201e%(name)s\u201c hat %(size)s MB; erlaubt sind bis zu %(limit)s MB.",
    "\u201c%(name)s\u201d is larger than %(size)s MB": "\u201e%(name)s\u201c ist gr\u00f6\u00dfer als %(size)s MB",
    "\u201c%(name)s\u201d is one too many (6 photos at most)": "\u201e%(name)s\u201c ist eins zu viel (h\u00f6chstens 6 Fotos)",
    "\u201c%(name)s\u201d isn't a photo": "\u201e%(name)s\u201c ist kein Foto",
    "\u201c%(name)s\u201d removed.": "\u201e%(name)s\u201c entfernt.",
    "\u2191 Move up": "\u2191 Nach oben",
    "\u2193 Move down": "\u2193 Nach unten"
  };
  for (const key in newcatalog) {
    django.catalog[key] = newcatalog[key];
  }
  

  if (!django.jsi18n_initialized) {
    django.gettext = function(msgid) {
      const value = django.catalog[msgid];
      if (typeof value === 'undefined') {
        return msgid;
      } else {
        return (typeof value === 'string') ? value : value[0];
      }
    };

    django.ngettext = function(singular, plural, count) {
      const value = django.catalog[singular];
      if (typeof value === 'undefined') {
        return (count == 1) ? singular : plural;
      } else {
        return value.constructor === Array ? value[django.pluralidx(count)] : value;
      }
    };

    django.gettext_noop = function(msgid) { return msgid; };

    django.pgettext = function(context, msgid) {
      let value = django.gettext(context + '\x04' + msgid);
      if (value.includes('\x04')) {
        value = msgid;
      }
      return value;
    };

    django.npgettext = function(context, singular, plural, count) {
      let value = django.ngettext(context + '\x04' + singular, context + '\x04' + plural, count);
      if (value.includes('\x04')) {
        value = django.ngettext(singular, plural, count);
      }
      return value;
    };

    django.interpolate = function(fmt, obj, named) {
      if (named) {
        return fmt.replace(/%\(\w+\)s/g, function(match){return String(obj[match.slice(2,-2)])});
      } else {
        return fmt.replace(/%s/g, function(match){return String(obj.shift())});
      }
    };


    /* formatting library */

    django.formats = {
    "DATETIME_FORMAT": "j. F Y H:i",
    "DATETIME_INPUT_FORMATS": [
      "%d.%m.%Y %H:%M:%S",
      "%d.%m.%Y %H:%M:%S.%f",
      "%d.%m.%Y %H:%M",
      "%Y-%m-%d %H:%M:%S",
      "%Y-%m-%d %H:%M:%S.%f",
      "%Y-%m-%d %H:%M",
      "%Y-%m-%d"
    ],
    "DATE_FORMAT": "j. F Y",
    "DATE_INPUT_FORMATS": [
      "%d.%m.%Y",
      "%d.%m.%y",
      "%Y-%m-%d"
    ],
    "DECIMAL_SEPARATOR": ",",
    "FIRST_DAY_OF_WEEK": 1,
    "MONTH_DAY_FORMAT": "j. F",
    "NUMBER_GROUPING": 3,
    "SHORT_DATETIME_FORMAT": "d.m.Y H:i",
    "SHORT_DATE_FORMAT": "d.m.Y",
    "THOUSAND_SEPARATOR": ".",
    "TIME_FORMAT": "H:i",
    "TIME_INPUT_FORMATS": [
      "%H:%M:%S",
      "%H:%M:%S.%f",
      "%H:%M"
    ],
    "YEAR_MONTH_FORMAT": "F Y"
  };

    django.get_format = function(format_type) {
      const value = django.formats[format_type];
      if (typeof value === 'undefined') {
        return format_type;
      } else {
        return value;
      }
    };

    /* add to global namespace */
    globals.pluralidx = django.pluralidx;
    globals.gettext = django.gettext;
    globals.ngettext = django.ngettext;
    globals.gettext_noop = django.gettext_noop;
    globals.pgettext = django.pgettext;
    globals.npgettext = django.npgettext;
    globals.interpolate = django.interpolate;
    globals.get_format = django.get_format;

    django.jsi18n_initialized = true;
  }
};


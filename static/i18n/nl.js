
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
      "%(count)s collega gevonden.",
      "%(count)s collega's gevonden."
    ],
    "%(count)s hero credited.": [
      "%(count)s held genoemd.",
      "%(count)s helden genoemd."
    ],
    "%(count)s photo added: give each an alt text below.": [
      "%(count)s foto toegevoegd: geef hem hieronder een alt-tekst.",
      "%(count)s foto's toegevoegd: geef ze hieronder elk een alt-tekst."
    ],
    "%(count)s win celebrated": [
      "%(count)s succes gevierd",
      "%(count)s successen gevierd"
    ],
    "%(count)s win waiting to send. Kept on this phone: it goes as soon as you're back online.": [
      "%(count)s succes wacht om verstuurd te worden. Bewaard op deze telefoon: het gaat zodra je weer online bent.",
      "%(count)s successen wachten om verstuurd te worden. Bewaard op deze telefoon: ze gaan zodra je weer online bent."
    ],
    "%(name)s added.": "%(name)s toegevoegd.",
    "%(name)s mentioned.": "%(name)s genoemd.",
    "%(name)s removed.": "%(name)s verwijderd.",
    "%(percent)s \u2014 %(loaded)s of %(total)s MB": "%(percent)s \u2014 %(loaded)s van %(total)s MB",
    "%(place)s of %(count)s": "%(place)s van %(count)s",
    "%(provider)s video: %(headline)s": "Video van %(provider)s: %(headline)s",
    "A manager revoked it. Ask them for a new display link.": "Een manager heeft hem ingetrokken. Vraag om een nieuwe schermlink.",
    "Add an alt text for \u201c%(name)s\u201d: describe it for colleagues who can't see it.": "Voeg een alt-tekst toe voor \u201c%(name)s\u201d: beschrijf de foto voor collega's die hem niet kunnen zien.",
    "Add an alt text: describe this photo for colleagues who can't see it.": "Voeg een alt-tekst toe: beschrijf deze foto voor collega's die hem niet kunnen zien.",
    "Award \u00b7 %(award)s": "Prijs \u00b7 %(award)s",
    "Cheer taken back. %(summary)s": "Applaus ingetrokken. %(summary)s",
    "Cheered by": "Applaus van",
    "Choose a smaller file (or, for a video, a link to it); your text is still here.": "Kies een kleiner bestand (of, voor een video, een link ernaar); je tekst staat er nog.",
    "Clear the selection": "Selectie wissen",
    "Close": "Sluiten",
    "Colleagues to mention": "Collega's om te noemen",
    "Colleagues who match": "Collega's die passen",
    "Copied the address.": "Adres gekopieerd.",
    "Could not mark the deck as shown.": "Kon de diavoorstelling niet als getoond markeren.",
    "Could not reach Winsboard. Try again in a moment.": "Kon Winsboard niet bereiken. Probeer het zo opnieuw.",
    "Credited heroes": "Genoemde helden",
    "Discard it": "Weggooien",
    "Drag to reorder": "Sleep om te verplaatsen",
    "Full screen": "Volledig scherm",
    "Hero": [
      "Held",
      "Helden"
    ],
    "Leave full screen": "Volledig scherm sluiten",
    "Left out: %(problems)s.": "Weggelaten: %(problems)s.",
    "Move %(name)s down": "%(name)s omlaag",
    "Move %(name)s up": "%(name)s omhoog",
    "Move photo %(number)s down": "Foto %(number)s omlaag",
    "Move photo %(number)s up": "Foto %(number)s omhoog",
    "Moved to place %(place)s of %(count)s.": "Verplaatst naar plek %(place)s van %(count)s.",
    "New photo: %(name)s": "Nieuwe foto: %(name)s",
    "No colleague matches \u201c%(typed)s\u201d.": "Geen collega gevonden voor \u201c%(typed)s\u201d.",
    "No colleague matches.": "Geen collega gevonden.",
    "Only managers can do that. If you were just made one, reload the page.": "Alleen managers kunnen dat doen. Ben je net manager geworden? Laad de pagina opnieuw.",
    "Please fix the %(count)s problem below.": [
      "Los het probleem hieronder op.",
      "Los de %(count)s problemen hieronder op."
    ],
    "Remove %(name)s": "%(name)s verwijderen",
    "Restore it": "Terugzetten",
    "Resume": "Hervatten",
    "Select all on this page": "Alles op deze pagina selecteren",
    "Starting\u2026": "Bezig met starten\u2026",
    "That didn't work (error %(status)s). Reload the page and try again.": "Dat lukte niet (fout %(status)s). Laad de pagina opnieuw en probeer het nog eens.",
    "That win (or tag) no longer exists. Reload the page.": "Dat succes (of die tag) bestaat niet meer. Laad de pagina opnieuw.",
    "That win is no longer shared. Reload the page.": "Dat succes wordt niet meer gedeeld. Laad de pagina opnieuw.",
    "That's above your %(budget)s budget \u2014 and that's fine when it's right for the customer. Post it as usual: nobody needs to approve it now, and managers see the amount to learn what it takes.": "Dat is boven je budget van %(budget)s \u2014 en dat is prima als het goed is voor de klant. Plaats het gewoon: niemand hoeft het nu goed te keuren, en managers zien het bedrag om te leren wat ervoor nodig is.",
    "The address is selected: press %(keys)s to copy it.": "Het adres is geselecteerd: druk op %(keys)s om het te kopi\u00ebren.",
    "The upload failed (the server answered %(status)s).": "De upload is mislukt (de server antwoordde %(status)s).",
    "The upload took too long. Check your connection.": "De upload duurde te lang. Controleer je verbinding.",
    "The upload was interrupted. Check your connection.": "De upload is onderbroken. Controleer je verbinding.",
    "The upload was refused because your session expired. Sign in again in another tab, then post again.": "De upload is geweigerd omdat je sessie verlopen is. Log opnieuw in op een ander tabblad en plaats het dan opnieuw.",
    "The upload was refused: it is larger than a win's photos and video can be.": "De upload is geweigerd: hij is groter dan de foto's en video van een succes mogen zijn.",
    "This display link is turned off": "Deze schermlink is uitgezet",
    "Type a name to add a colleague": "Typ een naam om een collega toe te voegen",
    "Type more of the name to see others.": "Typ meer van de naam om anderen te zien.",
    "Unfinished win": "Onafgemaakt succes",
    "Up and down arrows to choose, Enter to mention.": "Pijltjes omhoog en omlaag om te kiezen, Enter om te noemen.",
    "Uploaded. Preparing your photos\u2026": "Ge\u00fcpload. Je foto's worden klaargemaakt\u2026",
    "Video: %(headline)s": "Video: %(headline)s",
    "Why we love this": "Waarom we dit geweldig vinden",
    "Winsboard could not be reached. Check your connection and try again.": "Winsboard is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.",
    "You (%(name)s) are no longer credited.": "Jij (%(name)s) staat er niet meer bij als held.",
    "You cancelled the upload.": "Je hebt de upload geannuleerd.",
    "You have an unfinished win from %(when)s (its text and %(count)s photo), kept on this device.": [
      "Je hebt een onafgemaakt succes van %(when)s (de tekst en %(count)s foto), bewaard op dit apparaat.",
      "Je hebt een onafgemaakt succes van %(when)s (de tekst en %(count)s foto's), bewaard op dit apparaat."
    ],
    "You have an unfinished win from %(when)s (its text), kept on this device.": "Je hebt een onafgemaakt succes van %(when)s (de tekst), bewaard op dit apparaat.",
    "You're offline, so your win is saved on this phone. It will be sent as soon as you're back online \u2014 you can close this page.": "Je bent offline, dus je succes is op deze telefoon bewaard. Het wordt verstuurd zodra je weer online bent \u2014 je kunt deze pagina sluiten.",
    "Your text and chosen files are still here: try again when you're ready.": "Je tekst en gekozen bestanden staan er nog: probeer het opnieuw als je zover bent.",
    "Your win": "Je succes",
    "Your win \u201c%(headline)s\u201d needs a fix before it can be posted: open Post a win to finish it.": "Je succes \u201c%(headline)s\u201d moet nog worden aangepast voordat het geplaatst kan worden: open Deel een succes om het af te maken.",
    "Your win \u201c%(headline)s\u201d was sent. Thank you for sharing it!": "Je succes \u201c%(headline)s\u201d is verstuurd. Bedankt voor het delen!",
    "one page of the slideshow\u0004slide": "dia",
    "under a count on the title slide\u0004hero": [
      "held",
      "helden"
    ],
    "under a count on the title slide\u0004team": [
      "team",
      "teams"
    ],
    "under a count on the title slide\u0004win": [
      "succes",
      "successen"
    ],
    "verb: pause the slideshow\u0004Pause": "Pauze",
    "verb: take a photo off the win\u0004Remove": "Verwijderen",
    "\u201c%(name)s\u201d is %(size)s MB; it can be up to %(limit)s MB.": "\u201c%(name)s\u201d is %(size)s MB; het mag max. %(limit)s MB zijn.",
    "\u201c%(name)s\u201d is larger than %(size)s MB": "\u201c%(name)s\u201d is groter dan %(size)s MB",
    "\u201c%(name)s\u201d is one too many (6 photos at most)": "\u201c%(name)s\u201d is er een te veel (max. 6 foto's)",
    "\u201c%(name)s\u201d isn't a photo": "\u201c%(name)s\u201d is geen foto",
    "\u201c%(name)s\u201d removed.": "\u201c%(name)s\u201d verwijderd.",
    "\u2191 Move up": "\u2191 Omhoog",
    "\u2193 Move down": "\u2193 Omlaag"
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
    "DATETIME_FORMAT": "j F Y H:i",
    "DATETIME_INPUT_FORMATS": [
      "%d-%m-%Y %H:%M:%S",
      "%d-%m-%y %H:%M:%S",
      "%Y-%m-%d %H:%M:%S",
      "%d/%m/%Y %H:%M:%S",
      "%d/%m/%y %H:%M:%S",
      "%Y/%m/%d %H:%M:%S",
      "%d-%m-%Y %H:%M:%S.%f",
      "%d-%m-%y %H:%M:%S.%f",
      "%Y-%m-%d %H:%M:%S.%f",
      "%d/%m/%Y %H:%M:%S.%f",
      "%d/%m/%y %H:%M:%S.%f",
      "%Y/%m/%d %H:%M:%S.%f",
      "%d-%m-%Y %H.%M:%S",
      "%d-%m-%y %H.%M:%S",
      "%d/%m/%Y %H.%M:%S",
      "%d/%m/%y %H.%M:%S",
      "%d-%m-%Y %H.%M:%S.%f",
      "%d-%m-%y %H.%M:%S.%f",
      "%d/%m/%Y %H.%M:%S.%f",
      "%d/%m/%y %H.%M:%S.%f",
      "%d-%m-%Y %H:%M",
      "%d-%m-%y %H:%M",
      "%Y-%m-%d %H:%M",
      "%d/%m/%Y %H:%M",
      "%d/%m/%y %H:%M",
      "%Y/%m/%d %H:%M",
      "%d-%m-%Y %H.%M",
      "%d-%m-%y %H.%M",
      "%d/%m/%Y %H.%M",
      "%d/%m/%y %H.%M",
      "%Y-%m-%d"
    ],
    "DATE_FORMAT": "j F Y",
    "DATE_INPUT_FORMATS": [
      "%d-%m-%Y",
      "%d-%m-%y",
      "%d/%m/%Y",
      "%d/%m/%y",
      "%Y/%m/%d",
      "%Y-%m-%d"
    ],
    "DECIMAL_SEPARATOR": ",",
    "FIRST_DAY_OF_WEEK": 1,
    "MONTH_DAY_FORMAT": "j F",
    "NUMBER_GROUPING": 3,
    "SHORT_DATETIME_FORMAT": "j-n-Y H:i",
    "SHORT_DATE_FORMAT": "j-n-Y",
    "THOUSAND_SEPARATOR": ".",
    "TIME_FORMAT": "H:i",
    "TIME_INPUT_FORMATS": [
      "%H:%M:%S",
      "%H:%M:%S.%f",
      "%H.%M:%S",
      "%H.%M:%S.%f",
      "%H.%M",
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



'use strict';
{
  const globals = this;
  const django = globals.django || (globals.django = {});

  
  django.pluralidx = function(n) {
    const v = (n > 1);
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
      "%(count)s coll\u00e8gue correspond.",
      "%(count)s coll\u00e8gues correspondent."
    ],
    "%(count)s hero credited.": [
      "%(count)s h\u00e9ros cr\u00e9dit\u00e9.",
      "%(count)s h\u00e9ros cr\u00e9dit\u00e9s."
    ],
    "%(count)s photo added: give each an alt text below.": [
      "%(count)s photo ajout\u00e9e\u00a0: donnez-lui un texte alternatif ci-dessous.",
      "%(count)s photos ajout\u00e9es\u00a0: donnez \u00e0 chacune un texte alternatif ci-dessous."
    ],
    "%(count)s win celebrated": [
      "%(count)s r\u00e9ussite c\u00e9l\u00e9br\u00e9e",
      "%(count)s r\u00e9ussites c\u00e9l\u00e9br\u00e9es"
    ],
    "%(count)s win waiting to send. Kept on this phone: it goes as soon as you're back online.": [
      "%(count)s r\u00e9ussite en attente d\u2019envoi. Conserv\u00e9e sur ce t\u00e9l\u00e9phone\u00a0: elle partira d\u00e8s que vous serez de nouveau en ligne.",
      "%(count)s r\u00e9ussites en attente d\u2019envoi. Conserv\u00e9es sur ce t\u00e9l\u00e9phone\u00a0: elles partiront d\u00e8s que vous serez de nouveau en ligne."
    ],
    "%(name)s added.": "%(name)s ajout\u00e9.",
    "%(name)s mentioned.": "%(name)s mentionn\u00e9.",
    "%(name)s removed.": "%(name)s retir\u00e9.",
    "%(percent)s \u2014 %(loaded)s of %(total)s MB": "%(percent)s \u2014 %(loaded)s sur %(total)s Mo",
    "%(place)s of %(count)s": "%(place)s sur %(count)s",
    "%(provider)s video: %(headline)s": "Vid\u00e9o %(provider)s\u00a0: %(headline)s",
    "A manager revoked it. Ask them for a new display link.": "Un manager l\u2019a r\u00e9voqu\u00e9. Demandez-lui un nouveau lien d\u2019affichage.",
    "Add an alt text for \u201c%(name)s\u201d: describe it for colleagues who can't see it.": "Ajoutez un texte alternatif pour \u00ab\u00a0%(name)s\u00a0\u00bb\u00a0: d\u00e9crivez-la pour les coll\u00e8gues qui ne peuvent pas la voir.",
    "Add an alt text: describe this photo for colleagues who can't see it.": "Ajoutez un texte alternatif\u00a0: d\u00e9crivez cette photo pour les coll\u00e8gues qui ne peuvent pas la voir.",
    "Award \u00b7 %(award)s": "Distinction \u00b7 %(award)s",
    "Cheer taken back. %(summary)s": "Bravo retir\u00e9. %(summary)s",
    "Cheered by": "Applaudie par",
    "Choose a smaller file (or, for a video, a link to it); your text is still here.": "Choisissez un fichier plus petit (ou, pour une vid\u00e9o, un lien vers celle-ci)\u202f; votre texte est toujours l\u00e0.",
    "Clear the selection": "Effacer la s\u00e9lection",
    "Close": "Fermer",
    "Colleagues to mention": "Coll\u00e8gues \u00e0 mentionner",
    "Colleagues who match": "Coll\u00e8gues correspondants",
    "Copied the address.": "Adresse copi\u00e9e.",
    "Could not mark the deck as shown.": "Impossible de marquer le diaporama comme montr\u00e9.",
    "Could not reach Winsboard. Try again in a moment.": "Impossible de joindre Winsboard. R\u00e9essayez dans un instant.",
    "Credited heroes": "H\u00e9ros cr\u00e9dit\u00e9s",
    "Discard it": "La supprimer",
    "Drag to reorder": "Faire glisser pour r\u00e9organiser",
    "Full screen": "Plein \u00e9cran",
    "Hero": [
      "H\u00e9ros",
      "H\u00e9ros"
    ],
    "Leave full screen": "Quitter le plein \u00e9cran",
    "Left out: %(problems)s.": "Non retenus\u00a0: %(problems)s.",
    "Move %(name)s down": "Descendre %(name)s",
    "Move %(name)s up": "Monter %(name)s",
    "Move photo %(number)s down": "Descendre la photo %(number)s",
    "Move photo %(number)s up": "Monter la photo %(number)s",
    "Moved to place %(place)s of %(count)s.": "D\u00e9plac\u00e9e en position %(place)s sur %(count)s.",
    "New photo: %(name)s": "Nouvelle photo\u00a0: %(name)s",
    "No colleague matches \u201c%(typed)s\u201d.": "Aucun coll\u00e8gue ne correspond \u00e0 \u00ab\u00a0%(typed)s\u00a0\u00bb.",
    "No colleague matches.": "Aucun coll\u00e8gue ne correspond.",
    "Only managers can do that. If you were just made one, reload the page.": "Seuls les managers peuvent faire \u00e7a. Si vous venez de le devenir, rechargez la page.",
    "Please fix the %(count)s problem below.": [
      "Corrigez le probl\u00e8me ci-dessous.",
      "Corrigez les %(count)s probl\u00e8mes ci-dessous."
    ],
    "Remove %(name)s": "Retirer %(name)s",
    "Restore it": "La restaurer",
    "Resume": "Reprendre",
    "Select all on this page": "Tout s\u00e9lectionner sur cette page",
    "Starting\u2026": "D\u00e9marrage\u2026",
    "That didn't work (error %(status)s). Reload the page and try again.": "\u00c7a n\u2019a pas march\u00e9 (erreur %(status)s). Rechargez la page et r\u00e9essayez.",
    "That win (or tag) no longer exists. Reload the page.": "Cette r\u00e9ussite (ou ce tag) n\u2019existe plus. Rechargez la page.",
    "That win is no longer shared. Reload the page.": "Cette r\u00e9ussite n\u2019est plus partag\u00e9e. Rechargez la page.",
    "That's above your %(budget)s budget \u2014 and that's fine when it's right for the customer. Post it as usual: nobody needs to approve it now, and managers see the amount to learn what it takes.": "C\u2019est au-del\u00e0 de votre budget de %(budget)s \u2014 et c\u2019est tr\u00e8s bien quand c\u2019est juste pour le client. Publiez comme d\u2019habitude\u00a0: personne n\u2019a besoin de valider, et les managers voient le montant pour comprendre ce que \u00e7a demande.",
    "The address is selected: press %(keys)s to copy it.": "L\u2019adresse est s\u00e9lectionn\u00e9e\u00a0: appuyez sur %(keys)s pour la copier.",
    "The upload failed (the server answered %(status)s).": "L\u2019envoi a \u00e9chou\u00e9 (le serveur a r\u00e9pondu %(status)s).",
    "The upload took too long. Check your connection.": "L\u2019envoi a pris trop de temps. V\u00e9rifiez votre connexion.",
    "The upload was interrupted. Check your connection.": "L\u2019envoi a \u00e9t\u00e9 interrompu. V\u00e9rifiez votre connexion.",
    "The upload was refused because your session expired. Sign in again in another tab, then post again.": "L\u2019envoi a \u00e9t\u00e9 refus\u00e9 car votre session a expir\u00e9. Reconnectez-vous dans un autre onglet, puis publiez \u00e0 nouveau.",
    "The upload was refused: it is larger than a win's photos and video can be.": "L\u2019envoi a \u00e9t\u00e9 refus\u00e9\u00a0: il d\u00e9passe la taille maximale des photos et de la vid\u00e9o d\u2019une r\u00e9ussite.",
    "This display link is turned off": "Ce lien d\u2019affichage est d\u00e9sactiv\u00e9",
    "Type a name to add a colleague": "Tapez un nom pour ajouter un coll\u00e8gue",
    "Type more of the name to see others.": "Tapez la suite du nom pour en voir d\u2019autres.",
    "Unfinished win": "R\u00e9ussite inachev\u00e9e",
    "Up and down arrows to choose, Enter to mention.": "Fl\u00e8ches haut et bas pour choisir, Entr\u00e9e pour mentionner.",
    "Uploaded. Preparing your photos\u2026": "Envoy\u00e9. Pr\u00e9paration de vos photos\u2026",
    "Video: %(headline)s": "Vid\u00e9o\u00a0: %(headline)s",
    "Why we love this": "Pourquoi on adore",
    "Winsboard could not be reached. Check your connection and try again.": "Impossible de joindre Winsboard. V\u00e9rifiez votre connexion et r\u00e9essayez.",
    "You (%(name)s) are no longer credited.": "Vous (%(name)s) ne figurez plus parmi les h\u00e9ros.",
    "You cancelled the upload.": "Vous avez annul\u00e9 l\u2019envoi.",
    "You have an unfinished win from %(when)s (its text and %(count)s photo), kept on this device.": [
      "Vous avez une r\u00e9ussite inachev\u00e9e du %(when)s (son texte et %(count)s photo), conserv\u00e9e sur cet appareil.",
      "Vous avez une r\u00e9ussite inachev\u00e9e du %(when)s (son texte et %(count)s photos), conserv\u00e9e sur cet appareil."
    ],
    "You have an unfinished win from %(when)s (its text), kept on this device.": "Vous avez une r\u00e9ussite inachev\u00e9e du %(when)s (son texte), conserv\u00e9e sur cet appareil.",
    "You're offline, so your win is saved on this phone. It will be sent as soon as you're back online \u2014 you can close this page.": "Vous \u00eates hors ligne\u00a0: votre r\u00e9ussite est enregistr\u00e9e sur ce t\u00e9l\u00e9phone. Elle sera envoy\u00e9e d\u00e8s que vous serez de nouveau en ligne \u2014 vous pouvez fermer cette page.",
    "Your text and chosen files are still here: try again when you're ready.": "Votre texte et les fichiers choisis sont toujours l\u00e0\u00a0: r\u00e9essayez quand vous voulez.",
    "Your win": "Votre r\u00e9ussite",
    "Your win \u201c%(headline)s\u201d needs a fix before it can be posted: open Post a win to finish it.": "Votre r\u00e9ussite \u00ab\u00a0%(headline)s\u00a0\u00bb doit \u00eatre corrig\u00e9e avant publication\u00a0: ouvrez Partager une r\u00e9ussite pour la terminer.",
    "Your win \u201c%(headline)s\u201d was sent. Thank you for sharing it!": "Votre r\u00e9ussite \u00ab\u00a0%(headline)s\u00a0\u00bb a \u00e9t\u00e9 envoy\u00e9e. Merci de l\u2019avoir partag\u00e9e\u202f!",
    "one page of the slideshow\u0004slide": "diapo",
    "under a count on the title slide\u0004hero": [
      "h\u00e9ros",
      "h\u00e9ros"
    ],
    "under a count on the title slide\u0004team": [
      "\u00e9quipe",
      "\u00e9quipes"
    ],
    "under a count on the title slide\u0004win": [
      "r\u00e9ussite",
      "r\u00e9ussites"
    ],
    "verb: pause the slideshow\u0004Pause": "Pause",
    "verb: take a photo off the win\u0004Remove": "Retirer",
    "\u201c%(name)s\u201d is %(size)s MB; it can be up to %(limit)s MB.": "\u00ab\u00a0%(name)s\u00a0\u00bb fait %(size)s Mo\u202f; le maximum est de %(limit)s Mo.",
    "\u201c%(name)s\u201d is larger than %(size)s MB": "\u00ab\u00a0%(name)s\u00a0\u00bb d\u00e9passe %(size)s Mo",
    "\u201c%(name)s\u201d is one too many (6 photos at most)": "\u00ab\u00a0%(name)s\u00a0\u00bb est en trop (6 photos maximum)",
    "\u201c%(name)s\u201d isn't a photo": "\u00ab\u00a0%(name)s\u00a0\u00bb n\u2019est pas une photo",
    "\u201c%(name)s\u201d removed.": "\u00ab\u00a0%(name)s\u00a0\u00bb retir\u00e9e.",
    "\u2191 Move up": "\u2191 Monter",
    "\u2193 Move down": "\u2193 Descendre"
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
      "%d/%m/%Y %H:%M:%S",
      "%d/%m/%Y %H:%M:%S.%f",
      "%d/%m/%Y %H:%M",
      "%Y-%m-%d %H:%M:%S",
      "%Y-%m-%d %H:%M:%S.%f",
      "%Y-%m-%d %H:%M",
      "%Y-%m-%d"
    ],
    "DATE_FORMAT": "j F Y",
    "DATE_INPUT_FORMATS": [
      "%d/%m/%Y",
      "%d/%m/%y",
      "%Y-%m-%d"
    ],
    "DECIMAL_SEPARATOR": ",",
    "FIRST_DAY_OF_WEEK": 1,
    "MONTH_DAY_FORMAT": "j F",
    "NUMBER_GROUPING": 3,
    "SHORT_DATETIME_FORMAT": "d/m/Y H:i",
    "SHORT_DATE_FORMAT": "d/m/Y",
    "THOUSAND_SEPARATOR": "\u00a0",
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


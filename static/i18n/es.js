
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
      "%(count)s compa\u00f1ero coincide.",
      "%(count)s compa\u00f1eros coinciden."
    ],
    "%(count)s hero credited.": [
      "%(count)s protagonista incluido.",
      "%(count)s protagonistas incluidos."
    ],
    "%(count)s photo added: give each an alt text below.": [
      "%(count)s foto a\u00f1adida: a\u00f1ade a cada una un texto alternativo abajo.",
      "%(count)s fotos a\u00f1adidas: a\u00f1ade a cada una un texto alternativo abajo."
    ],
    "%(count)s win celebrated": [
      "%(count)s logro celebrado",
      "%(count)s logros celebrados"
    ],
    "%(count)s win waiting to send. Kept on this phone: it goes as soon as you're back online.": [
      "%(count)s logro pendiente de env\u00edo. Est\u00e1 guardado en este m\u00f3vil: se enviar\u00e1 en cuanto vuelvas a tener conexi\u00f3n.",
      "%(count)s logros pendientes de env\u00edo. Est\u00e1n guardados en este m\u00f3vil: se enviar\u00e1n en cuanto vuelvas a tener conexi\u00f3n."
    ],
    "%(name)s added.": "Se ha a\u00f1adido a %(name)s.",
    "%(name)s mentioned.": "Se ha mencionado a %(name)s.",
    "%(name)s removed.": "Se ha quitado a %(name)s.",
    "%(percent)s \u2014 %(loaded)s of %(total)s MB": "%(percent)s \u2014 %(loaded)s de %(total)s MB",
    "%(place)s of %(count)s": "%(place)s de %(count)s",
    "%(provider)s video: %(headline)s": "V\u00eddeo de %(provider)s: %(headline)s",
    "A manager revoked it. Ask them for a new display link.": "Un responsable lo ha revocado. P\u00eddele un enlace de pantalla nuevo.",
    "Add an alt text for \u201c%(name)s\u201d: describe it for colleagues who can't see it.": "A\u00f1ade un texto alternativo para \u00ab%(name)s\u00bb: descr\u00edbela para los compa\u00f1eros que no pueden verla.",
    "Add an alt text: describe this photo for colleagues who can't see it.": "A\u00f1ade un texto alternativo: describe esta foto para los compa\u00f1eros que no pueden verla.",
    "Award \u00b7 %(award)s": "Premio \u00b7 %(award)s",
    "Cheer taken back. %(summary)s": "Aplauso retirado. %(summary)s",
    "Cheered by": "Aplausos de",
    "Choose a smaller file (or, for a video, a link to it); your text is still here.": "Elige un archivo m\u00e1s peque\u00f1o (o, si es un v\u00eddeo, un enlace a \u00e9l); tu texto sigue aqu\u00ed.",
    "Clear the selection": "Quitar la selecci\u00f3n",
    "Close": "Cerrar",
    "Colleagues to mention": "Compa\u00f1eros para mencionar",
    "Colleagues who match": "Compa\u00f1eros que coinciden",
    "Copied the address.": "Direcci\u00f3n copiada.",
    "Could not mark the deck as shown.": "No se ha podido marcar la presentaci\u00f3n como mostrada.",
    "Could not reach Winsboard. Try again in a moment.": "No se ha podido conectar con Winsboard. Vuelve a intentarlo en un momento.",
    "Credited heroes": "Protagonistas incluidos",
    "Discard it": "Descartar",
    "Drag to reorder": "Arrastra para reordenar",
    "Full screen": "Pantalla completa",
    "Hero": [
      "Protagonista",
      "Protagonistas"
    ],
    "Leave full screen": "Salir de pantalla completa",
    "Left out: %(problems)s.": "Omitidos: %(problems)s.",
    "Move %(name)s down": "Bajar %(name)s",
    "Move %(name)s up": "Subir %(name)s",
    "Move photo %(number)s down": "Bajar la foto %(number)s",
    "Move photo %(number)s up": "Subir la foto %(number)s",
    "Moved to place %(place)s of %(count)s.": "Movida a la posici\u00f3n %(place)s de %(count)s.",
    "New photo: %(name)s": "Foto nueva: %(name)s",
    "No colleague matches \u201c%(typed)s\u201d.": "Ning\u00fan compa\u00f1ero coincide con \u00ab%(typed)s\u00bb.",
    "No colleague matches.": "Ning\u00fan compa\u00f1ero coincide.",
    "Only managers can do that. If you were just made one, reload the page.": "Solo los responsables pueden hacer eso. Si acaban de nombrarte responsable, vuelve a cargar la p\u00e1gina.",
    "Please fix the %(count)s problem below.": [
      "Corrige el problema de abajo.",
      "Corrige los %(count)s problemas de abajo."
    ],
    "Remove %(name)s": "Quitar a %(name)s",
    "Restore it": "Restaurar",
    "Resume": "Reanudar",
    "Select all on this page": "Seleccionar todos en esta p\u00e1gina",
    "Starting\u2026": "Empezando\u2026",
    "That didn't work (error %(status)s). Reload the page and try again.": "No ha funcionado (error %(status)s). Vuelve a cargar la p\u00e1gina e int\u00e9ntalo de nuevo.",
    "That win (or tag) no longer exists. Reload the page.": "Ese logro (o esa etiqueta) ya no existe. Vuelve a cargar la p\u00e1gina.",
    "That win is no longer shared. Reload the page.": "Ese logro ya no est\u00e1 compartido. Vuelve a cargar la p\u00e1gina.",
    "That's above your %(budget)s budget \u2014 and that's fine when it's right for the customer. Post it as usual: nobody needs to approve it now, and managers see the amount to learn what it takes.": "Eso supera tu presupuesto de %(budget)s, y no pasa nada si es lo correcto para el cliente. Publ\u00edcalo como siempre: nadie tiene que aprobarlo ahora, y los responsables ven el importe para saber lo que hace falta.",
    "The address is selected: press %(keys)s to copy it.": "La direcci\u00f3n est\u00e1 seleccionada: pulsa %(keys)s para copiarla.",
    "The upload failed (the server answered %(status)s).": "La subida ha fallado (el servidor respondi\u00f3 %(status)s).",
    "The upload took too long. Check your connection.": "La subida ha tardado demasiado. Revisa tu conexi\u00f3n.",
    "The upload was interrupted. Check your connection.": "La subida se ha interrumpido. Revisa tu conexi\u00f3n.",
    "The upload was refused because your session expired. Sign in again in another tab, then post again.": "Se ha rechazado la subida porque tu sesi\u00f3n ha caducado. Vuelve a iniciar sesi\u00f3n en otra pesta\u00f1a y publica de nuevo.",
    "The upload was refused: it is larger than a win's photos and video can be.": "Se ha rechazado la subida: ocupa m\u00e1s de lo que pueden ocupar las fotos y el v\u00eddeo de un logro.",
    "This display link is turned off": "Este enlace de pantalla est\u00e1 desactivado",
    "Type a name to add a colleague": "Escribe un nombre para a\u00f1adir a un compa\u00f1ero",
    "Type more of the name to see others.": "Escribe m\u00e1s letras del nombre para ver a otros.",
    "Unfinished win": "Logro sin terminar",
    "Up and down arrows to choose, Enter to mention.": "Flechas arriba y abajo para elegir, Intro para mencionar.",
    "Uploaded. Preparing your photos\u2026": "Subido. Preparando tus fotos\u2026",
    "Video: %(headline)s": "V\u00eddeo: %(headline)s",
    "Why we love this": "Por qu\u00e9 nos encanta",
    "Winsboard could not be reached. Check your connection and try again.": "No se ha podido conectar con Winsboard. Revisa tu conexi\u00f3n e int\u00e9ntalo de nuevo.",
    "You (%(name)s) are no longer credited.": "Ya no apareces (%(name)s) como protagonista.",
    "You cancelled the upload.": "Has cancelado la subida.",
    "You have an unfinished win from %(when)s (its text and %(count)s photo), kept on this device.": [
      "Tienes un logro sin terminar del %(when)s (su texto y %(count)s foto), guardado en este dispositivo.",
      "Tienes un logro sin terminar del %(when)s (su texto y %(count)s fotos), guardado en este dispositivo."
    ],
    "You have an unfinished win from %(when)s (its text), kept on this device.": "Tienes un logro sin terminar del %(when)s (su texto), guardado en este dispositivo.",
    "You're offline, so your win is saved on this phone. It will be sent as soon as you're back online \u2014 you can close this page.": "Est\u00e1s sin conexi\u00f3n, as\u00ed que tu logro se ha guardado en este m\u00f3vil. Se enviar\u00e1 en cuanto vuelvas a tener conexi\u00f3n; puedes cerrar esta p\u00e1gina.",
    "Your text and chosen files are still here: try again when you're ready.": "Tu texto y los archivos elegidos siguen aqu\u00ed: vuelve a intentarlo cuando quieras.",
    "Your win": "Tu logro",
    "Your win \u201c%(headline)s\u201d needs a fix before it can be posted: open Post a win to finish it.": "Tu logro \u00ab%(headline)s\u00bb necesita un cambio antes de publicarse: abre Publicar un logro para terminarlo.",
    "Your win \u201c%(headline)s\u201d was sent. Thank you for sharing it!": "Tu logro \u00ab%(headline)s\u00bb se ha enviado. \u00a1Gracias por compartirlo!",
    "one page of the slideshow\u0004slide": "diapositiva",
    "under a count on the title slide\u0004hero": [
      "protagonista",
      "protagonistas"
    ],
    "under a count on the title slide\u0004team": [
      "equipo",
      "equipos"
    ],
    "under a count on the title slide\u0004win": [
      "logro",
      "logros"
    ],
    "verb: pause the slideshow\u0004Pause": "Pausar",
    "verb: take a photo off the win\u0004Remove": "Quitar",
    "\u201c%(name)s\u201d is %(size)s MB; it can be up to %(limit)s MB.": "\u00ab%(name)s\u00bb ocupa %(size)s MB; el m\u00e1ximo es %(limit)s MB.",
    "\u201c%(name)s\u201d is larger than %(size)s MB": "\u00ab%(name)s\u00bb ocupa m\u00e1s de %(size)s MB",
    "\u201c%(name)s\u201d is one too many (6 photos at most)": "\u00ab%(name)s\u00bb sobra (6 fotos como m\u00e1ximo)",
    "\u201c%(name)s\u201d isn't a photo": "\u00ab%(name)s\u00bb no es una foto",
    "\u201c%(name)s\u201d removed.": "Se ha quitado \u00ab%(name)s\u00bb.",
    "\u2191 Move up": "\u2191 Subir",
    "\u2193 Move down": "\u2193 Bajar"
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
    "DATETIME_FORMAT": "j \\d\\e F \\d\\e Y \\a \\l\\a\\s H:i",
    "DATETIME_INPUT_FORMATS": [
      "%d/%m/%Y %H:%M:%S",
      "%d/%m/%Y %H:%M:%S.%f",
      "%d/%m/%Y %H:%M",
      "%d/%m/%y %H:%M:%S",
      "%d/%m/%y %H:%M:%S.%f",
      "%d/%m/%y %H:%M",
      "%Y-%m-%d %H:%M:%S",
      "%Y-%m-%d %H:%M:%S.%f",
      "%Y-%m-%d %H:%M",
      "%Y-%m-%d"
    ],
    "DATE_FORMAT": "j \\d\\e F \\d\\e Y",
    "DATE_INPUT_FORMATS": [
      "%d/%m/%Y",
      "%d/%m/%y",
      "%Y-%m-%d"
    ],
    "DECIMAL_SEPARATOR": ",",
    "FIRST_DAY_OF_WEEK": 1,
    "MONTH_DAY_FORMAT": "j \\d\\e F",
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
    "YEAR_MONTH_FORMAT": "F \\d\\e Y"
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


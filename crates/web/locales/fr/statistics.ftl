# A consultation's public statistics, and the charts of counts they share with the workspace.
statistics-title = Statistiques
statistics-sheets-handed-in = réponses remises.
statistics-what-counts = Toute réponse remise est comptée, publiée ou non, sauf celles que le secrétariat a masquées (par exemple des réponses envoyées au nom de quelqu'un sans son consentement).
statistics-by-group = Réponses par groupe de parties prenantes
statistics-by-region = Réponses par région
statistics-by-lang = Réponses par langue
chart-nothing-to-count = rien à compter pour l'instant.

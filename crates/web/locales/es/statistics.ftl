# A consultation's public statistics, and the charts of counts they share with the workspace.
statistics-title = Estadísticas
statistics-sheets-handed-in = respuestas entregadas.
statistics-what-counts = Se cuenta toda respuesta entregada, publicada o no, salvo las que la secretaría ocultó (por ejemplo, respuestas enviadas en nombre de alguien sin su consentimiento).
statistics-by-group = Respuestas por grupo de partes interesadas
statistics-by-region = Respuestas por región
statistics-by-lang = Respuestas por idioma
chart-nothing-to-count = todavía no hay nada que contar.

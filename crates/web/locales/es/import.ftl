# Importar respuestas recogidas en otro lugar (exportación de una herramienta de encuestas,
# recopilación en una hoja de cálculo) a una consulta: carga, columnas, vista previa, resultado.

import-link = Importar respuestas desde un archivo
import-title = Importar respuestas desde un archivo
import-intro = Las respuestas recogidas en otro lugar se añaden en tres pasos: cargar el archivo, indicar qué contiene cada columna y revisar la vista previa. No se guarda nada hasta que usted confirme, y solo si todas las filas son correctas.
import-field-file = Archivo (CSV o XLSX)
import-hint-file = La primera fila debe contener los encabezados de las columnas. Como máximo { $size } MiB.
import-field-encoding = Codificación del texto (solo CSV)
import-hint-encoding = Solo para archivos CSV sin marca de orden de bytes. La mayoría de las herramientas de encuestas escriben UTF-8.
import-encoding-auto = Automática: UTF-8, o lo que indique la marca de orden de bytes del archivo
import-encoding-latin1 = Latin-1 / Windows-1252 (hojas de cálculo antiguas)
import-encoding-utf-16le = UTF-16 («texto Unicode» de las hojas de cálculo)
import-field-sheet = Hoja (solo XLSX)
import-hint-sheet = El nombre de la hoja que se leerá; déjelo vacío para la primera.
import-action-upload = Cargar y continuar
import-too-large = Este archivo supera { $size } MiB, lo máximo que Agora acepta en una carga. Divídalo en varios archivos o impórtelo desde la línea de comandos (agora import responses), que no tiene ese límite.

import-map-title = Importar respuestas: qué contiene cada columna
import-file-summary = { $file }: { $rows ->
    [one] una fila
   *[other] { $rows } filas
} debajo del encabezado.
import-mapping-heading = Columnas
import-map-intro = Las opciones de abajo se deducen de los encabezados de las columnas. Revise cada una y luego vea la vista previa de la importación: todavía no se guarda nada.
import-sample = Las primeras filas del archivo
import-section-respondent = Quién respondió
import-section-respondent-hint = Las respuestas importadas no pertenecen a ninguna cuenta. El nombre y la dirección de correo quedan con las respuestas para la secretaría y nunca se publican.
import-section-author = Sobre las personas que respondieron
import-section-author-hint = Para cada dato, elija la columna que lo contiene o indique un único valor para todas las filas. El grupo de partes interesadas y el idioma son obligatorios.
import-section-answers = Respuestas a las preguntas
import-section-translations = Grupos de partes interesadas en el archivo
import-section-translations-hint = El archivo nombra estos grupos con sus propias palabras. Elija el grupo de partes interesadas que corresponde a cada uno.
import-section-reading = Lectura del archivo
import-option-no-column = (no está en el archivo)
import-option-keep = (dejar como está)
import-same-value = { $target }: el mismo valor en todas las filas
import-target-name = Nombre
import-target-email = Correo electrónico
import-target-submitted-at = Fecha de envío
import-target-stakeholder-group = Grupo de partes interesadas
import-target-country = País
import-target-region = Región
import-target-organisation = Organización
import-target-lang = Idioma
import-target-question = Pregunta { $n }
import-field-separator = Separador entre opciones
import-hint-separator = En las respuestas a preguntas de opción múltiple, por ejemplo ; en «Spam;Derechos humanos».
import-field-timezone = Zona horaria de las fechas de envío
import-hint-timezone = Para horas escritas sin desfase, por ejemplo Europe/Zurich o UTC.
import-action-preview = Ver la vista previa de la importación

import-preview-title = Vista previa
import-preview-summary = Filas en el archivo: { $rows }. Listas para importar: { $good }. Con errores: { $bad }.
import-fatal = Las columnas elegidas no corresponden al archivo
import-preview-errors = Errores
import-preview-errors-lead = No se importa nada mientras alguna fila tenga un error. Corrija el archivo y cárguelo de nuevo, o corrija las columnas de abajo, y vuelva a ver la vista previa.
import-preview-errors-capped = Solo se muestran los primeros { $count } errores; el resto del archivo no se ha revisado.
import-column-row = Fila
import-column-column = Columna
import-column-target = Se importa como
import-column-reason = Problema
import-preview-rows = Las primeras filas tal como se importarán
import-preview-rows-more = { $count ->
    [one] Y una fila más.
   *[other] Y { $count } filas más.
}
import-commit-lead = { $count ->
    [one] La fila es correcta. La importación la guarda como una hoja de respuestas enviada.
   *[other] Todas las filas son correctas. La importación guarda las { $count } a la vez, cada una como una hoja de respuestas enviada.
}
import-commit-public = Se publican, porque esta consulta publica las respuestas por defecto.
import-commit-private = No se publican: esta consulta no publica las respuestas por defecto.
import-action-commit = { $count ->
    [one] Importar una respuesta
   *[other] Importar { $count } respuestas
}
import-map-download = Descargar estas columnas como MAP.toml
import-cli-lead = La misma importación en la línea de comandos, con ese archivo:

import-done-title = Respuestas importadas
import-done-lead = { $count ->
    [one] Se importó una respuesta en esta consulta (importación { $batch }).
   *[other] Se importaron { $count } respuestas en esta consulta (importación { $batch }).
}
import-done-answers = Respuestas publicadas
import-done-consultation = Volver a la consulta
import-done-again = Importar otro archivo

import-error-encoding = Línea { $line }: el archivo no es { $encoding } válido. Elija su codificación (por ejemplo Latin-1) y cárguelo de nuevo, o guárdelo en UTF-8.
import-error-csv = Línea { $line }: el archivo no se puede leer como CSV ({ $message }).
import-error-ragged = Línea { $line }: { $cells } celdas cuando el encabezado tiene { $expected }.
import-error-xlsx = No se puede leer la hoja de cálculo ({ $message }).
import-error-no-such-sheet = La hoja de cálculo no tiene ninguna hoja llamada «{ $sheet }».
import-error-empty = El archivo no contiene filas debajo del encabezado.
import-error-map = La correspondencia de columnas no es válida: { $message }
import-error-no-such-question = La correspondencia de columnas nombra la pregunta { $position }, que este cuestionario no tiene.
import-error-no-such-zone = «{ $zone }» no es una zona horaria.
import-error-missing-column = El archivo no tiene ninguna columna «{ $column }» (para { $target }). Sus columnas: { $available }.
import-error-rows = { $count ->
    [one] Un error en las filas del archivo; no se importó nada.
   *[other] { $count } errores en las filas del archivo; no se importó nada.
}

import-reason-required = Se requiere un valor.
import-reason-too-long = Más de { $limit } caracteres.
import-reason-too-many-words = Más de { $limit } palabras.
import-reason-invalid-choice = No es una de las opciones de la pregunta (una escala va de 1 a 5).
import-reason-invalid-country = No es un código de país ISO 3166 de dos letras.
import-reason-invalid-region = No es un código de región M49 de las Naciones Unidas.
import-reason-invalid-language = No es uno de los idiomas de la consulta.
import-reason-unknown-stakeholder-group = No es un grupo de partes interesadas de este sitio; elija el grupo al que corresponde en «Grupos de partes interesadas en el archivo».
import-reason-invalid-instant = No es una fecha y hora.
import-reason-outside-window = Fuera de los instantes de apertura y cierre de la consulta.
import-reason-invalid-email = No es una dirección de correo electrónico.

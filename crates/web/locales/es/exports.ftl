# Datos abiertos: descarga de las respuestas de una consulta.
exports-download-published = Descargar las respuestas publicadas:
exports-download-all = Descargar todas las respuestas, incluidas las confidenciales y las ocultas (solo la secretaría):
exports-column-map = correspondencia de columnas para reimportar
exports-spreadsheet-hint = Para una hoja de cálculo, elija XLSX. El archivo CSV conserva cada respuesta exactamente como se escribió, por lo que una hoja de cálculo que lo abra puede tomar por fórmula una respuesta que empiece por «=».
exports-cell-too-long = En la hoja de respuestas { $sheet }, «{ $column }» supera lo que cabe en una celda de hoja de cálculo (32 767 caracteres). Descargue en su lugar el archivo CSV o JSON: conservan cada respuesta completa.
exports-too-many-rows = Hay más respuestas que filas en una hoja de cálculo (1 048 576). Descargue en su lugar el archivo CSV o JSON.

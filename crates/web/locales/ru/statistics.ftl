# A consultation's public statistics, and the charts of counts they share with the workspace.
statistics-title = Статистика
statistics-sheets-handed-in = ответов подано.
statistics-what-counts = Учитывается каждый поданный ответ, опубликованный или нет, кроме скрытых секретариатом (например, ответов, поданных от чьего-либо имени без согласия).
statistics-by-group = Ответы по группам заинтересованных сторон
statistics-by-region = Ответы по регионам
statistics-by-lang = Ответы по языкам
chart-nothing-to-count = пока нечего подсчитывать.

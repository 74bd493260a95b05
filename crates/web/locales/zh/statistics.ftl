# A consultation's public statistics, and the charts of counts they share with the workspace.
statistics-title = 统计
statistics-sheets-handed-in = 份已提交的答复。
statistics-what-counts = 所有已提交的答复均计入统计，无论是否公开，但秘书处隐藏的答复除外（例如未经本人同意以其名义提交的答复）。
statistics-by-group = 按利益攸关方群体分列的答复
statistics-by-region = 按区域分列的答复
statistics-by-lang = 按语言分列的答复
chart-nothing-to-count = 暂无可统计的内容。

# 开放数据：下载咨询的答复。
exports-download-published = 下载已公开的答复：
exports-download-all = 下载全部答复，包括保密和隐藏的答复（仅限秘书处）：
exports-column-map = 用于重新导入的列映射
exports-spreadsheet-hint = 如使用电子表格软件，请选择 XLSX。CSV 文件完全按原文保留每条答复，因此电子表格软件打开时可能把以“=”开头的答复当作公式。
exports-cell-too-long = 在答复表 { $sheet } 中，“{ $column }”超出了电子表格单元格的容量（32,767 个字符）。请改为下载 CSV 或 JSON 文件：它们完整保留每条答复。
exports-too-many-rows = 答复数量超过了电子表格工作表的行数（1,048,576 行）。请改为下载 CSV 或 JSON 文件。

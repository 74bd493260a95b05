# A consultation's public statistics, and the charts of counts they share with the workspace.
statistics-title = الإحصاءات
statistics-sheets-handed-in = ردًّا مقدَّمًا.
statistics-what-counts = يُحسب كل رد مقدَّم، منشورًا كان أم لا، باستثناء الردود التي أخفتها الأمانة (مثل الردود المقدَّمة باسم شخص دون موافقته).
statistics-by-group = الردود حسب فئة أصحاب المصلحة
statistics-by-region = الردود حسب المنطقة
statistics-by-lang = الردود حسب اللغة
chart-nothing-to-count = لا شيء للعدّ بعد.

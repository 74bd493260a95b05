## البريد الإلكتروني: الإيصالات والتذكير بالمواعيد النهائية (نص عادي)، وما تقوله الصفحات عن البريد.

email-receipt-subject = الإيصال { $code }: { $consultation }
email-receipt-intro = وردت ردودك على «{ $consultation }» ({ $process }) في { $at }.
email-receipt-code = رمز إيصالك: { $code }
email-receipt-keep = احتفظ به: فهو يثبت أنك أجبت، وتستطيع الأمانة أن تجد ردودك بواسطته.
email-receipt-edit = حتى { $until } يمكنك تعديل ردودك وتقديمها من جديد؛ ويُؤكَّد كل تقديم برسالة بريد إلكتروني تحمل رمز الإيصال نفسه.
email-receipt-copy = ما قدّمته:
email-no-answer = (لا توجد إجابة)
email-reminder-subject = تذكير: تُغلق المشاورة «{ $consultation }» في { $closes }
email-reminder-intro = ردودك على «{ $consultation }» ({ $process }) محفوظة كمسودة: لم تُقدَّم بعد.
email-reminder-deadline = تُغلق المشاورة في { $closes }. لا تُحتسب المسودة: افتح المشاورة وقدّم ردودك قبل ذلك الموعد.
email-accepted-subject = مقبول: «{ $title }»
email-accepted-body = قُبل مقترحك «{ $title }» المقدَّم إلى «{ $call }» ({ $process }) وأُدرج في البرنامج. وستُبلغك الأمانة باليوم والوقت والقاعة عند نشر الجدول الزمني.
email-declined-subject = لم يُختر: «{ $title }»
email-declined-body = لم يُختر مقترحك «{ $title }» المقدَّم إلى «{ $call }» ({ $process }) للبرنامج. نشكرك على تقديمه؛ فقد تلقّت اللجنة مقترحات أكثر مما يتّسع له البرنامج.
email-footer = أُرسلت هذه الرسالة تلقائيًا من Agora؛ لا تُقرأ الردود على هذا العنوان.
email-off-note = البريد الإلكتروني معطَّل على هذا الموقع: احتفظ برمز إيصالك؛ لن تُرسَل أي رسالة بالبريد الإلكتروني.
email-answer-sent-to = عند التقديم، سيُرسَل إيصال بالبريد الإلكتروني إلى { $email }.
email-receipt-sent-to = تُرسَل نسخة من هذا الإيصال بالبريد الإلكتروني إلى { $email }.

## صفحة الإدارة

admin-mail-title = البريد الإلكتروني
admin-mail-on = البريد الإلكتروني مفعَّل: تُرسَل الرسائل عبر { $server } من { $from }.
admin-mail-off = البريد الإلكتروني معطَّل: لم يُضبط أي خادم SMTP، لذا تُكتب الرسائل في سجل الخادم بدلًا من إرسالها.
admin-mail-reminders = يتلقى أصحاب المسودات تذكيرًا قبل إغلاق المشاورة بـ { $hours } ساعة.
admin-mail-no-reminders = التذكير بالمواعيد النهائية معطَّل.
admin-mail-outbox = صندوق الصادر
admin-mail-state = الحالة
admin-mail-count = الرسائل
admin-mail-last-error = آخر خطأ:
outbox-state-queued = في الانتظار
outbox-state-sent = مُرسَلة
outbox-state-logged = مكتوبة في السجل
outbox-state-failed = فاشلة

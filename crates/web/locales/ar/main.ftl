# Agora interface — Arabic. First translation by the Agora developers; marked for review by a native speaker.

## Navigation and layout
nav-skip = الانتقال إلى المحتوى الرئيسي
nav-main = القائمة الرئيسية
nav-account = الحساب
nav-languages = اللغات
nav-signed-in-as = تم تسجيل الدخول باسم
nav-sign-in = تسجيل الدخول
nav-sign-up = إنشاء حساب
nav-home = الصفحة الرئيسية
nav-processes = العمليات
nav-calendar = التقويم
nav-glossary = مسرد المصطلحات
nav-organisations = المنظمات
nav-people = الأشخاص
nav-admin = الإدارة
footer-about = تدير منصة Agora عمليات الحوكمة المتعددة أصحاب المصلحة بصورة علنية.
footer-api = واجهة برمجة التطبيقات JSON (OpenAPI)

## Buttons
action-sign-out = تسجيل الخروج
action-sign-in = تسجيل الدخول
action-sign-up = إنشاء الحساب
action-create = إنشاء
action-save = حفظ
action-add = إضافة
action-search = بحث
action-next-page = الصفحة التالية
action-revoke = سحب
action-grant = منح
option-none = (لا شيء)

## Forms
form-errors-heading = يُرجى تصحيح ما يلي
field-title = العنوان
field-slug = الاسم في عنوان الويب
field-mandate = الولاية
field-convenor_id = المنسق
field-display_zone = المنطقة الزمنية للمواعيد النهائية
field-seats = المقاعد
field-kind = المرحلة
field-opens_at = الفتح
field-closes_at = الإغلاق
field-acronym = المختصر
field-organiser = الجهة المنظمة
field-place = المكان
field-starts_on = اليوم الأول
field-ends_on = اليوم الأخير
field-process_id = العملية
field-url = صفحة الويب
field-description = الوصف
field-expansion = الاسم الكامل
field-name = الاسم
field-stakeholder_group = فئة أصحاب المصلحة
field-country = البلد
field-website = الموقع الشبكي
field-organisation_id = المنظمة
field-affiliation = الانتماء المؤسسي
field-region = المنطقة
field-languages = اللغات
field-gender = نوع الجنس (وفق التعريف الذاتي، اختياري)
field-email = عنوان البريد الإلكتروني
field-password = كلمة المرور
field-display_name = الاسم الظاهر للآخرين
field-role = الدور
hint-slug = حروف لاتينية صغيرة وأرقام وشرطات؛ يُنشأ من العنوان إذا تُرك الحقل فارغًا.
hint-display_zone = منطقة زمنية من قاعدة IANA، مثل Europe/Zurich أو Asia/Makassar أو UTC.
hint-country = رمز ISO 3166 المكون من حرفين، مثل HU أو BR.
hint-languages = رموز اللغات مفصولة بفواصل، مثل fr, en.
hint-password = 10 أحرف على الأقل.
hint-phase-zone = تُقرأ التواريخ والأوقات وفق المنطقة الزمنية للعملية:

## Validation errors
error-required = هذا الحقل إلزامي.
error-too-long = النص أطول من اللازم. الحد الأقصى لعدد الأحرف: { $limit }.
error-too-short = النص أقصر من اللازم. الحد الأدنى لعدد الأحرف: { $limit }.
error-invalid-country = يُرجى استخدام رمز البلد المكون من حرفين وفق ISO 3166.
error-invalid-region = يُرجى اختيار منطقة من القائمة.
error-invalid-language = يُرجى استخدام رموز لغات مثل en, fr أو zh-Hans.
error-invalid-time-zone = هذه المنطقة الزمنية غير معروفة.
error-invalid-email = هذا ليس عنوان بريد إلكتروني صالحًا.
error-invalid-slug = يُرجى استخدام حروف لاتينية صغيرة وأرقام وشرطات مفردة فقط.
error-invalid-url = يُرجى استخدام عنوان ويب كامل يبدأ بـ https://.
error-invalid-date = يُرجى إدخال تاريخ بالصيغة YYYY-MM-DD.
error-invalid-instant = يُرجى إدخال تاريخ ووقت بالصيغة YYYY-MM-DDTHH:MM.
error-invalid-number = يُرجى إدخال عدد صحيح.
error-invalid-choice = يُرجى اختيار أحد الخيارات.
error-unknown-stakeholder-group = يُرجى اختيار فئة أصحاب المصلحة من القائمة.
error-end-before-start = يجب أن تكون النهاية بعد البداية.
error-duplicate = هذه القيمة مستخدمة بالفعل.
error-not-found = هذا العنصر غير موجود.
error-back-home = العودة إلى الصفحة الرئيسية

## Error pages
status-400-title = طلب غير صالح
status-400-detail = تعذر فهم الطلب.
status-401-title = يلزم تسجيل الدخول
status-401-detail = يُرجى تسجيل الدخول للمتابعة.
status-403-title = غير مسموح
status-403-detail = لا يملك حسابك صلاحية القيام بذلك، أو انتهت صلاحية النموذج. يُرجى إعادة تحميل الصفحة والمحاولة مرة أخرى.
status-404-title = الصفحة غير موجودة
status-404-detail = لا يوجد شيء على هذا العنوان.
status-405-title = الطريقة غير مسموح بها
status-405-detail = لا يقبل هذا العنوان هذا النوع من الطلبات.
status-413-title = الحجم كبير جدًا
status-413-detail = ما أرسلته يتجاوز الحجم الذي تقبله Agora.
status-415-title = صيغة غير مدعومة
status-415-detail = يُرجى إرسال نموذج أو بيانات JSON.
status-422-title = مدخلات غير صالحة
status-422-detail = يلزم تصحيح بعض الحقول.
status-429-title = محاولات كثيرة جدًا
status-429-detail = يُرجى الانتظار دقيقة ثم المحاولة مرة أخرى.
status-500-title = حدث خطأ
status-500-detail = سُجِّل الخطأ. يُرجى المحاولة مرة أخرى لاحقًا.

## Home
home-title = العمليات المتعددة أصحاب المصلحة
home-lead = مشاورات ودعوات لتقديم مقترحات واجتماعات وتقارير، مفتوحة لجميع فئات أصحاب المصلحة.
home-open-now = مفتوح حاليًا
home-nothing-open = لا توجد مرحلة مفتوحة في الوقت الحالي.
home-upcoming-events = الفعاليات المقبلة
home-recent-events = أحدث الفعاليات
home-all-events = جميع الفعاليات في التقويم

## Processes
process-new-title = عملية جديدة
process-edit-title = تعديل العملية
process-members = الأعضاء
process-convenor = المنسق
process-mandate = الولاية
process-membership = العضوية حسب فئة أصحاب المصلحة
process-seats-caption = المقاعد حسب فئة أصحاب المصلحة
process-total = المجموع
process-timeline = الجدول الزمني
process-timeline-caption = المراحل، وفق المنطقة الزمنية للجهة المنظمة
process-no-phases = لا توجد مراحل بعد.
process-status = الحالة
process-events = الفعاليات
process-add-phase = إضافة مرحلة
phase-closes = تُغلق في
phase-kind-consultation = مشاورة
phase-kind-call-for-proposals = دعوة لتقديم مقترحات
phase-kind-review-and-selection = الاستعراض والاختيار
phase-kind-meeting = اجتماع
phase-kind-drafting = الصياغة
phase-kind-report = التقرير
phase-status-upcoming = مقبلة
phase-status-open = مفتوحة
phase-status-closed = مغلقة

## Stakeholder groups
group-government = الحكومة
group-private-sector = القطاع الخاص
group-civil-society = المجتمع المدني
group-technical-community = المجتمع التقني
group-academic-community = الأوساط الأكاديمية
group-intergovernmental-organisation = منظمة حكومية دولية

## Regions (UN M49)
region-001 = العالم
region-002 = أفريقيا
region-015 = شمال أفريقيا
region-202 = أفريقيا جنوب الصحراء الكبرى
region-011 = غرب أفريقيا
region-014 = شرق أفريقيا
region-017 = وسط أفريقيا
region-018 = الجنوب الأفريقي
region-019 = الأمريكتان
region-419 = أمريكا اللاتينية ومنطقة البحر الكاريبي
region-029 = منطقة البحر الكاريبي
region-013 = أمريكا الوسطى
region-005 = أمريكا الجنوبية
region-021 = أمريكا الشمالية
region-142 = آسيا
region-143 = آسيا الوسطى
region-030 = شرق آسيا
region-035 = جنوب شرق آسيا
region-034 = جنوب آسيا
region-145 = غرب آسيا
region-150 = أوروبا
region-151 = أوروبا الشرقية
region-154 = شمال أوروبا
region-039 = جنوب أوروبا
region-155 = أوروبا الغربية
region-009 = أوقيانوسيا
region-053 = أستراليا ونيوزيلندا
region-054 = ميلانيزيا
region-057 = ميكرونيزيا

## Calendar
calendar-feed = موجز التقويم (iCalendar)
calendar-views = طرق عرض التقويم
calendar-month-view = شهر
calendar-list-view = قائمة
calendar-new-title = فعالية جديدة
calendar-all-events = جميع الفعاليات
calendar-empty = لا توجد فعاليات.
calendar-previous = الشهر السابق
calendar-next = الشهر التالي
calendar-this-month = فعاليات هذا الشهر
calendar-month-heading = { $month } { $year }
event-website = الموقع الشبكي
weekday-1 = الاثنين
weekday-2 = الثلاثاء
weekday-3 = الأربعاء
weekday-4 = الخميس
weekday-5 = الجمعة
weekday-6 = السبت
weekday-7 = الأحد
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

## Glossary
glossary-search-label = البحث في المختصرات وأسمائها الكاملة
glossary-new-title = مدخل جديد في المسرد
glossary-count = عدد المداخل الموجودة
glossary-other-languages = لغات أخرى

## Directory
organisation-new-title = منظمة جديدة
organisation-people = الأشخاص
organisation-no-people = لا يوجد أشخاص مدرجون.
person-new-title = شخص جديد

## Accounts
signin-title = تسجيل الدخول
signin-failed = عنوان البريد الإلكتروني أو كلمة المرور غير صحيح.
signup-title = إنشاء حساب

## Administration
admin-audit-title = سجل المراجعة
admin-audit-caption = جميع التغييرات، الأحدث أولًا
admin-accounts = الحسابات
admin-roles = الأدوار
admin-grant = منح دور
admin-scope-global = في كل مكان
role-participant = مشارك
role-reviewer = مراجع
role-secretariat = الأمانة
role-admin = مسؤول النظام
audit-when = الوقت
audit-who = المستخدم
audit-what = الإجراء
audit-record = العنصر
audit-system = النظام
audit-before = قبل
audit-after = بعد

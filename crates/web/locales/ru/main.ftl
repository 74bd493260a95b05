# Agora interface — Russian. First translation by the Agora developers; marked for review by a native speaker.

## Navigation and layout
nav-skip = Перейти к основному содержанию
nav-main = Главное меню
nav-account = Учетная запись
nav-languages = Языки
nav-signed-in-as = Вы вошли как
nav-sign-in = Войти
nav-sign-up = Создать учетную запись
nav-home = Главная
nav-processes = Процессы
nav-calendar = Календарь
nav-glossary = Глоссарий
nav-organisations = Организации
nav-people = Люди
nav-admin = Администрирование
footer-about = Agora обеспечивает открытое проведение процессов управления с участием многих заинтересованных сторон.
footer-api = JSON API (OpenAPI)

## Buttons
action-sign-out = Выйти
action-sign-in = Войти
action-sign-up = Создать учетную запись
action-create = Создать
action-save = Сохранить
action-add = Добавить
action-search = Найти
action-next-page = Следующая страница
action-revoke = Отозвать
action-grant = Назначить
option-none = (нет)

## Forms
form-errors-heading = Пожалуйста, исправьте следующее
field-title = Название
field-slug = Имя в веб-адресе
field-mandate = Мандат
field-convenor_id = Координатор
field-display_zone = Часовой пояс для сроков
field-seats = Места
field-kind = Этап
field-opens_at = Открытие
field-closes_at = Закрытие
field-acronym = Сокращение
field-organiser = Организатор
field-place = Место проведения
field-starts_on = Первый день
field-ends_on = Последний день
field-process_id = Процесс
field-url = Веб-страница
field-description = Описание
field-expansion = Полное название
field-name = Имя или название
field-stakeholder_group = Группа заинтересованных сторон
field-country = Страна
field-website = Веб-сайт
field-organisation_id = Организация
field-affiliation = Принадлежность к организации
field-region = Регион
field-languages = Языки
field-gender = Пол (по самоопределению, необязательно)
field-email = Адрес электронной почты
field-password = Пароль
field-display_name = Имя, видимое другим
field-role = Роль
hint-slug = Строчные латинские буквы, цифры и дефисы; если поле оставить пустым, имя будет образовано из названия.
hint-display_zone = Часовой пояс IANA, например Europe/Zurich, Asia/Makassar или UTC.
hint-country = Двухбуквенный код ISO 3166, например HU или BR.
hint-languages = Коды языков через запятую, например fr, en.
hint-password = Не менее 10 символов.
hint-phase-zone = Даты и время указываются по часовому поясу процесса:

## Validation errors
error-required = Это поле обязательно для заполнения.
error-too-long = Слишком длинное значение. Максимальное число символов: { $limit }.
error-too-short = Слишком короткое значение. Минимальное число символов: { $limit }.
error-invalid-country = Укажите двухбуквенный код страны ISO 3166.
error-invalid-region = Выберите регион из списка.
error-invalid-language = Укажите коды языков, например en, fr или zh-Hans.
error-invalid-time-zone = Такой часовой пояс неизвестен.
error-invalid-email = Это не адрес электронной почты.
error-invalid-slug = Используйте только строчные латинские буквы, цифры и одиночные дефисы.
error-invalid-url = Укажите полный веб-адрес, начинающийся с https://.
error-invalid-date = Укажите дату в формате YYYY-MM-DD.
error-invalid-instant = Укажите дату и время в формате YYYY-MM-DDTHH:MM.
error-invalid-number = Укажите целое число.
error-invalid-choice = Выберите один из вариантов.
error-unknown-stakeholder-group = Выберите группу заинтересованных сторон из списка.
error-end-before-start = Окончание должно быть позже начала.
error-duplicate = Это значение уже занято.
error-not-found = Такого объекта не существует.
error-back-home = Вернуться на главную страницу

## Error pages
status-400-title = Неверный запрос
status-400-detail = Не удалось обработать запрос.
status-401-title = Требуется вход
status-401-detail = Пожалуйста, войдите, чтобы продолжить.
status-403-title = Действие не разрешено
status-403-detail = Ваша учетная запись не может выполнить это действие, или срок действия формы истек. Обновите страницу и повторите попытку.
status-404-title = Страница не найдена
status-404-detail = По этому адресу ничего нет.
status-405-title = Метод не разрешен
status-405-detail = Этот адрес не принимает запросы такого типа.
status-413-title = Слишком большой объем
status-413-detail = Объем отправленных данных превышает допустимый для Agora.
status-415-title = Неподдерживаемый формат
status-415-detail = Отправьте форму или JSON.
status-422-title = Недопустимые данные
status-422-detail = Некоторые поля необходимо исправить.
status-429-title = Слишком много попыток
status-429-detail = Пожалуйста, подождите минуту и повторите попытку.
status-500-title = Произошла ошибка
status-500-detail = Ошибка зарегистрирована. Пожалуйста, повторите попытку позже.

## Home
home-title = Процессы с участием многих заинтересованных сторон
home-lead = Консультации, призывы к представлению предложений, совещания и доклады, открытые для всех групп заинтересованных сторон.
home-open-now = Сейчас открыто
home-nothing-open = В настоящее время открытых этапов нет.
home-upcoming-events = Предстоящие мероприятия
home-recent-events = Последние мероприятия
home-all-events = Все мероприятия в календаре

## Processes
process-new-title = Новый процесс
process-edit-title = Изменить процесс
process-members = Члены
process-convenor = Координатор
process-mandate = Мандат
process-membership = Членский состав по группам заинтересованных сторон
process-seats-caption = Места по группам заинтересованных сторон
process-total = Итого
process-timeline = График
process-timeline-caption = Этапы по часовому поясу организатора
process-no-phases = Этапов пока нет.
process-status = Статус
process-events = Мероприятия
process-add-phase = Добавить этап
phase-closes = Закрывается:
phase-kind-consultation = Консультации
phase-kind-call-for-proposals = Призыв к представлению предложений
phase-kind-review-and-selection = Рассмотрение и отбор
phase-kind-meeting = Совещание
phase-kind-drafting = Подготовка проекта
phase-kind-report = Доклад
phase-status-upcoming = Предстоит
phase-status-open = Открыт
phase-status-closed = Закрыт

## Stakeholder groups
group-government = Правительство
group-private-sector = Частный сектор
group-civil-society = Гражданское общество
group-technical-community = Техническое сообщество
group-academic-community = Академическое сообщество
group-intergovernmental-organisation = Межправительственная организация

## Regions (UN M49)
region-001 = Мир
region-002 = Африка
region-015 = Северная Африка
region-202 = Африка к югу от Сахары
region-011 = Западная Африка
region-014 = Восточная Африка
region-017 = Центральная Африка
region-018 = Южная часть Африки
region-019 = Америка
region-419 = Латинская Америка и Карибский бассейн
region-029 = Карибский бассейн
region-013 = Центральная Америка
region-005 = Южная Америка
region-021 = Северная Америка
region-142 = Азия
region-143 = Центральная Азия
region-030 = Восточная Азия
region-035 = Юго-Восточная Азия
region-034 = Южная Азия
region-145 = Западная Азия
region-150 = Европа
region-151 = Восточная Европа
region-154 = Северная Европа
region-039 = Южная Европа
region-155 = Западная Европа
region-009 = Океания
region-053 = Австралия и Новая Зеландия
region-054 = Меланезия
region-057 = Микронезия

## Calendar
calendar-feed = Подписка на календарь (iCalendar)
calendar-views = Режимы просмотра календаря
calendar-month-view = Месяц
calendar-list-view = Список
calendar-new-title = Новое мероприятие
calendar-all-events = Все мероприятия
calendar-empty = Мероприятий нет.
calendar-previous = Предыдущий месяц
calendar-next = Следующий месяц
calendar-this-month = Мероприятия в этом месяце
calendar-month-heading = { $month } { $year }
event-website = Веб-сайт
weekday-1 = Пн
weekday-2 = Вт
weekday-3 = Ср
weekday-4 = Чт
weekday-5 = Пт
weekday-6 = Сб
weekday-7 = Вс
month-1 = Январь
month-2 = Февраль
month-3 = Март
month-4 = Апрель
month-5 = Май
month-6 = Июнь
month-7 = Июль
month-8 = Август
month-9 = Сентябрь
month-10 = Октябрь
month-11 = Ноябрь
month-12 = Декабрь

## Glossary
glossary-search-label = Поиск сокращений и их расшифровок
glossary-new-title = Новая статья глоссария
glossary-count = Найдено статей
glossary-other-languages = Другие языки

## Directory
organisation-new-title = Новая организация
organisation-people = Люди
organisation-no-people = Никто не указан.
person-new-title = Добавление человека

## Accounts
signin-title = Вход
signin-failed = Неверный адрес электронной почты или пароль.
signup-title = Создание учетной записи

## Administration
admin-audit-title = Журнал аудита
admin-audit-caption = Все изменения, начиная с последних
admin-accounts = Учетные записи
admin-roles = Роли
admin-grant = Назначить роль
admin-scope-global = Везде
role-participant = Участник
role-reviewer = Рецензент
role-secretariat = Секретариат
role-admin = Администратор
audit-when = Когда
audit-who = Кто
audit-what = Что
audit-record = Объект
audit-system = Система
audit-before = До
audit-after = После

# Agora interface — Spanish. First translation by the Agora developers; marked for review by a native speaker.

## Navigation and layout
nav-skip = Ir al contenido principal
nav-main = Menú principal
nav-account = Cuenta
nav-languages = Idiomas
nav-signed-in-as = Sesión iniciada como
nav-sign-in = Iniciar sesión
nav-sign-up = Crear una cuenta
nav-home = Inicio
nav-processes = Procesos
nav-calendar = Calendario
nav-glossary = Glosario
nav-organisations = Organizaciones
nav-people = Personas
nav-admin = Administración
footer-about = Agora lleva a cabo procesos de gobernanza de múltiples partes interesadas de forma abierta.
footer-api = API JSON (OpenAPI)

## Buttons
action-sign-out = Cerrar sesión
action-sign-in = Iniciar sesión
action-sign-up = Crear cuenta
action-create = Crear
action-save = Guardar
action-add = Añadir
action-search = Buscar
action-next-page = Página siguiente
action-revoke = Revocar
action-grant = Asignar
option-none = (ninguno)

## Forms
form-errors-heading = Corrija lo siguiente
field-title = Título
field-slug = Nombre en la dirección web
field-mandate = Mandato
field-convenor_id = Coordinador
field-display_zone = Huso horario de los plazos
field-seats = Puestos
field-kind = Fase
field-opens_at = Apertura
field-closes_at = Cierre
field-acronym = Sigla
field-organiser = Organizador
field-place = Lugar
field-starts_on = Primer día
field-ends_on = Último día
field-process_id = Proceso
field-url = Página web
field-description = Descripción
field-expansion = Significado
field-name = Nombre
field-stakeholder_group = Grupo de partes interesadas
field-country = País
field-website = Sitio web
field-organisation_id = Organización
field-affiliation = Afiliación
field-region = Región
field-languages = Idiomas
field-gender = Género (autodeclarado, opcional)
field-email = Dirección de correo electrónico
field-password = Contraseña
field-display_name = Nombre visible para los demás
field-role = Función
hint-slug = Letras minúsculas sin tildes, cifras y guiones; si se deja vacío, se genera a partir del título.
hint-display_zone = Un huso horario de la IANA, como Europe/Zurich, Asia/Makassar o UTC.
hint-country = Código ISO 3166 de dos letras, por ejemplo HU o BR.
hint-languages = Códigos de idioma separados por comas, por ejemplo fr, en.
hint-password = Al menos 10 caracteres.
hint-phase-zone = Las fechas y horas se expresan en el huso horario del proceso:

## Validation errors
error-required = Este campo es obligatorio.
error-too-long = Es demasiado largo: { $limit } caracteres como máximo.
error-too-short = Es demasiado corto: { $limit } caracteres como mínimo.
error-invalid-country = Utilice un código de país ISO 3166 de dos letras.
error-invalid-region = Elija una región de la lista.
error-invalid-language = Utilice códigos de idioma como en, fr o zh-Hans.
error-invalid-time-zone = Este huso horario no es válido.
error-invalid-email = Esta dirección de correo electrónico no es válida.
error-invalid-slug = Utilice solo letras minúsculas sin tildes, cifras y guiones simples.
error-invalid-url = Utilice una dirección web completa que empiece por https://.
error-invalid-date = Utilice una fecha con el formato YYYY-MM-DD.
error-invalid-instant = Utilice una fecha y hora con el formato YYYY-MM-DDTHH:MM.
error-invalid-number = Utilice un número entero.
error-invalid-choice = Elija una de las opciones.
error-unknown-stakeholder-group = Elija un grupo de partes interesadas de la lista.
error-end-before-start = El final debe ser posterior al inicio.
error-duplicate = Este valor ya está en uso.
error-not-found = El elemento no existe.
error-back-home = Volver a la página de inicio

## Error pages
status-400-title = Solicitud incorrecta
status-400-detail = No se pudo interpretar la solicitud.
status-401-title = Es necesario iniciar sesión
status-401-detail = Inicie sesión para continuar.
status-403-title = Acción no permitida
status-403-detail = Su cuenta no puede realizar esta acción, o el formulario ha caducado. Vuelva a cargar la página e inténtelo de nuevo.
status-404-title = Página no encontrada
status-404-detail = No hay nada en esta dirección.
status-405-title = Método no permitido
status-405-detail = Esta dirección no acepta este tipo de solicitud.
status-413-title = Demasiado grande
status-413-detail = Lo que ha enviado supera el tamaño que admite Agora.
status-415-title = Formato no admitido
status-415-detail = Envíe un formulario o JSON.
status-422-title = Datos no válidos
status-422-detail = Hay campos que deben corregirse.
status-429-title = Demasiados intentos
status-429-detail = Espere un minuto e inténtelo de nuevo.
status-500-title = Se ha producido un error
status-500-detail = El error ha quedado registrado. Inténtelo de nuevo más tarde.

## Home
home-title = Procesos de múltiples partes interesadas
home-lead = Consultas, convocatorias de propuestas, reuniones e informes, abiertos a todos los grupos de partes interesadas.
home-open-now = Abierto actualmente
home-nothing-open = No hay ninguna fase abierta en este momento.
home-upcoming-events = Próximamente
home-recent-events = Eventos recientes
home-all-events = Todos los eventos del calendario

## Processes
process-new-title = Nuevo proceso
process-edit-title = Modificar el proceso
process-members = Miembros
process-convenor = Coordinador
process-mandate = Mandato
process-membership = Composición por grupo de partes interesadas
process-seats-caption = Puestos por grupo de partes interesadas
process-total = Total
process-timeline = Cronograma
process-timeline-caption = Fases, en el huso horario del organizador
process-no-phases = Todavía no hay fases.
process-status = Estado
process-events = Eventos
process-add-phase = Añadir una fase
phase-closes = Cierre:
phase-kind-consultation = Consulta
phase-kind-call-for-proposals = Convocatoria de propuestas
phase-kind-review-and-selection = Examen y selección
phase-kind-meeting = Reunión
phase-kind-drafting = Redacción
phase-kind-report = Informe
phase-status-upcoming = Próxima
phase-status-open = Abierta
phase-status-closed = Cerrada

## Stakeholder groups
group-government = Gobierno
group-private-sector = Sector privado
group-civil-society = Sociedad civil
group-technical-community = Comunidad técnica
group-academic-community = Comunidad académica
group-intergovernmental-organisation = Organización intergubernamental

## Regions (UN M49)
region-001 = Mundo
region-002 = África
region-015 = África septentrional
region-202 = África subsahariana
region-011 = África occidental
region-014 = África oriental
region-017 = África central
region-018 = África meridional
region-019 = Américas
region-419 = América Latina y el Caribe
region-029 = Caribe
region-013 = Centroamérica
region-005 = América del Sur
region-021 = América septentrional
region-142 = Asia
region-143 = Asia central
region-030 = Asia oriental
region-035 = Asia sudoriental
region-034 = Asia meridional
region-145 = Asia occidental
region-150 = Europa
region-151 = Europa oriental
region-154 = Europa septentrional
region-039 = Europa meridional
region-155 = Europa occidental
region-009 = Oceanía
region-053 = Australia y Nueva Zelandia
region-054 = Melanesia
region-057 = Micronesia

## Calendar
calendar-feed = Suscripción al calendario (iCalendar)
calendar-views = Vistas del calendario
calendar-month-view = Mes
calendar-list-view = Lista
calendar-new-title = Nuevo evento
calendar-all-events = Todos los eventos
calendar-empty = No hay eventos.
calendar-previous = Mes anterior
calendar-next = Mes siguiente
calendar-this-month = Eventos de este mes
calendar-month-heading = { $month } de { $year }
event-website = Sitio web
weekday-1 = lun
weekday-2 = mar
weekday-3 = mié
weekday-4 = jue
weekday-5 = vie
weekday-6 = sáb
weekday-7 = dom
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

## Glossary
glossary-search-label = Buscar siglas y sus significados
glossary-new-title = Nueva entrada del glosario
glossary-count = Entradas encontradas
glossary-other-languages = Otros idiomas

## Directory
organisation-new-title = Nueva organización
organisation-people = Personas
organisation-no-people = No hay personas registradas.
person-new-title = Nueva persona

## Accounts
signin-title = Iniciar sesión
signin-failed = La dirección de correo electrónico o la contraseña no son correctas.
signup-title = Crear una cuenta

## Administration
admin-audit-title = Registro de auditoría
admin-audit-caption = Todos los cambios, del más reciente al más antiguo
admin-accounts = Cuentas
admin-roles = Funciones
admin-grant = Asignar una función
admin-scope-global = En todas partes
role-participant = Participante
role-reviewer = Evaluador
role-secretariat = Secretaría
role-admin = Administrador
audit-when = Fecha
audit-who = Autor
audit-what = Acción
audit-record = Elemento
audit-system = Sistema
audit-before = Antes
audit-after = Después
